import ContentModel
import Foundation
import SiteCore
import Templating

/// The home page's blocks and the events sections' split lists, chosen against the build's day
/// (`SiteGraph.today`) so that the same content and day give the same page.
extension PageModels {
    /// How many of each list the home page shows: enough to say what is happening, few enough
    /// that the first screen stays short on a phone.
    static let homeListLength = 3

    /// An events section's pages split into upcoming, undated and past, or nil for other sections.
    func eventLists(of listed: [Int], language: String, currentURL: String) -> EventListsInfo? {
        let timeline = EventTimeline(graph: graph)
        guard listed.contains(where: timeline.isEvent) else { return nil }
        let split = timeline.split(listed)
        func links(_ indices: [Int]) -> [PageLink] {
            indices.map { link(to: $0, language: language, currentURL: currentURL) }
        }
        return EventListsInfo(upcoming: links(split.upcoming), undated: links(split.undated), past: links(split.past))
    }

    /// The home page of `language`: figures, events, news, highlights, partners.
    func home(page: SitePage, language: String) -> HomeInfo {
        var home = HomeInfo()
        home.figures = officialFigures(language: language) + countedFigures(language: language)
        let timeline = EventTimeline(graph: graph)
        // By index: a page is a large value, and copying each of them showed in profiles.
        let everyPage = Array(graph.pages.indices).filter { index in
            graph.pages[index].kind == .page && graph.bestPage(group: graph.pages[index].group, for: language) == index
        }
        let split = timeline.split(graph.sortedForListing(everyPage.filter(timeline.isEvent), language: language))
        func links(_ indices: some Sequence<Int>) -> [PageLink] {
            indices.map { link(to: $0, language: language, currentURL: page.url, depth: 3) }
        }
        home.upcomingEvents = links(split.upcoming.prefix(Self.homeListLength))
        home.recentEvents = links(split.past.prefix(Self.homeListLength))
        let news = everyPage.filter { graph.kinds[graph.pages[$0].source?.path ?? ""] == "news" }
        home.latestNews = links(
            graph.sortedForListing(news, language: language).filter { graph.date(of: graph.pages[$0]) != nil }
                .prefix(Self.homeListLength))
        home.highlights = highlights(of: page, language: language)
        home.partners = partnerCards(language: language)
        func section(of kind: ContentKind) -> PageLink? {
            guard let directory = graph.schemas[kind]?.sections.first(where: graph.sectionDirectories.contains),
                let index = graph.sectionPage(directory, language: language)
            else { return nil }
            return link(to: index, language: language, currentURL: page.url, depth: 3)
        }
        home.eventsSection = ICalendarWriter.eventSections(in: graph).first.flatMap { directory in
            graph.sectionPage(directory, language: language).map {
                link(to: $0, language: language, currentURL: page.url, depth: 3)
            }
        }
        home.newsSection = section(of: "news")
        home.partnersSection = section(of: "partner")
        return home
    }

    /// The partners' map for the home page: the partners section's map, its countries linking to
    /// their groups on that section's page.
    func partnersMap(language: String) -> MapInfo? {
        guard let directory = graph.schemas["partner"]?.sections.first(where: graph.sectionDirectories.contains),
            let section = graph.sectionPage(directory, language: language)
        else { return nil }
        let sectionURL = graph.pages[section].url
        let listed = graph.listedPages(in: directory, language: language)
        guard
            var map = map(
                of: groupings(of: listed, directory: directory, language: language, currentURL: sectionURL),
                directory: directory, language: language)
        else { return nil }
        for index in map.tiles.indices {
            map.tiles[index].url = map.tiles[index].url.map { sectionURL + $0 }
        }
        return map
    }

    /// Figures the content gives: partner pages, the countries they name, courses, units,
    /// events. A kind the site has no page of is left out rather than shown as 0.
    private func countedFigures(language: String) -> [FigureInfo] {
        var groupsByKind: [ContentKind: Set<TranslationGroup>] = [:]
        var countries: Set<String> = []
        let events = EventTimeline(graph: graph)
        var eventGroups: Set<TranslationGroup> = []
        for index in graph.pages.indices where graph.pages[index].kind == .page {
            guard let path = graph.pages[index].source?.path, let kind = graph.kinds[path] else { continue }
            let group = graph.pages[index].group
            groupsByKind[kind, default: []].insert(group)
            if events.isEvent(index) { eventGroups.insert(group) }
            if kind == "partner", case .country(let code)? = graph.fieldValues[path]?["country"] {
                countries.insert(code)
            }
        }
        let i18n = graph.theme.i18n
        func figure(_ count: Int, _ key: String) -> FigureInfo? {
            guard count > 0 else { return nil }
            return FigureInfo(
                value: "\(count)", label: i18n.plural(key, count: count, language: language), isCounted: true)
        }
        let partners = groupsByKind["partner"]?.count ?? 0
        return [
            figure(partners, "figure.partnerPages"),
            figure(partners > 0 ? countries.count : 0, "figure.countries"),
            figure(groupsByKind["course"]?.count ?? 0, "figure.courses"),
            figure(groupsByKind["unit"]?.count ?? 0, "figure.units"),
            figure(eventGroups.count, "figure.events"),
        ].compactMap { $0 }
    }

    private func officialFigures(language: String) -> [FigureInfo] {
        graph.figures.figures.map { figure in
            FigureInfo(
                value: figure.value,
                label: figure.labels[language] ?? figure.labels[graph.config.defaultLanguage] ?? "",
                isCounted: false)
        }
    }

    /// The pages the home page's front matter names under `highlights:` (content paths such as
    /// `blueprint/_index.md`), in the reader's language where translated. `ContentChecker`
    /// reports a path that names no page.
    private func highlights(of page: SitePage, language: String) -> [PageLink] {
        guard case .list(let items)? = page.source?.frontMatter.params["highlights"] else { return [] }
        return items.compactMap { item in
            guard case .string(let path) = item, let source = graph.sourcesByContentPath[path],
                let index = graph.bestPage(group: TranslationGroup.of(source), for: language)
            else { return nil }
            return link(to: index, language: language, currentURL: page.url, depth: 3)
        }
    }

    /// Every partner page as a card, in the partners list's order.
    private func partnerCards(language: String) -> [PartnerCard] {
        guard let directory = graph.schemas["partner"]?.sections.first(where: graph.sectionDirectories.contains)
        else { return [] }
        return graph.listedPages(in: directory, language: language).compactMap { index in
            let page = graph.pages[index]
            guard let path = page.source?.path, graph.kinds[path] == "partner" else { return nil }
            var shortName = ""
            if case .text(let text)? = graph.fieldValues[path]?["shortName"] { shortName = text }
            var card = PartnerCard(
                url: page.url, title: page.title, shortName: shortName,
                monogram: Self.monogram(shortName: shortName, title: page.title),
                lang: page.contentLanguage,
                languageName: languageNames.name(of: page.contentLanguage, in: language),
                isFallback: page.contentLanguage != language)
            if case .asset(let url)? = graph.fieldValues[path]?["logo"] {
                card.logo = graph.images.templateValue(
                    forURL: url, sizes: graph.images.logoWidth(url: url).map { "\($0)px" } ?? Self.contentImageSizes)
            }
            return card
        }
    }

    /// A partner's monogram: the letters and digits of its short name's first part (`IBIMA` of
    /// `IBIMA / Hospital Costa del Sol`), at most five; without a short name, the initials of
    /// the title's capitalised words (at most four). Letters of any script are kept as written.
    static func monogram(shortName: String, title: String) -> String {
        let first = shortName.split(separator: "/").first.map(String.init) ?? ""
        let letters = first.filter { $0.isLetter || $0.isNumber }
        if !letters.isEmpty { return String(letters.prefix(5)) }
        let initials = title.split(whereSeparator: { $0.isWhitespace || $0 == "-" }).compactMap { word in
            word.first.flatMap { $0.isUppercase ? $0 : nil }
        }
        if !initials.isEmpty { return String(initials.prefix(4)) }
        return title.first.map { String($0).uppercased() } ?? ""
    }
}
