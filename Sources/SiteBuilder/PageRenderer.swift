import Foundation
import MarkdownRendering
import SiteCore
import Templating

/// The `render` stage: fills the template model for each page and renders it with the theme.
///
/// Runs on one thread: pages that share a source (an untranslated section shown in several
/// languages) share its parsed Markdown.
public struct PageRenderer {
    let graph: SiteGraph
    let resolver: LinkResolver
    private var dateFormatters: [String: DateFormatter] = [:]
    private var i18nByLanguage: [String: [String: String]] = [:]
    /// Section folder → whether its pages carry dates (and so it gets an Atom feed).
    let datedSections: Set<String>

    public init(graph: SiteGraph) {
        self.graph = graph
        self.resolver = LinkResolver(graph: graph)
        for language in graph.config.languages {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: language.locale)
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateStyle = .long
            formatter.timeStyle = .none
            dateFormatters[language.code] = formatter
            i18nByLanguage[language.code] = graph.theme.i18n.strings(for: language.code)
        }
        datedSections = Set(
            graph.pages.filter { $0.kind == .page && $0.source?.frontMatter.date != nil }.map(\.directory))
    }

    /// Renders every page; template output that is nil (a missing template) is an error.
    public func render(progress: ((Int, Int) -> Void)? = nil) -> ([OutputFile], DiagnosticList) {
        var files: [OutputFile] = []
        var diagnostics = DiagnosticList()
        for (offset, page) in graph.pages.enumerated() {
            let context = pageContext(for: offset)
            let layout = page.source?.frontMatter.layout ?? page.kind.rawValue
            if let html = graph.theme.render(context, template: layout) {
                files.append(OutputFile(path: page.outputPath, text: html))
            } else {
                diagnostics.append(
                    .error(
                        "The template `\(layout)` produced nothing for this page.",
                        at: SourcePosition(file: page.source?.path ?? "themes/\(graph.theme.name)"), stage: .render))
            }
            progress?(offset + 1, graph.pages.count)
        }
        return (files, diagnostics)
    }

    // MARK: Building the template model

    func pageContext(for offset: Int) -> PageContext {
        let page = graph.pages[offset]
        let language = page.language
        let document = page.source.flatMap { graph.documents[$0.path] }
        let content = document?.renderHTML { page.linkRewrites[$0.index] } ?? ""
        let listed = page.isList ? graph.listedPages(in: page.directory, language: language) : []
        let subsections =
            page.isList
            ? graph.sortedForListing(
                graph.subsections(of: page.directory).compactMap { graph.sectionPage($0, language: language) },
                language: language) : []
        let contentLanguage = graph.config.language(page.contentLanguage)
        let i18n = graph.theme.i18n
        let info = PageInfo(
            title: page.title,
            description: page.source?.frontMatter.description ?? document?.firstParagraph.nonEmpty,
            content: content,
            url: page.url,
            permalink: permalink(page.url),
            kind: page.kind.rawValue,
            date: formatted(page.source?.frontMatter.date, language: language),
            dateISO: page.source?.frontMatter.date?.iso,
            contentLanguage: page.contentLanguage,
            contentDirection: contentLanguage?.direction.rawValue ?? "ltr",
            isFallback: page.isFallback,
            fallbackNotice: page.isFallback
                ? i18n.text(
                    "fallbackNotice", language: language, ["language": contentLanguage?.name ?? page.contentLanguage])
                : nil,
            toc: tableOfContents(document?.headings ?? []),
            pageCountLabel: page.isList ? i18n.plural("pageCount", count: listed.count, language: language) : nil,
            feedURL: page.isList && datedSections.contains(page.directory) ? page.url + "atom.xml" : nil,
            params: page.source?.frontMatter.params ?? .empty,
            sourcePath: page.source?.path ?? "")
        return PageContext(
            site: siteInfo(language: language),
            language: languageInfo(language),
            page: info,
            languages: languageLinks(group: page.group, current: language),
            alternates: alternates(group: page.group),
            menus: menus(language: language, currentURL: page.url),
            sections: graph.sortedForListing(
                graph.subsections(of: "").compactMap { graph.sectionPage($0, language: language) }, language: language
            ).map { link(to: $0, language: language, currentURL: page.url) },
            breadcrumbs: breadcrumbs(for: page).map { link(to: $0, language: language, currentURL: page.url) },
            subsections: subsections.map { link(to: $0, language: language, currentURL: page.url) },
            pages: listed.map { link(to: $0, language: language, currentURL: page.url) },
            i18n: i18nByLanguage[language] ?? [:])
    }

    func siteInfo(language: String) -> SiteInfo {
        SiteInfo(
            title: graph.config.language(language)?.title ?? graph.config.title, baseURL: graph.config.baseURL,
            params: graph.config.params, defaultLanguage: graph.config.defaultLanguage)
    }

    func languageInfo(_ code: String) -> LanguageInfo {
        let language = graph.config.language(code) ?? graph.config.defaultLanguageValue
        return LanguageInfo(
            code: language.code, name: language.name, locale: language.locale, direction: language.direction.rawValue,
            homeURL: "/\(language.code)/")
    }

    func strings(_ language: String) -> [String: String] { i18nByLanguage[language] ?? [:] }

    func permalink(_ url: String) -> String { graph.config.baseURL + url.dropFirst() }

    private func formatted(_ date: PageDate?, language: String) -> String? {
        guard let date, let formatter = dateFormatters[language] else { return nil }
        return formatter.string(from: date.date)
    }

    private func link(to offset: Int, language: String, currentURL: String) -> PageLink {
        let page = graph.pages[offset]
        let date = page.source?.frontMatter.date
        return PageLink(
            title: page.title, url: page.url,
            description: page.source?.frontMatter.description,
            date: formatted(date, language: language), dateISO: date?.iso,
            lang: page.contentLanguage,
            languageName: graph.config.language(page.contentLanguage)?.name ?? page.contentLanguage,
            isFallback: page.contentLanguage != language,
            isCurrent: page.url == currentURL || (page.kind == .section && currentURL.hasPrefix(page.url)))
    }

    /// The switcher: every language, with this page's translation or that language's home.
    func languageLinks(group: String, current: String) -> [LanguageLink] {
        graph.config.languages.map { language in
            let translation = graph.page(group: group, language: language.code)
            return LanguageLink(
                code: language.code, name: language.name,
                url: translation.map { graph.pages[$0].url } ?? "/\(language.code)/",
                isCurrent: language.code == current, hasTranslation: translation != nil,
                direction: language.direction.rawValue)
        }
    }

    func alternates(group: String) -> [Alternate] {
        let versions = graph.translations(of: group)
        guard !versions.isEmpty else { return [] }
        var result = versions.map {
            Alternate(hreflang: graph.pages[$0].language, href: permalink(graph.pages[$0].url))
        }
        let fallback = graph.page(group: group, language: graph.config.defaultLanguage) ?? versions[0]
        result.append(Alternate(hreflang: "x-default", href: permalink(graph.pages[fallback].url)))
        return result
    }

    private func menus(language: String, currentURL: String) -> [String: [MenuItem]] {
        guard let configured = graph.config.language(language) else { return [:] }
        var result: [String: [MenuItem]] = [:]
        for menu in configured.menus {
            result[menu.name] = menu.entries.compactMap { entry in
                guard let url = resolver.url(of: entry, language: language) else { return nil }
                let isHome = url == "/\(language)/"
                let active = url == currentURL || (!isHome && url.hasPrefix("/") && currentURL.hasPrefix(url))
                return MenuItem(name: entry.name, url: url, isActive: active)
            }
        }
        return result
    }

    private func breadcrumbs(for page: SitePage) -> [Int] {
        guard page.kind != .home else { return [] }
        var directories = [""]
        let parts = page.directory.split(separator: "/").map(String.init)
        let depth = page.kind == .section ? parts.count - 1 : parts.count
        if depth > 0 {
            for end in 1...depth { directories.append(parts[0..<end].joined(separator: "/")) }
        }
        return directories.compactMap { graph.sectionPage($0, language: page.language) }
    }

    private func tableOfContents(_ headings: [MarkdownDocument.Heading]) -> [TOCEntry] {
        var entries: [TOCEntry] = []
        for heading in headings where heading.level == 2 || heading.level == 3 {
            let entry = TOCEntry(title: heading.text, id: heading.id, level: heading.level, children: [])
            if heading.level == 3, !entries.isEmpty {
                entries[entries.count - 1].children.append(entry)
            } else {
                entries.append(entry)
            }
        }
        return entries
    }
}

extension String {
    /// nil for an empty string, so templates can test `{{#value}}`.
    var nonEmpty: String? { isEmpty ? nil : self }
}
