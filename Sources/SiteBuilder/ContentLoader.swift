import Foundation
import SiteCore
import Templating

/// The `load` stage: reads config.yaml, the theme and every file under `content/`.
public struct ContentLoader: Sendable {
    public static let contentFolder = "content"

    let context: BuildContext

    public init(context: BuildContext) {
        self.context = context
    }

    /// Throws for configuration problems; content problems are returned as diagnostics so that
    /// later stages can report theirs too.
    public func load() throws(BuildFailure) -> LoadedSite {
        var config = try SiteConfig.load(from: context.source)
        if let override = context.baseURLOverride {
            config.baseURL = override.hasSuffix("/") ? override : override + "/"
        }
        let theme = try Templating.Theme.load(
            name: config.theme, languages: config.languages, defaultLanguage: config.defaultLanguage,
            from: context.source)
        let schemas = try ContentSchema.loadAll(from: context.source)
        var diagnostics = DiagnosticList(theme.i18n.warnings)
        var pages: [SourcePage] = []
        var assets: [String] = []
        var drafts: [String] = []
        let prefix = Self.contentFolder + "/"
        var markdown: [(path: String, contentPath: String)] = []
        for path in context.source.files(under: Self.contentFolder) {
            let contentPath = String(path.dropFirst(prefix.count))
            if contentPath.hasSuffix(".md") {
                markdown.append((path, contentPath))
            } else if path != ShortLinkLedger.file {
                assets.append(contentPath)
            }
        }
        // Files are read and their front matter parsed on every core, in chunks; the results are
        // taken in file order, so diagnostics and pages come out the same on any machine.
        let files = markdown
        let settings = config
        let loadedFiles = ParallelMap.chunks(count: files.count, threads: context.threads) { range in
            range.map { index -> (SourcePage?, DiagnosticList) in
                var found = DiagnosticList()
                let page = loadPage(
                    path: files[index].path, contentPath: files[index].contentPath, config: settings,
                    diagnostics: &found)
                return (page, found)
            }
        }
        for (loaded, found) in loadedFiles {
            diagnostics.append(contentsOf: found.items)
            guard let page = loaded else { continue }
            if page.frontMatter.draft && !context.includeDrafts {
                drafts.append(page.contentPath)
                continue
            }
            pages.append(page)
        }
        let ledger = ShortLinkLedger.load(from: context.source, diagnostics: &diagnostics)
        context.logger.debug("loaded \(pages.count) pages and \(assets.count) assets")
        return LoadedSite(
            config: config, theme: theme, schemas: schemas, pages: pages, assets: assets, drafts: drafts,
            ledger: ledger, diagnostics: diagnostics)
    }

    func loadPage(
        path: String, contentPath: String, config: SiteConfig, diagnostics: inout DiagnosticList
    ) -> SourcePage? {
        let fileName = RelativePath.lastComponent(of: contentPath)
        var parts = fileName.dropLast(3).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var language = config.defaultLanguage
        if parts.count >= 2, let last = parts.last, Language.isKnownCode(last) {
            guard config.language(last) != nil else {
                diagnostics.append(
                    .error(
                        "This file is marked as `\(last)`, but config.yaml does not list that language.",
                        at: SourcePosition(file: path),
                        hint:
                            "Add `\(last)` under `languages` in config.yaml, or rename the file to one of: \(config.languages.map { "\(parts.dropLast().joined(separator: ".")).\($0.code).md" }.joined(separator: ", ")).",
                        stage: .load))
                return nil
            }
            language = last
            parts.removeLast()
        }
        guard let data = context.source.contents(of: path) else { return nil }
        guard let text = String(validating: data, as: UTF8.self) else {
            diagnostics.append(
                .error(
                    "This file is not valid UTF-8 text.", at: SourcePosition(file: path),
                    hint: "Save it as UTF-8 in your editor.", stage: .load))
            return nil
        }
        guard let (frontMatter, body, offset) = FrontMatter.parse(text, file: path, diagnostics: &diagnostics) else {
            return nil
        }
        return SourcePage(
            path: path, contentPath: contentPath, language: language,
            directory: RelativePath.directory(of: contentPath), baseName: parts.joined(separator: "."),
            frontMatter: frontMatter, body: body, bodyLineOffset: offset,
            contentHash: ContentHash.of(text))
    }
}

/// What the load stage hands to validation: settings, theme, pages and assets.
public struct LoadedSite: Sendable {
    public var config: SiteConfig
    public var theme: Templating.Theme
    /// Content kinds by name, `page` included.
    public var schemas: [String: ContentSchema]
    public var pages: [SourcePage]
    /// Non-Markdown files under `content/` (images, PDFs), relative to `content/`.
    public var assets: [String]
    /// Pages left out because they are drafts, relative to `content/`: links to them get a clearer error.
    public var drafts: [String]
    /// The printed QR codes, as committed.
    public var ledger: ShortLinkLedger
    public var diagnostics: DiagnosticList
}
