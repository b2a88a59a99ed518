import ContentModel
import Foundation
import SiteCore
import SiteOutput

/// Writes iCalendar files (RFC 5545) for events, so that a reader can put one in their own
/// calendar ("Add to calendar") or subscribe to what is coming:
///
/// - one per dated event page, beside it: `/<lang>/events/<name>/<name>.ics`;
/// - one per language and events section, of the events whose last day is not yet past on the
///   build's day (UTC, from the injected clock): `/<lang>/events/upcoming.ics`.
///
/// Events are the pages of kinds whose schema says `structuredData: Event`; their days are the
/// `start` and `end` fields. Events last whole days (the fields hold no time), so they are
/// all-day events: `DTSTART;VALUE=DATE` and an exclusive `DTEND` (the day after the last).
///
/// The output depends only on the content (and, for `upcoming.ics`, on which events the build's
/// day leaves to come), never on when the build ran: `UID` is the page's translation group at the
/// site's host (the same event in every language, see `uid`), and `DTSTAMP`, which RFC 5545 §3.8.7.2 wants
/// to be when the event's information was last revised (there is no `METHOD`), is midnight UTC
/// of the event's first day: the site does not know when a page was revised, and the build's
/// clock would make every build's bytes differ.
struct ICalendarWriter {
    let graph: SiteGraph
    let pages: PageModels
    /// The build's moment (`BuildContext.now`): what is upcoming.
    let now: Date

    /// An event page's days, when the calendar can hold them.
    struct EventDays {
        var start: PageDate
        /// The last day (the start for a one-day event).
        var end: PageDate
    }

    func write() -> [OutputFile] {
        var files: [OutputFile] = []
        for (index, page) in graph.pages.enumerated() {
            guard let url = Self.url(of: page, in: graph), let event = vevent(for: index) else { continue }
            files.append(
                OutputFile(path: String(url.dropFirst()), text: calendar([event], language: page.language, name: nil)))
        }
        let today = PageDate.day(of: now)
        for directory in Self.eventSections(in: graph) {
            for language in graph.config.languages {
                guard let sectionIndex = graph.sectionPage(directory, language: language.code) else { continue }
                let section = graph.pages[sectionIndex]
                let upcoming = graph.listedPages(in: directory, language: language.code).compactMap {
                    index -> (index: Int, days: EventDays)? in
                    guard let days = Self.days(of: graph.pages[index], in: graph), !(days.end < today) else {
                        return nil
                    }
                    return (index, days)
                }.sorted { ($0.days.start, graph.pages[$0.index].url) < ($1.days.start, graph.pages[$1.index].url) }
                let name = section.title + " · " + pages.siteInfo(language: language.code).title
                // With nothing to come the calendar has no event: RFC 5545's grammar asks for one
                // component, but calendar programs take an empty calendar, and subscribers keep
                // the same address whether or not something is planned.
                files.append(
                    OutputFile(
                        path: String(section.url.dropFirst()) + Self.upcomingFileName,
                        text: calendar(
                            upcoming.compactMap { vevent(for: $0.index) }, language: section.contentLanguage,
                            name: name)))
            }
        }
        return files
    }

    static let upcomingFileName = "upcoming.ics"

    /// Where an event page's calendar file is published, or nil when it has none (not an event,
    /// no start, or a day the sources do not give).
    static func url(of page: SitePage, in graph: SiteGraph) -> String? {
        guard !page.isFallback, days(of: page, in: graph) != nil else { return nil }
        let name = page.url.split(separator: "/").last.map(String.init) ?? "event"
        return page.url + name + ".ics"
    }

    /// Where a section page's calendar of upcoming events is published, for events sections.
    static func upcomingURL(of page: SitePage, in graph: SiteGraph) -> String? {
        guard page.kind == .section, eventSections(in: graph).contains(page.directory) else { return nil }
        return page.url + upcomingFileName
    }

    /// The folders that hold events: the `sections` of kinds whose schema says `structuredData: Event`.
    static func eventSections(in graph: SiteGraph) -> [String] {
        graph.schemas.values.filter { $0.structuredData == "Event" }.flatMap(\.sections)
            .filter { graph.sectionDirectories.contains($0) }.sorted()
    }

    /// An event page's first and last day. nil for a page that is not an event, has no `start`,
    /// ends before it starts, or is known to the month only: a calendar event has days, and a
    /// month written as its first day would show a day the sources do not give.
    static func days(of page: SitePage, in graph: SiteGraph) -> EventDays? {
        guard page.kind == .page, let source = page.source, let kind = graph.kinds[source.path],
            graph.schemas[kind]?.structuredData == "Event", let fields = graph.fieldValues[source.path],
            case .date(let start)? = fields["start"], !start.isMonth
        else { return nil }
        var end = start
        if case .date(let last)? = fields["end"] {
            guard !last.isMonth, !(last < start) else { return nil }
            end = last
        }
        return EventDays(start: start, end: end)
    }

    // MARK: Writing

    private func calendar(_ events: [[String]], language: String, name: String?) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0",
            "PRODID:-//\(ICalendarText.text(graph.config.title))//interact-site//EN", "CALSCALE:GREGORIAN",
        ]
        if let name {
            lines += [
                "NAME;LANGUAGE=\(language):\(ICalendarText.text(name))", "X-WR-CALNAME:\(ICalendarText.text(name))",
            ]
        }
        for event in events { lines += event }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarText.folded).joined()
    }

    /// The VEVENT of the page at `index`, or nil when it has no calendar days.
    private func vevent(for index: Int) -> [String]? {
        let page = graph.pages[index]
        guard let source = page.source, let days = Self.days(of: page, in: graph) else { return nil }
        let fields = graph.fieldValues[source.path] ?? [:]
        let language = page.contentLanguage
        let kind = graph.kinds[source.path] ?? "event"
        let permalink = pages.permalink(page.url)
        let host = URL(string: graph.config.baseURL)?.host ?? "localhost"
        var lines = [
            "BEGIN:VEVENT",
            "UID:\(ICalendarText.text(Self.uid(group: page.group, host: host)))",
            "DTSTAMP:\(days.start.compactDay)T000000Z",
            "DTSTART;VALUE=DATE:\(days.start.compactDay)",
            "DTEND;VALUE=DATE:\(days.end.dayAfter.compactDay)",
            "SUMMARY;LANGUAGE=\(language):\(ICalendarText.text(page.title))",
        ]
        let summary = source.frontMatter.description ?? graph.documents[source.path]?.firstParagraph ?? ""
        lines.append(
            "DESCRIPTION;LANGUAGE=\(language):\(ICalendarText.text(summary.isEmpty ? permalink : summary + "\n\n" + permalink))"
        )
        var place: [String] = []
        if case .text(let city)? = fields["city"] { place.append(city) }
        if let country = fields["country"] {
            place.append(pages.label(of: country, kind: kind.rawValue, field: "country", language: language))
        }
        if !place.isEmpty {
            lines.append("LOCATION;LANGUAGE=\(language):\(ICalendarText.text(place.joined(separator: ", ")))")
        }
        lines += ["URL:\(permalink)", "END:VEVENT"]
        return lines
    }

    /// The same for an event in every language and every build: its translation group (its path
    /// under `content/` without language, or its `translationKey`) at the site's host, e.g.
    /// `events/kick-off-meeting@interact-europe.org`.
    static func uid(group: TranslationGroup, host: String) -> String {
        let name = group.rawValue
        return (name.hasPrefix("path:") ? String(name.dropFirst("path:".count)) : name) + "@" + host
    }
}
