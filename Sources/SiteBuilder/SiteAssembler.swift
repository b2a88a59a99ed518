import Foundation
import Logging
import MarkdownRendering
import ContentModel
import SiteCore

/// The `validate` stage: turns loaded files into the site graph (sections, translations, URLs),
/// parses Markdown, and checks what would break the published site: colliding URLs, aliases,
/// links and anchors.
public struct SiteAssembler: Sendable {
    var loaded: LoadedSite
    /// Markdown parsed by an earlier build, by file, with the body it was parsed from: a live
    /// preview re-parses only what changed.
    let parsed: [String: (body: String, document: MarkdownDocument)]

    /// 1: parse on the calling thread only.
    var threads = 0
    var logger: Logger?
    /// Keep each page's Markdown after parsing (the live preview compares it on the next edit);
    /// a one-off build lets it go.
    var keepsMarkdown = true

    public init(loaded: LoadedSite, parsed: [String: (body: String, document: MarkdownDocument)] = [:]) {
        var loaded = loaded
        loaded.pages = Self.inheritingOrder(loaded.pages, defaultLanguage: loaded.config.defaultLanguage)
        self.loaded = loaded
        self.parsed = parsed
    }

    /// Translations keep their original's place in lists: an unset `weight` or `date` is taken
    /// from the default-language page, so translators need not copy them.
    static func inheritingOrder(_ pages: [SourcePage], defaultLanguage: String) -> [SourcePage] {
        var originals: [String: SourcePage] = [:]
        for page in pages where page.language == defaultLanguage { originals[TranslationGroup.of( page)] = page }
        return pages.map { page in
            guard page.language != defaultLanguage, let original = originals[TranslationGroup.of( page)] else {
                return page
            }
            var page = page
            if page.frontMatter.weight == 0 { page.frontMatter.weight = original.frontMatter.weight }
            if page.frontMatter.date == nil { page.frontMatter.date = original.frontMatter.date }
            return page
        }
    }

    public mutating func assemble() -> (SiteGraph, DiagnosticList) {
        var clock = StageClock(logger: logger, prefix: "assemble, ")
        var diagnostics = DiagnosticList()
        let config = loaded.config
        let renderer = MarkdownRenderer(allowRawHTML: config.allowRawHTML)
        var documents: [String: MarkdownDocument] = [:]
        var sourcesByContentPath: [String: SourcePage] = [:]
        // Markdown is parsed on every core (see MarkdownRenderer for what cmark-gfm serialises).
        // Without `keepsMarkdown`, each text is let go as soon as it is parsed, so the texts and
        // the parsed pages are not all held at once.
        let bodies = Bodies(loaded.pages.map(\.body))
        if !keepsMarkdown {
            // Section texts stay: shown untranslated in other languages, they fill in the link
            // that starts a translation (`TranslationDraft`).
            for index in loaded.pages.indices where !loaded.pages[index].isSectionIndex {
                loaded.pages[index].body = ""
            }
        }
        let sources = loaded.pages
        let earlier = parsed
        let keepsMarkdown = keepsMarkdown
        let parsedDocuments = ParallelMap.chunks(count: sources.count, threads: threads) { range in
            range.map { index -> MarkdownDocument in
                let page = sources[index]
                let body = keepsMarkdown ? bodies[index] : bodies.take(index)
                if let known = earlier[page.path], known.body == body { return known.document }
                return renderer.parse(body)
            }
        }
        documents.reserveCapacity(sources.count)
        sourcesByContentPath.reserveCapacity(sources.count)
        for (page, document) in zip(sources, parsedDocuments) {
            documents[page.path] = document
            sourcesByContentPath[page.contentPath] = page
        }
        // The Markdown's text is gone (one-off builds): its memory goes back before the graph grows.
        if !keepsMarkdown { FreedMemory.returnToSystem() }
        clock.lap("parse Markdown")

        let directories = sectionDirectories()
        var pages: [SitePage] = []
        pages.reserveCapacity(directories.count * config.languages.count + sources.count)
        // Section pages come first, in every language, so each page's parent URL is known.
        var sectionURLs: [String: String] = [:]
        for directory in directories {
            for language in config.languages {
                let source = sectionSource(directory, language: language.code)
                let parentURL =
                    directory.isEmpty
                    ? "/" : sectionURLs[key(RelativePath.directory(of: directory), language.code)] ?? "/"
                let url: String
                if directory.isEmpty {
                    url = "/\(language.code)/"
                } else {
                    let ownSlug = source?.language == language.code ? source?.frontMatter.slug : nil
                    url = parentURL + (ownSlug ?? RelativePath.lastComponent(of: directory)) + "/"
                }
                sectionURLs[key(directory, language.code)] = url
                pages.append(
                    SitePage(
                        kind: directory.isEmpty ? .home : .section, language: language.code, source: source,
                        contentLanguage: source?.language ?? language.code, group: TranslationGroup.section(directory),
                        directory: directory, title: source?.frontMatter.title ?? sectionTitle(directory),
                        url: url, outputPath: String(url.dropFirst()) + "index.html"))
            }
        }
        // Paths, not pages: a page is a large value (see ContentChecker).
        var groupOwners: [String: String] = [:]
        for source in sources where !source.isSectionIndex {
            let group = source.translationGroup
            if let existing = groupOwners[key(group, source.language)] {
                diagnostics.append(
                    .error(
                        "Two files are the \(source.language) version of the same page: \(existing) and \(source.path).",
                        at: SourcePosition(file: source.path),
                        hint: "Give them different `translationKey` values, or delete one.", stage: .validate))
                continue
            }
            groupOwners[key(group, source.language)] = source.path
            let parentURL = sectionURLs[key(source.directory, source.language)] ?? "/\(source.language)/"
            let url = parentURL + (source.frontMatter.slug ?? source.baseName) + "/"
            pages.append(
                SitePage(
                    kind: .page, language: source.language, source: source, contentLanguage: source.language,
                    group: group, directory: source.directory, title: source.frontMatter.title, url: url,
                    outputPath: String(url.dropFirst()) + "index.html"))
        }
        checkCollisions(pages, diagnostics: &diagnostics)
        clock.lap("pages and URLs")

        var graph = SiteGraph(
            config: config, theme: loaded.theme, pages: pages, documents: documents,
            sourcesByContentPath: sourcesByContentPath, assets: Set(loaded.assets), aliases: [],
            sectionDirectories: directories)
        graph.drafts = Set(loaded.drafts)
        graph.unreadable = loaded.unreadable
        graph.schemas = loaded.schemas
        assignKindsAndFields(to: &graph, diagnostics: &diagnostics)
        clock.lap("kinds and fields")
        graph.aliases = aliases(in: graph, diagnostics: &diagnostics)
        checkLayouts(graph, diagnostics: &diagnostics)

        let resolver = LinkResolver(graph: graph)
        // Every page's links on every core; diagnostics are kept in page order.
        let resolved = ParallelMap.chunks(count: graph.pages.count, threads: threads) { [graph] range in
            range.map { offset -> ([Int: String], DiagnosticList) in
                var found = DiagnosticList()
                return (resolver.rewrites(for: graph.pages[offset], diagnostics: &found), found)
            }
        }
        for (offset, (rewrites, found)) in resolved.enumerated() {
            graph.pages[offset].linkRewrites = rewrites
            diagnostics.append(contentsOf: found.items)
        }
        resolver.checkMenus(diagnostics: &diagnostics)
        clock.lap("links")
        ContentChecker(graph: graph).check(diagnostics: &diagnostics)
        clock.lap("content checks")
        // A draft exists, published or not: its code stays valid, and it gets none until it is published
        // (a code given by `--drafts` would be written to the ledger and break the next plain build).
        let groups = Set(graph.pages.map(\.group)).union(loaded.draftGroups)
        let publishedGroups = Set(graph.pages.filter { $0.source?.frontMatter.draft != true }.map(\.group))
        var ledger = loaded.ledger
        graph.ledgerNotes = ledger.followMoves(present: groups) { movedPage(from: $0, in: graph) }
        ledger.checkTargets(groups: groups, unreadable: loaded.unreadable, diagnostics: &diagnostics)
        let added: Int
        (graph.ledger, added) = ledger.assigningCodes(to: Array(publishedGroups))
        if added > 0 { graph.ledgerNotes.append("Added QR codes for \(added) new page\(added == 1 ? "" : "s").") }
        graph.qrErrorCorrection = qrErrorCorrection(in: graph, diagnostics: &diagnostics)
        for entry in graph.ledger.entries where entry.url == nil && entry.redirect == nil {
            if let group = entry.group, graph.shortCodes[group] == nil { graph.shortCodes[group] = entry.code }
        }
        return (graph, diagnostics)
    }

    private func key(_ a: String, _ b: String) -> String { a + "\u{0}" + b }

    /// Pages that ask for another QR error-correction level than the site's. All translations share
    /// one printed code, so the level is set in the default-language file; a translation may only repeat it.
    private func qrErrorCorrection(in graph: SiteGraph, diagnostics: inout DiagnosticList) -> [String: String] {
        var levels: [String: String] = [:]
        // Indices, not copies of the pages (a page is a large value).
        let sources = graph.pages.indices.lazy.compactMap { index -> SourcePage? in
            graph.pages[index].source.flatMap { $0.language == graph.pages[index].language ? $0 : nil }
        }
        for source in sources where source.language == graph.config.defaultLanguage {
            if let level = source.frontMatter.qrErrorCorrection { levels[TranslationGroup.of( source)] = level }
        }
        for source in sources where source.language != graph.config.defaultLanguage {
            guard let level = source.frontMatter.qrErrorCorrection,
                level != levels[TranslationGroup.of( source)] ?? graph.config.qrErrorCorrection
            else { continue }
            let group = TranslationGroup.of( source)
            let defaultFile =
                graph.page(group: group, language: graph.config.defaultLanguage).flatMap {
                    graph.pages[$0].source?.path
                }
                ?? "the \(graph.config.defaultLanguage) file"
            diagnostics.append(
                .error(
                    "All translations of a page share one QR code, so a translation cannot change `qrErrorCorrection`.",
                    at: source.frontMatter.qrErrorCorrectionPosition ?? SourcePosition(file: source.path),
                    hint: "Remove the line here; set it in \(defaultFile), which all translations follow.",
                    stage: .validate))
        }
        return levels
    }

    /// The group of the page whose `aliases` claim the address `file` (a default-language content
    /// file that no longer exists) was published at.
    private func movedPage(from file: String, in graph: SiteGraph) -> String? {
        let path = String(file.dropLast(3))
        let name = RelativePath.lastComponent(of: path)
        let directory = RelativePath.directory(of: path)
        let language = graph.config.defaultLanguage
        var candidates = name == "_index" ? [language + "/" + directory, directory] : [language + "/" + path, path]
        if name != "_index", let section = graph.sectionPage(directory, language: language) {
            candidates.append(graph.pages[section].url + name)
        }
        for candidate in candidates {
            guard let normalized = RelativePath.normalize(candidate), !normalized.isEmpty else { continue }
            if let alias = graph.aliases.first(where: { $0.outputPath == normalized + "/index.html" }) {
                return graph.pages[alias.target].group
            }
        }
        return nil
    }

    /// The kind of a file: its `kind:` field, else the schema claiming its folder (or the
    /// nearest parent folder), else a plain page. Section pages are plain pages.
    private func kind(of source: SourcePage, diagnostics: inout DiagnosticList) -> String {
        let schemas = loaded.schemas
        if let named = source.frontMatter.kind {
            if schemas[named] != nil { return named }
            let known = schemas.keys.sorted()
            diagnostics.append(
                .error(
                    "There is no content kind called `\(named)`.",
                    at: source.frontMatter.kindPosition ?? SourcePosition(file: source.path),
                    hint: EditDistance.closest(to: named, among: known).map { "Did you mean `\($0)`?" }
                        ?? "Use one of: \(known.joined(separator: ", ")), or add schemas/\(named).yaml.",
                    stage: .validate))
            return "page"
        }
        if source.isSectionIndex { return "page" }
        var directory = source.directory
        while true {
            if let schema = schemas.values.first(where: { $0.sections.contains(directory) }) { return schema.kind }
            if directory.isEmpty { return "page" }
            directory = RelativePath.directory(of: directory)
        }
    }

    /// Checks typed fields, merges translations with what they inherit from the default
    /// language, and records which pages refer to which.
    private func assignKindsAndFields(to graph: inout SiteGraph, diagnostics: inout DiagnosticList) {
        var kindsByContentPath: [String: String] = [:]
        for source in loaded.pages {
            let kind = kind(of: source, diagnostics: &diagnostics)
            graph.kinds[source.path] = kind
            kindsByContentPath[source.contentPath] = kind
        }
        var published: [String: String] = [:]
        for asset in loaded.assets { published[ContentPaths.folder + "/" + asset] = "/" + asset }
        for (output, source) in loaded.theme.staticFiles { published[source] = "/" + output }
        var validator = FieldValidator(
            schemas: loaded.schemas, kinds: kindsByContentPath, publishedAssets: published)
        validator.unreadable = loaded.unreadable

        var own: [String: [String: FieldValue]] = [:]
        var versions: [String: [SourcePage]] = [:]
        for source in loaded.pages {
            let schema = loaded.schemas[graph.kinds[source.path] ?? "page"] ?? .plainPage
            own[source.path] = validator.validate(source, schema: schema, diagnostics: &diagnostics)
            versions[TranslationGroup.of( source), default: []].append(source)
        }
        let languageOrder = [loaded.config.defaultLanguage] + loaded.config.languages.map(\.code)
        for (group, sources) in versions {
            let ordered = sources.sorted {
                (languageOrder.firstIndex(of: $0.language) ?? 99) < (languageOrder.firstIndex(of: $1.language) ?? 99)
            }
            let base = ordered[0]
            let schema = loaded.schemas[graph.kinds[base.path] ?? "page"] ?? .plainPage
            let baseValues = own[base.path] ?? [:]
            if let original = unreadableOriginal(of: base) {
                // The translations would inherit from a file that could not be read: its error says so.
                for translation in ordered {
                    diagnostics.append(
                        Diagnostic.error(
                            "The original of this translation, \(original), could not be read.",
                            at: SourcePosition(file: translation.path), hint: "Fix the error reported in \(original).",
                            stage: .validate
                        ).depending(on: original, as: .translation))
                }
            } else {
                validator.checkRequired(baseValues, schema: schema, source: base, diagnostics: &diagnostics)
            }
            graph.fieldValues[base.path] = baseValues
            for translation in ordered.dropFirst() {
                var merged = baseValues
                for (name, value) in own[translation.path] ?? [:] {
                    let translatable = schema.field(name)?.translatable ?? true
                    if !translatable, let inherited = baseValues[name], inherited != value {
                        let object = translation.frontMatter.fields
                        diagnostics.append(
                            .error(
                                "`\(name)` cannot differ between translations: \(base.path) says `\(inherited.written)`.",
                                at: object.value(name).map { object.position(of: $0) }
                                    ?? SourcePosition(file: translation.path),
                                hint: "Remove `\(name)` from this file; translations take it from \(base.path).",
                                stage: .validate))
                        continue
                    }
                    merged[name] = value
                }
                graph.fieldValues[translation.path] = merged
            }
            for value in baseValues.values {
                for target in Self.references(in: value) {
                    guard let targetSource = graph.sourcesByContentPath[target] else { continue }
                    graph.referencedBy[TranslationGroup.of( targetSource), default: []].insert(group)
                }
            }
        }
    }

    /// The default-language file of a translation's page when it exists but could not be read
    /// (`content/…`); nil when the page is in the default language or its original is fine.
    private func unreadableOriginal(of source: SourcePage) -> String? {
        guard source.language != loaded.config.defaultLanguage else { return nil }
        let name = source.baseName + ".md"
        let original = source.directory.isEmpty ? name : source.directory + "/" + name
        guard loaded.unreadable.contains(original) else { return nil }
        return ContentPaths.folder + "/" + original
    }

    static func references(in value: FieldValue) -> [String] {
        switch value {
        case .reference(let path): return [path]
        case .list(let items): return items.flatMap(references(in:))
        default: return []
        }
    }

    /// Every folder holding Markdown, and its ancestors, parents first.
    private func sectionDirectories() -> [String] {
        var directories: Set<String> = [""]
        for page in loaded.pages {
            var directory = page.directory
            while !directory.isEmpty {
                directories.insert(directory)
                directory = RelativePath.directory(of: directory)
            }
        }
        return directories.sorted { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }
    }

    /// The `_index` file that gives a section its title and text in `language`: its own, else
    /// the default language's, else any language's.
    private func sectionSource(_ directory: String, language: String) -> SourcePage? {
        let indexes = loaded.pages.filter { $0.isSectionIndex && $0.directory == directory }
        return indexes.first { $0.language == language }
            ?? indexes.first { $0.language == loaded.config.defaultLanguage }
            ?? loaded.config.languages.lazy.compactMap { code in indexes.first { $0.language == code.code } }.first
    }

    private func sectionTitle(_ directory: String) -> String {
        if directory.isEmpty { return loaded.config.title }
        let name = RelativePath.lastComponent(of: directory).replacingOccurrences(of: "-", with: " ")
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    /// Folders in each language that the generator fills itself: the search page and index, the QR
    /// sheet and posters.
    static let generatedFolders = ["search": "the search page", "qr": "the QR code sheet and posters"]

    /// What the generator publishes at `outputPath` itself, if anything.
    static func generatedUse(of outputPath: String, languages: [Language]) -> String? {
        let parts = outputPath.split(separator: "/", maxSplits: 2)
        guard parts.count >= 2, languages.contains(where: { $0.code == parts[0] }) else {
            return parts.first == "Q" ? "the printed QR codes' short links" : nil
        }
        return generatedFolders[String(parts[1])]
    }

    private func checkCollisions(_ pages: [SitePage], diagnostics: inout DiagnosticList) {
        var owners: [String: SitePage] = [:]
        for page in pages {
            if let source = page.source, page.language == source.language,
                let use = Self.generatedUse(of: page.outputPath, languages: loaded.config.languages)
            {
                diagnostics.append(
                    .error(
                        "\(source.path) would be published at \(page.url), where the generator publishes \(use).",
                        at: source.frontMatter.fields.value("slug").map { source.frontMatter.fields.position(of: $0) }
                            ?? SourcePosition(file: source.path),
                        hint: "Give it another `slug` or file name.", stage: .validate))
            }
            // Generated section pages for untranslated languages cannot collide with each other.
            if let existing = owners[page.outputPath], let source = page.source, let other = existing.source,
                source.path != other.path
            {
                // At the `slug:` that made them collide, when one of them has one.
                let slugPosition = [source, other].lazy.compactMap { file in
                    file.frontMatter.fields.value("slug").map { file.frontMatter.fields.position(of: $0) }
                }.first
                diagnostics.append(
                    .error(
                        "\(other.path) and \(source.path) would both be published at \(page.url).",
                        at: slugPosition ?? SourcePosition(file: source.path),
                        hint: "Give one of them a different `slug` or file name.", stage: .validate))
            } else {
                owners[page.outputPath] = page
            }
        }
    }

    private func aliases(in graph: SiteGraph, diagnostics: inout DiagnosticList) -> [Alias] {
        var taken = Dictionary(
            graph.pages.map { ($0.outputPath, $0.source?.path ?? $0.url) }, uniquingKeysWith: { a, _ in a })
        var aliases: [Alias] = []
        for (offset, page) in graph.pages.enumerated() {
            guard let source = page.source, source.language == page.language else { continue }
            guard page.kind == .page || source.language == page.language else { continue }
            for (path, position) in source.frontMatter.aliases {
                guard let normalized = RelativePath.normalize(path), !normalized.isEmpty,
                    !path.contains("://"), !path.contains("?"), !path.contains("#")
                else {
                    diagnostics.append(
                        .error(
                            "`\(path)` cannot be used as an alias.", at: position,
                            hint: "Write the old address as a path on this site, e.g. `/old/page/`.", stage: .validate))
                    continue
                }
                let outputPath = normalized.hasSuffix(".html") ? normalized : normalized + "/index.html"
                if let use = Self.generatedUse(of: outputPath, languages: graph.config.languages) {
                    diagnostics.append(
                        .error(
                            "The alias `\(path)` is where the generator publishes \(use).", at: position,
                            hint: "Remove the alias.", stage: .validate))
                    continue
                }
                if outputPath == page.outputPath {
                    diagnostics.append(
                        .error(
                            "The alias `\(path)` is this page's own address, so it would redirect to itself.",
                            at: position, hint: "Remove it: an alias is an old address that should lead here.",
                            stage: .validate))
                    continue
                }
                if let owner = taken[outputPath] {
                    diagnostics.append(
                        .error(
                            "The alias `\(path)` is already used by \(owner).", at: position,
                            hint: "Remove the alias or choose another old address.", stage: .validate))
                    continue
                }
                taken[outputPath] = source.path
                aliases.append(Alias(outputPath: outputPath, target: offset, position: position))
            }
        }
        return aliases
    }

    private func checkLayouts(_ graph: SiteGraph, diagnostics: inout DiagnosticList) {
        for page in graph.pages {
            guard let source = page.source, let layout = source.frontMatter.layout, !graph.theme.hasTemplate(layout)
            else { continue }
            let known = graph.theme.templateSources.keys.filter { !$0.contains("/") }.sorted()
            let suggestion = EditDistance.closest(to: layout, among: known)
            diagnostics.append(
                .error(
                    "There is no template called `\(layout)`.",
                    at: source.frontMatter.layoutPosition ?? SourcePosition(file: source.path),
                    hint: suggestion.map { "Did you mean `\($0)`?" }
                        ?? "Add layouts/\(layout).mustache or use one of: \(known.joined(separator: ", ")).",
                    stage: .validate))
        }
    }
}

/// The pages' Markdown texts, each taken by the one thread that parses it.
private final class Bodies: @unchecked Sendable {
    private var texts: [String]
    private let lock = NSLock()

    init(_ texts: [String]) { self.texts = texts }

    subscript(index: Int) -> String { lock.withLock { texts[index] } }

    /// The text, no longer held here.
    func take(_ index: Int) -> String {
        lock.withLock {
            let text = texts[index]
            texts[index] = ""
            return text
        }
    }
}
