import ContentModel
import Foundation
import ShortLinks
import SiteCore
import Templating
import Yams

/// The `load` stage: reads config.yaml, the theme and every file under `content/`.
public struct ContentLoader: Sendable {
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
        var draftGroups: Set<TranslationGroup> = []
        let prefix = ContentPaths.folder + "/"
        var markdown: [(path: String, contentPath: String)] = []
        let listing = context.source.listing(under: ContentPaths.folder)
        for path in listing.files {
            let contentPath = String(path.dropFirst(prefix.count))
            if contentPath.hasSuffix(".md") {
                markdown.append((path, contentPath))
            } else if path != ShortLinkLedger.file {
                assets.append(contentPath)
            }
        }
        // Files are read and their front matter parsed on every core, in chunks; the results are
        // taken in file order, so diagnostics and pages come out the same on any machine.
        let glossaries = Glossary.loadAll(
            languages: config.languages.map(\.code), from: context.source, diagnostics: &diagnostics)
        let files = markdown
        let settings = config
        let loadedFiles = ParallelMap.chunks(count: files.count, threads: context.threads) { range in
            range.map { index -> (SourcePage?, DiagnosticList) in
                var found = DiagnosticList()
                let page = loadPage(
                    path: files[index].path, contentPath: files[index].contentPath, config: settings,
                    glossaries: glossaries, diagnostics: &found)
                return (page, found)
            }
        }
        var unreadable: Set<String> = []
        for (index, (loaded, found)) in loadedFiles.enumerated() {
            diagnostics.append(contentsOf: found.items)
            guard let page = loaded else {
                if found.hasErrors { unreadable.insert(files[index].contentPath) }
                continue
            }
            if page.frontMatter.draft && !context.includeDrafts {
                drafts.append(page.contentPath)
                draftGroups.insert(TranslationGroup.of(page))
                continue
            }
            pages.append(page)
        }
        for (link, leadsOutside) in listing.skippedLinks {
            diagnostics.append(
                .warning(
                    leadsOutside
                        ? "\(link) is a symbolic link that leads outside the site folder, so it is left out of the site."
                        : "\(link) is a symbolic link, so it is left out of the site: links are not followed.",
                    at: SourcePosition(file: link),
                    hint: "Put the file itself here (a copy), or remove the link.", stage: .load))
        }
        let ledger = ShortLinkLedger.load(from: context.source, diagnostics: &diagnostics)
        let figures = OfficialFigures.load(
            from: context.source, languages: config.languages.map(\.code), diagnostics: &diagnostics)
        context.logger.debug("loaded \(pages.count) pages and \(assets.count) assets")
        var site = LoadedSite(
            config: config, theme: theme, schemas: schemas, pages: pages, assets: assets, drafts: drafts,
            draftGroups: draftGroups, unreadable: unreadable, ledger: ledger, diagnostics: diagnostics)
        site.figures = figures
        return site
    }

    func loadPage(
        path: String, contentPath: String, config: SiteConfig, glossaries: [String: Glossary] = [:],
        diagnostics: inout DiagnosticList
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
        // Folder and file names become parts of web addresses.
        for folder in contentPath.split(separator: "/").dropLast().map(String.init) {
            guard let unsafe = Slugifier.firstUnsafeCharacter(inSegment: folder) else { continue }
            diagnostics.append(
                .error(
                    "The folder name `\(folder)` holds \(ContentPaths.describe(unsafe)), which does not work in a web address.",
                    at: SourcePosition(file: path),
                    hint: "Rename the folder with letters, digits and dashes, e.g. `\(Slugifier.slug(folder))`.",
                    stage: .load))
            return nil
        }
        guard let data = context.source.contents(of: path) else { return nil }
        guard let text = Self.readableText(data, file: path, limits: config.limits, diagnostics: &diagnostics)
        else { return nil }
        guard
            let (frontMatter, body, offset) = FrontMatter.parse(
                text, file: path, limits: config.limits, diagnostics: &diagnostics)
        else { return nil }
        let baseName = parts.joined(separator: ".")
        if frontMatter.slug == nil, let unsafe = Slugifier.firstUnsafeCharacter(inSegment: baseName) {
            diagnostics.append(
                .error(
                    "The file name `\(baseName)` holds \(ContentPaths.describe(unsafe)), which does not work in a web address.",
                    at: SourcePosition(file: path),
                    hint:
                        "Rename the file with letters, digits and dashes (`\(Slugifier.slug(baseName)).md`), or set `slug:` in its front matter.",
                    stage: .load))
            return nil
        }
        if let range = body.firstByteRange(of: PageScaffold.placeholderStart) {
            let line = offset + 1 + body[..<range.lowerBound].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            diagnostics.append(
                .error(
                    "This page still has the placeholder text that `interact-site new` wrote.",
                    at: SourcePosition(file: path, line: line, column: 1),
                    hint: "Replace the line with the page's text.", stage: .validate))
        }
        if let glossary = glossaries[language] {
            // The text as written: the body here, then the title and description where they stand.
            diagnostics.append(contentsOf: glossary.check(body, file: path, line: offset + 1))
            for key in ["title", "description"] {
                guard let node = frontMatter.fields.value(key), let text = node.scalar?.string else { continue }
                let position = frontMatter.fields.position(of: node)
                // The text starts after an opening quote.
                let quoted = [.singleQuoted, .doubleQuoted].contains(node.scalar?.style)
                diagnostics.append(
                    contentsOf: glossary.check(
                        text, file: path, line: position.line, column: position.column + (quoted ? 1 : 0)))
            }
        }
        if frontMatter.slug == nil, baseName != baseName.lowercased() {
            let lowered = ([baseName.lowercased()] + (language == config.defaultLanguage ? [] : [language]) + ["md"])
                .joined(separator: ".")
            diagnostics.append(
                .warning(
                    "The file name `\(fileName)` has capital letters, which appear in the page's web address (…/\(baseName)/).",
                    at: SourcePosition(file: path),
                    hint: "Rename it `\(lowered)`: addresses are written in lower case.", stage: .load))
        }
        return SourcePage(
            path: path, contentPath: contentPath, language: language,
            directory: RelativePath.directory(of: contentPath), baseName: baseName,
            frontMatter: frontMatter, body: body, bodyLineOffset: offset,
            contentHash: ContentHash.of(text), fingerprintingBody: language == config.defaultLanguage)
    }
}

extension ContentLoader {
    /// The text of a source file, or nil with an error saying where it goes wrong: too large,
    /// not UTF-8 (the first bad byte's line and column), or holding a NUL character, which YAML
    /// refuses and browsers show as nothing; both come from pasting or from saving as UTF-16.
    static func readableText(
        _ data: Data, file: String, limits: SiteLimits, diagnostics: inout DiagnosticList
    ) -> String? {
        let limitBytes = limits.maxFileSizeKB * 1024
        if data.count > limitBytes {
            diagnostics.append(
                .error(
                    "This file is \(sizeText(data.count)); files may be at most \(sizeText(limitBytes)).",
                    at: SourcePosition(file: file),
                    hint:
                        "Split it into several pages, or raise `limits.maxFileSizeKB` in config.yaml if it must be this long.",
                    stage: .load))
            return nil
        }
        let holdsNUL = data.withUnsafeBytes { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        }
        guard !holdsNUL, let text = String(validating: data, as: UTF8.self) else {
            let (isNUL, line, column) = firstUnreadableCharacter(in: data)
            let position = SourcePosition(file: file, line: line, column: column)
            diagnostics.append(
                isNUL
                    ? .error(
                        "This file contains a NUL character, an invisible control character that pages cannot show.",
                        at: position,
                        hint:
                            "Delete it (it often comes with text pasted from another program), or save the file as UTF-8 if it was saved as UTF-16.",
                        stage: .load)
                    : .error(
                        "This file is not valid UTF-8 text: the character here is in another encoding.", at: position,
                        hint: "Save the file as UTF-8 in your editor, then check this character.", stage: .load))
            return nil
        }
        return text
    }

    /// Where the first byte that is not UTF-8, or the first NUL, is: 1-based line and column
    /// (in characters), and which of the two it is. Only asked of a file known to have one.
    static func firstUnreadableCharacter(in data: Data) -> (isNUL: Bool, line: Int, column: Int) {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded) where encoded.count == 1 && encoded.first == 0:
                return (true, line, column)
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error, .emptyInput:
                return (false, line, column)
            }
        }
    }

    private static func sizeText(_ bytes: Int) -> String {
        bytes >= 1024 * 1024
            ? String(format: "%.1f MB", Double(bytes) / 1024 / 1024) : "\((bytes + 1023) / 1024) KB"
    }
}

/// What the load stage hands to validation: settings, theme, pages and assets.
public struct LoadedSite: Sendable {
    public var config: SiteConfig
    public var theme: Templating.Theme
    /// Content kinds by name, `page` included.
    public var schemas: [ContentKind: ContentSchema]
    public var pages: [SourcePage]
    /// Non-Markdown files under `content/` (images, PDFs), relative to `content/`.
    public var assets: [String]
    /// Pages left out because they are drafts, relative to `content/`: links to them get a clearer error.
    public var drafts: [String]
    /// The translation groups of those drafts: their printed QR codes stay valid.
    public var draftGroups: Set<TranslationGroup> = []
    /// Markdown files that exist but could not be read (each has an error), relative to
    /// `content/`: what only follows from their absence is counted in that error, not reported.
    public var unreadable: Set<String> = []
    /// The printed QR codes, as committed.
    public var ledger: ShortLinkLedger
    /// The official figures of `data/figures.yaml` (none when the site has no such file).
    public var figures = OfficialFigures()
    public var diagnostics: DiagnosticList
    /// Each page's text as the parse step keyed it for the build cache (empty without one).
    var bodyKeys: [String: MarkdownCache.Key] = [:]
}
