import ContentModel
import Foundation
import Images
import MarkdownRendering
import SiteCore
import SiteOutput
import Templating

/// The template model of every page: what a page's template is given (its text with links
/// resolved, the lists, menus, breadcrumbs, language links, fields shown by kind) and the site-wide
/// parts (site info, strings, permalinks) that the feeds, calendars, sitemap and QR pages share.
/// Built apart from the render loop (`PageRenderer`), which only asks it for each page's model.
struct PageModels: Sendable {
    let graph: SiteGraph
    let resolver: LinkResolver
    private let dates: DateLabels
    /// Language names in each reader's language.
    let languageNames: LanguageNames
    private var i18nByLanguage: [String: [String: String]] = [:]
    /// Section folder → whether its pages carry dates (and so it gets an Atom feed).
    let datedSections: Set<String>
    /// A book's section page (by page index) → its print edition and PDF (`PrintEditionWriter`).
    var printEditions: [Int: PrintEditionLink] = [:]

    init(graph: SiteGraph) {
        self.graph = graph
        self.resolver = LinkResolver(graph: graph)
        self.dates = DateLabels(languages: graph.config.languages)
        self.languageNames = LanguageNames(config: graph.config, i18n: graph.theme.i18n)
        for language in graph.config.languages {
            i18nByLanguage[language.code] = graph.theme.i18n.strings(for: language.code)
        }
        datedSections = Set(graph.pages.filter { $0.kind == .page && graph.date(of: $0) != nil }.map(\.directory))
    }

    /// A link in the text that leads the reader to a page in another language than the page's
    /// (one not translated yet) says so, as the menus and lists do: `hreflang`, and the language's
    /// name in the reader's language for the theme's badge.
    func otherLanguage(of url: String?, reader: String) -> [(name: String, value: String)] {
        guard let url, url.hasPrefix("/"),
            let code = url.dropFirst().split(separator: "/", maxSplits: 1).first.map(String.init),
            code != reader, graph.config.languages.contains(where: { $0.code == code })
        else { return [] }
        return [("hreflang", code), ("data-language", languageNames.name(of: code, in: reader))]
    }

    func pageContext(for offset: Int) -> PageContext {
        pageContext(for: offset, withHomeParts: true)
    }

    /// `withHomeParts: false` leaves out the home page's own parts (figures, events, news,
    /// partners, map): pages made from the home page's navigation need none of them, and they
    /// look at every page of the site.
    private func pageContext(for offset: Int, withHomeParts: Bool) -> PageContext {
        let page = graph.pages[offset]
        let language = page.language
        let document = page.source.flatMap { graph.documents[$0.path] }
        // The first image a reader sees loads at once; the rest wait until scrolled near.
        var eager = logo(of: page) == nil && ownImage(of: page) == nil
        let rendered =
            document?.renderHTML(
                rewrite: { link in
                    let url = page.linkRewrites[link.index]
                    // An image shows its hashed fallback version (cached for good by browsers).
                    return link.kind == .image ? graph.images.fallbackURL(for: url) ?? url : url
                },
                attributes: { link in
                    otherLanguage(of: page.linkRewrites[link.index], reader: language)
                },
                image: { link in
                    let markup = graph.images.markup(
                        forURL: page.linkRewrites[link.index], sizes: Self.contentImageSizes, eager: eager)
                    if markup != nil { eager = false }
                    return markup
                }) ?? ""
        let content = Self.scrollingTables(
            in: rendered, label: graph.theme.i18n.lookup("tableLabel", language: language))
        let listed = page.isList ? graph.listedPages(in: page.directory, language: language) : []
        let subsections =
            page.isList
            ? graph.sortedForListing(
                graph.subsections(of: page.directory).compactMap { graph.sectionPage($0, language: language) },
                language: language) : []
        let contentLanguage = graph.config.language(page.contentLanguage)
        let i18n = graph.theme.i18n
        var info = PageInfo(
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
                    "fallbackNotice", language: language,
                    ["language": languageNames.name(of: page.contentLanguage, in: language)])
                : nil,
            toc: tableOfContents(document?.headings ?? []),
            pageCountLabel: page.isList ? i18n.plural("pageCount", count: listed.count, language: language) : nil,
            feedURL: page.isList && datedSections.contains(page.directory) ? page.url + "atom.xml" : nil,
            params: page.source?.frontMatter.params ?? .empty,
            sourcePath: page.source?.path ?? "")
        info.dateIsMonth = page.source?.frontMatter.date?.isMonth ?? false
        info.calendarURL =
            page.isList
            ? ICalendarWriter.upcomingURL(of: page, in: graph) : ICalendarWriter.url(of: page, in: graph)
        if let source = page.source {
            info.isDraft = source.frontMatter.draft
            info.contentKind = (graph.kinds[source.path] ?? .page).rawValue
            info.fields = fields(of: source.path, kind: info.contentKind, language: language)
            addRepositoryLinks(to: &info, page: page, source: source)
        }
        if let code = graph.shortCodes[page.group] {
            info.shortLink = ShortLinkWriter.link(code, baseURL: graph.config.baseURL)
            info.shortLinkText = ShortLinkWriter.text(code, baseURL: graph.config.baseURL)
            info.qrCodeURL = "/Q/\(code)/qr.svg"
            info.shortLinkURL = "/Q/\(code)/"
        }
        if let edition = printEditions[offset] {
            info.printEditionURL = edition.url
            info.pdfURL = edition.pdfURL
            info.pdfLabel = edition.pdfLabel
        }
        info.structuredData = StructuredData(graph: graph, permalink: permalink).json(for: page)
        info.shareImage = shareImage(of: page)
        info.referencedBy = referencingPages(of: page.group, language: language).map {
            link(to: $0, language: language, currentURL: page.url)
        }
        var context = PageContext(
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
        if page.isList {
            context.groupings = groupings(
                of: listed, directory: page.directory, language: language, currentURL: page.url)
            context.map = map(of: context.groupings, directory: page.directory, language: language)
            context.events = eventLists(of: listed, language: language, currentURL: page.url)
        }
        if page.kind == .home && withHomeParts {
            context.home = home(page: page, language: language)
            context.map = partnersMap(language: language)
        }
        return context
    }

    /// Each table of a page's text (cmark-gfm writes `<table>` exactly so) inside a box that scrolls
    /// sideways on its own, focusable so that a keyboard can scroll it and named for screen
    /// readers (i18n `tableLabel`; a theme without it gets an unnamed box, not a region): a wide
    /// table never makes the page scroll sideways (WCAG 1.4.10 Reflow).
    static func scrollingTables(in html: String, label: String?) -> String {
        guard html.firstByteRange(of: "<table>") != nil else { return html }
        let named = label.map { " role=\"region\" aria-label=\"\(XMLEscaping.escape($0))\"" } ?? ""
        let open = "<div class=\"table-scroll\" tabindex=\"0\"\(named)><table>"
        return html.replacingBytes([("<table>", open), ("</table>", "</table></div>")])
    }

    /// "Edit this page" on the repository host, and on a page shown untranslated the link that
    /// starts its translation (config.yaml `repository`; nothing without it).
    private func addRepositoryLinks(to info: inout PageInfo, page: SitePage, source: SourcePage) {
        guard let repository = graph.config.repository else { return }
        info.editURL = repository.editURL(path: source.path)
        guard page.isFallback else { return }
        let schema = graph.schema(of: source.path)
        info.translateURL = TranslationDraft.url(
            for: source, language: page.language, schema: schema, repository: repository)
        info.translateLabel = graph.theme.i18n.text(
            "translatePage", language: page.language,
            ["language": graph.config.language(page.language)?.name ?? page.language])
    }

    // MARK: Images

    /// How wide the theme shows an image in the text column (`.content`, 46rem with 1rem margins).
    static let contentImageSizes = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"

    /// The page's `logo` field, when it is an image.
    private func logo(of page: SitePage) -> String? {
        guard let source = page.source, case .asset(let url)? = graph.fieldValues[source.path]?["logo"],
            graph.images.logoWidth(url: url) != nil
        else { return nil }
        return url
    }

    /// The page's `image` field, when it is a raster image: shown above the text.
    private func ownImage(of page: SitePage) -> PlannedImage? {
        guard let source = page.source, case .asset(let url)? = graph.fieldValues[source.path]?["image"],
            let path = ImagePlan.path(of: url)
        else { return nil }
        return graph.images.rasters[path]
    }

    /// `og:image`: the page's own `image` (its fallback version nearest 1200 pixels wide: what
    /// link previews show best), else its share card.
    func shareImage(of page: SitePage) -> TemplateValue? {
        if let image = ownImage(of: page), let fallbackFormat = image.formats.last {
            let versions = image.variants.filter { $0.format == fallbackFormat }
            if let chosen = versions.first(where: { $0.width <= 1200 }) ?? versions.last {
                return .map([
                    .init(key: "url", value: .string(permalink("/" + chosen.path))),
                    .init(key: "width", value: .int(chosen.width)), .init(key: "height", value: .int(chosen.height)),
                    .init(key: "alt", value: .string(imageDescription(of: page) ?? page.title)),
                ])
            }
        }
        let text = ShareCardTexts(graph: graph).text(for: page)
        guard let url = graph.images.cardURL(for: text) else { return nil }
        return .map([
            .init(key: "url", value: .string(permalink(url))), .init(key: "width", value: .int(ShareCard.width)),
            .init(key: "height", value: .int(ShareCard.height)),
            .init(key: "alt", value: .string("\(text.title) – \(text.section), \(text.project)")),
        ])
    }

    /// The page's `imageAlt`, when given.
    private func imageDescription(of page: SitePage) -> String? {
        guard let path = page.source?.path, case .text(let text)? = graph.fieldValues[path]?["imageAlt"] else {
            return nil
        }
        return text
    }

    // MARK: Typed fields, references and groupings

    /// Pages whose reference fields point at `group`, as a reader of `language` sees them.
    func referencingPages(of group: TranslationGroup, language: String) -> [Int] {
        let groups = (graph.referencedBy[group] ?? []).sorted()
        return graph.sortedForListing(
            groups.compactMap { graph.bestPage(group: $0, for: language) }, language: language)
    }

    private func fields(of sourcePath: String, kind: String, language: String) -> TemplateValue {
        let values = graph.fieldValues[sourcePath] ?? [:]
        var fields = values.keys.sorted().map { name in
            TemplateValue.Field(key: name, value: display(values[name]!, kind: kind, field: name, language: language))
        }
        // An image field also gives its published versions: `logo` stays the file's address,
        // `logoPicture` has `src`, `width`, `height`, `srcset`, `sizes` and `sources` for `<picture>`.
        for name in values.keys.sorted() {
            guard case .asset(let url)? = values[name] else { continue }
            let sizes =
                name == "logo"
                ? graph.images.logoWidth(url: url).map { "\($0)px" } ?? Self.contentImageSizes : Self.contentImageSizes
            if let picture = graph.images.templateValue(forURL: url, sizes: sizes) {
                fields.append(TemplateValue.Field(key: name + "Picture", value: picture))
            }
        }
        return .map(fields)
    }

    /// A field value as a reader of `language` sees it.
    func display(_ value: FieldValue, kind: String, field: String, language: String) -> TemplateValue {
        switch value {
        case .text(let text), .url(let text), .email(let text), .language(let text):
            return .string(text)
        case .int(let number): return .int(number)
        case .bool(let flag): return .bool(flag)
        case .date(let date):
            return .map([
                .init(key: "date", value: .string(formatted(date, language: language) ?? date.iso)),
                .init(key: "iso", value: .string(date.iso)),
            ])
        case .enumeration(let choice):
            return .map([
                .init(key: "value", value: .string(choice)),
                .init(key: "label", value: .string(label(of: value, kind: kind, field: field, language: language))),
            ])
        case .country(let code):
            return .map([
                .init(key: "code", value: .string(code)),
                .init(key: "name", value: .string(label(of: value, kind: kind, field: field, language: language))),
            ])
        case .asset(let url): return .string(url)
        case .reference(let contentPath):
            guard let source = graph.sourcesByContentPath[contentPath],
                let target = graph.bestPage(group: TranslationGroup.of(source), for: language)
            else { return .string(contentPath) }
            let page = graph.pages[target]
            return .map([
                .init(key: "title", value: .string(page.title)), .init(key: "url", value: .string(page.url)),
                .init(key: "lang", value: .string(page.contentLanguage)),
                .init(key: "isFallback", value: .bool(page.contentLanguage != language)),
            ])
        case .list(let items):
            return .list(items.map { display($0, kind: kind, field: field, language: language) })
        }
    }

    /// A value's name in `language`: country names from CLDR, enum values from the i18n key
    /// `<kind>.<field>.<value>` when the theme has one, references by title.
    func label(of value: FieldValue, kind: String, field: String, language: String) -> String {
        switch value {
        case .country(let code):
            let locale = Locale(identifier: graph.config.language(language)?.locale ?? language)
            return locale.localizedString(forRegionCode: code) ?? code
        case .enumeration(let choice):
            return graph.theme.i18n.lookup("\(kind).\(field).\(choice)", language: language) ?? choice
        case .reference(let contentPath):
            guard let source = graph.sourcesByContentPath[contentPath],
                let target = graph.bestPage(group: TranslationGroup.of(source), for: language)
            else { return contentPath }
            return graph.pages[target].title
        case .date(let date): return formatted(date, language: language) ?? date.iso
        default: return value.written
        }
    }

    /// A tile-grid map from the section's grouping by a country field, if it has one.
    func map(of groupings: [Grouping], directory: String, language: String) -> MapInfo? {
        guard let schema = graph.schemas.values.first(where: { $0.sections.contains(directory) }),
            let byCountry = groupings.first(where: { grouping in
                if case .country? = schema.field(grouping.field)?.type { return true }
                return false
            })
        else { return nil }
        let counts = Dictionary(byCountry.groups.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let most = max(1, byCountry.groups.map(\.count).max() ?? 1)
        let locale = Locale(identifier: graph.config.language(language)?.locale ?? language)
        let step = EuropeTileGrid.tile + EuropeTileGrid.gap
        // "3 partners" from the i18n key `<kind>Count` (partnerCount, centreCount), else "3 pages".
        let kindKey = "\(schema.kind)Count"
        let countKey = graph.theme.i18n.lookup(kindKey, language: language) != nil ? kindKey : "pageCount"
        let tiles = EuropeTileGrid.positions.sorted { $0.key < $1.key }.map { code, position in
            let group = counts[code]
            let count = group?.count ?? 0
            let level = (count * 3 + most - 1) / most  // 0 for none, 3 for the most
            return MapTile(
                code: code, name: locale.localizedString(forRegionCode: code) ?? code, x: position.0 * step,
                y: position.1 * step, centerX: position.0 * step + EuropeTileGrid.tile / 2,
                centerY: position.1 * step + EuropeTileGrid.tile / 2, count: count,
                countLabel: graph.theme.i18n.plural(countKey, count: count, language: language),
                url: group.map { "#" + $0.id }, level: level)
        }
        return MapInfo(
            width: EuropeTileGrid.columns * step - EuropeTileGrid.gap,
            height: EuropeTileGrid.rows * step - EuropeTileGrid.gap, tile: EuropeTileGrid.tile, tiles: tiles)
    }

    func groupings(of listed: [Int], directory: String, language: String, currentURL: String) -> [Grouping] {
        guard let schema = graph.schemas.values.first(where: { $0.sections.contains(directory) }) else { return [] }
        let locale = Locale(identifier: graph.config.language(language)?.locale ?? language)
        return schema.groupBy.map { field in
            var members: [String: (label: String, pages: [Int])] = [:]
            for index in listed {
                guard let path = graph.pages[index].source?.path, let value = graph.fieldValues[path]?[field] else {
                    continue
                }
                let values: [FieldValue]
                if case .list(let items) = value { values = items } else { values = [value] }
                for item in values {
                    let label = label(of: item, kind: schema.kind.rawValue, field: field, language: language)
                    members[item.written, default: (label, [])].pages.append(index)
                }
            }
            var groups = members.sorted { left, right in
                let order = left.value.label.compare(
                    right.value.label, options: [.caseInsensitive], range: nil, locale: locale)
                return order == .orderedSame ? left.key < right.key : order == .orderedAscending
            }.map { key, member in
                PageGroup(
                    key: key, label: member.label, id: Slugifier.slug("\(field)-\(key)"), count: member.pages.count,
                    countLabel: graph.theme.i18n.plural("pageCount", count: member.pages.count, language: language),
                    pages: member.pages.map { link(to: $0, language: language, currentURL: currentURL) })
            }
            // Pages without a value (a partner whose country is not given) are listed last, not left out.
            let without = listed.filter { index in
                graph.pages[index].source.map { graph.fieldValues[$0.path]?[field] == nil } ?? false
            }
            if !without.isEmpty, !groups.isEmpty {
                groups.append(
                    PageGroup(
                        key: "", label: graph.theme.i18n.text("groupOther", language: language),
                        id: Slugifier.slug("\(field)-other"), count: without.count,
                        countLabel: graph.theme.i18n.plural("pageCount", count: without.count, language: language),
                        pages: without.map { link(to: $0, language: language, currentURL: currentURL) }))
            }
            let label = graph.theme.i18n.lookup("groupBy.\(field)", language: language) ?? field
            var grouping = Grouping(field: field, label: label, groups: groups)
            grouping.showsLogos = schema.field("logo") != nil
            return grouping
        }
    }

    /// The context of a page the generator makes (404, search, QR sheet, posters): the language's
    /// navigation around an empty page at `url`. Pass `navigation` (an earlier result in the same
    /// language) when making many, to build the navigation once.
    func generatedPageContext(
        language: String, url: String, title: String, kind: String, navigation: PageContext? = nil
    ) -> PageContext {
        let info = PageInfo(
            title: title, description: nil, content: "", url: url, permalink: permalink(url), kind: kind, date: nil,
            dateISO: nil, contentLanguage: language, contentDirection: languageInfo(language).direction,
            isFallback: false, fallbackNotice: nil, toc: [], pageCountLabel: nil, feedURL: nil, params: .empty,
            sourcePath: "")
        if var context = navigation {
            context.page = info
            context.qrCodes = []
            context.poster = nil
            return context
        }
        let base = pageContext(for: graph.sectionPage("", language: language)!, withHomeParts: false)
        return PageContext(
            site: base.site, language: base.language, page: info,
            languages: languageLinks(group: TranslationGroup(rawValue: ""), current: language), alternates: [],
            menus: base.menus,
            sections: base.sections.map { link in
                var link = link
                link.isCurrent = false
                return link
            }, breadcrumbs: [], subsections: [], pages: [], i18n: strings(language))
    }

    func siteInfo(language: String) -> SiteInfo {
        var info = SiteInfo(
            title: graph.config.language(language)?.title ?? graph.config.title, baseURL: graph.config.baseURL,
            params: graph.config.params, defaultLanguage: graph.config.defaultLanguage)
        info.assets = graph.theme.assetURLs
        info.social = graph.config.social.map { account in
            SocialLink(
                network: account.network, handle: account.handle, url: account.url,
                label: graph.theme.i18n.text(
                    "socialLink", language: language, ["handle": account.handle, "network": account.network]))
        }
        info.shortLinkOnScreen = graph.config.shortLinkOnScreen
        info.contactEmail = graph.config.contact.email
        info.contactFormAction = graph.config.contact.formAction
        return info
    }

    func languageInfo(_ code: String) -> LanguageInfo {
        let language = graph.config.language(code) ?? graph.config.defaultLanguageValue
        return LanguageInfo(
            code: language.code, name: language.name, locale: language.locale, direction: language.direction.rawValue,
            homeURL: "/\(language.code)/")
    }

    func strings(_ language: String) -> [String: String] { i18nByLanguage[language] ?? [:] }

    func permalink(_ url: String) -> String { graph.config.baseURL + url.dropFirst() }

    func formatted(_ date: PageDate?, language: String) -> String? {
        date.flatMap { dates.label($0, language: language) }
    }

    func link(to offset: Int, language: String, currentURL: String, depth: Int = 0) -> PageLink {
        let page = graph.pages[offset]
        // Listings, "mentioned in" lists and cards show an event's start as its date.
        let date = graph.date(of: page)
        var link = PageLink(
            title: page.title, url: page.url,
            description: page.source?.frontMatter.description,
            date: formatted(date, language: language), dateISO: date?.iso,
            lang: page.contentLanguage,
            languageName: languageNames.name(of: page.contentLanguage, in: language),
            isFallback: page.contentLanguage != language,
            isCurrent: page.url == currentURL || (page.kind == .section && currentURL.hasPrefix(page.url)))
        if let source = page.source, page.kind == .page {
            link.contentKind = (graph.kinds[source.path] ?? .page).rawValue
            link.fields = fields(of: source.path, kind: link.contentKind, language: language)
            if graph.schema(of: source.path).field("logo") != nil {
                var shortName = ""
                if case .text(let text)? = graph.fieldValues[source.path]?["shortName"] { shortName = text }
                link.monogram = Self.monogram(shortName: shortName, title: page.title)
            }
            // Three levels are enough for course → unit → competency; the limit also stops cycles.
            if depth < 3 {
                link.children = referencingPages(of: page.group, language: language).map {
                    self.link(to: $0, language: language, currentURL: currentURL, depth: depth + 1)
                }
            }
        }
        return link
    }

    /// The switcher: every language, with this page's translation or that language's home.
    func languageLinks(group: TranslationGroup, current: String) -> [LanguageLink] {
        graph.config.languages.map { language in
            let translation = graph.page(group: group, language: language.code)
            var link = LanguageLink(
                code: language.code, name: language.name,
                url: translation.map { graph.pages[$0].url } ?? "/\(language.code)/",
                isCurrent: language.code == current, hasTranslation: translation != nil,
                direction: language.direction.rawValue)
            link.ogLocale = language.locale.replacingOccurrences(of: "-", with: "_")
            return link
        }
    }

    func alternates(group: TranslationGroup) -> [Alternate] {
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
                // An outside link (`url:`) is taken to be in the menu's language.
                let target = entry.url == nil ? resolver.page(of: entry, language: language) : nil
                guard let url = entry.url ?? target.map({ graph.pages[$0].url }) else { return nil }
                let isHome = url == "/\(language)/"
                let active = url == currentURL || (!isHome && url.hasPrefix("/") && currentURL.hasPrefix(url))
                var item = MenuItem(name: entry.name, url: url, isActive: active)
                item.lang = target.map { graph.pages[$0].contentLanguage } ?? language
                item.languageName = languageNames.name(of: item.lang, in: language)
                item.isFallback = item.lang != language
                return item
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
