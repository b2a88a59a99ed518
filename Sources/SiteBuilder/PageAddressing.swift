import ContentModel
import Foundation
import MarkdownRendering
import SiteCore

/// The `address` step: the site graph's pages, a section page per folder and language and a
/// page per file, each with its URL and output path; two files claiming one page or one address,
/// or an address the generator uses itself, are errors.
struct PageAddressing {
    /// With translations in their originals' places (`inheritingOrder`).
    let loaded: LoadedSite

    func graph(documents: [String: MarkdownDocument], diagnostics: inout DiagnosticList) -> SiteGraph {
        let config = loaded.config
        var sourcesByContentPath: [String: SourcePage] = [:]
        sourcesByContentPath.reserveCapacity(loaded.pages.count)
        for page in loaded.pages { sourcesByContentPath[page.contentPath] = page }
        let directories = sectionDirectories()
        var pages: [SitePage] = []
        pages.reserveCapacity(directories.count * config.languages.count + loaded.pages.count)
        // Section pages come first, in every language, so each page's parent URL is known.
        var sectionURLs: [InLanguage: String] = [:]
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
        var groupOwners: [InLanguage: String] = [:]
        for source in loaded.pages where !source.isSectionIndex {
            let group = source.translationGroup
            if let existing = groupOwners[key(group.rawValue, source.language)] {
                diagnostics.append(
                    .error(
                        "Two files are the \(source.language) version of the same page: \(existing) and \(source.path).",
                        at: SourcePosition(file: source.path),
                        hint: "Give them different `translationKey` values, or delete one.", stage: .validate))
                continue
            }
            groupOwners[key(group.rawValue, source.language)] = source.path
            let parentURL = sectionURLs[key(source.directory, source.language)] ?? "/\(source.language)/"
            let url = parentURL + (source.frontMatter.slug ?? source.baseName) + "/"
            pages.append(
                SitePage(
                    kind: .page, language: source.language, source: source, contentLanguage: source.language,
                    group: group, directory: source.directory, title: source.frontMatter.title, url: url,
                    outputPath: String(url.dropFirst()) + "index.html"))
        }
        checkCollisions(pages, diagnostics: &diagnostics)
        var graph = SiteGraph(
            config: config, theme: loaded.theme, pages: pages, documents: documents,
            sourcesByContentPath: sourcesByContentPath, assets: Set(loaded.assets), aliases: [],
            sectionDirectories: directories)
        graph.drafts = Set(loaded.drafts)
        graph.unreadable = loaded.unreadable
        graph.schemas = loaded.schemas
        return graph
    }

    /// A folder's or a translation group's entry in one language.
    private struct InLanguage: Hashable {
        let name: String
        let language: String
    }

    private func key(_ name: String, _ language: String) -> InLanguage { InLanguage(name: name, language: language) }

    /// Translations keep their original's place in lists: an unset `weight` or `date` is taken
    /// from the default-language page, so translators need not copy them.
    static func inheritingOrder(_ pages: [SourcePage], defaultLanguage: String) -> [SourcePage] {
        var originals: [TranslationGroup: SourcePage] = [:]
        for page in pages where page.language == defaultLanguage { originals[TranslationGroup.of(page)] = page }
        return pages.map { page in
            guard page.language != defaultLanguage, let original = originals[TranslationGroup.of(page)] else {
                return page
            }
            var page = page
            if page.frontMatter.weight == 0 { page.frontMatter.weight = original.frontMatter.weight }
            if page.frontMatter.date == nil { page.frontMatter.date = original.frontMatter.date }
            return page
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
}
