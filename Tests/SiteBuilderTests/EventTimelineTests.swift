import Foundation
import SiteCore
import Testing

@testable import SiteBuilder

/// Upcoming and past against the build's day (issue 17): the `events` fixture, dated and undated
/// events, built with the shipped theme at a fixed `SOURCE_DATE_EPOCH`, and what the events list
/// and the home page choose from it.
@Suite struct EventTimelineTests {
    /// 2024-06-01 12:00 UTC, as a reproducible build's environment gives it.
    static let epoch = "1717243200"

    /// The events fixture with the theme that ships, and a home page that puts pages forward.
    var site: InMemoryFileSystem {
        var site = Fixtures.fileSystem("sites/events")
        site.storage = site.storage.filter { !$0.key.hasPrefix("themes/") && !$0.key.hasPrefix("layouts/") }
        let config = String(decoding: site.storage["config.yaml"]!, as: UTF8.self)
        site.storage["config.yaml"] = Data(
            config.replacingOccurrences(of: "theme: minimal", with: "theme: interact").utf8)
        site.storage["content/_index.md"] = Data(
            "---\ntitle: Home\nhighlights: [news/_index.md]\n---\nEvents and news.\n".utf8)
        let theme = LocalFileSystem(root: Fixtures.repositoryRoot.appendingPathComponent("themes/interact").path)
        for path in theme.files(under: "") { site.storage["themes/interact/" + path] = theme.contents(of: path) }
        return site
    }

    func build(epoch: String) throws -> [String: String] {
        let now = try #require(try BuildDate.resolve(option: nil, environment: ["SOURCE_DATE_EPOCH": epoch]))
        let result = try SiteBuilder(context: BuildContext(source: site, now: now)).build()
        return Dictionary(
            uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    }

    /// The event URLs of one `<section>` of a page, in order (from its `id` to the next section's end).
    func urls(in html: String, section id: String) -> [String] {
        guard let start = html.range(of: "id=\"\(id)\"") else { return [] }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "</section>")?.lowerBound ?? rest.endIndex
        return rest[..<end].components(separatedBy: "<li class=\"event-item\">\n<a href=\"").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
    }

    @Test func theEnvironmentFixesTheDay() throws {
        #expect(BuildDate.parse("2024-06-01") == Date(timeIntervalSince1970: 1_717_200_000))
        #expect(try BuildDate.resolve(option: "2024-06-01", environment: ["SOURCE_DATE_EPOCH": "0"]) != nil)
        #expect(throws: BuildDateError.self) {
            try BuildDate.resolve(option: nil, environment: ["SOURCE_DATE_EPOCH": "soon"])
        }
        #expect(throws: BuildDateError.self) { try BuildDate.resolve(option: "tomorrow", environment: [:]) }
        #expect(try BuildDate.resolve(option: nil, environment: [:]) == nil)
    }

    @Test func eventsAreSplitIntoUpcomingUndatedAndPast() throws {
        let list = try #require(try build(epoch: Self.epoch)["en/events/index.html"])
        // The summit ends on the build's day: still upcoming. A month-only event stays upcoming to its month's end.
        #expect(
            urls(in: list, section: "upcoming-events") == [
                "/en/events/summit/", "/en/events/autumn-course/", "/en/events/winter-school/",
            ])
        #expect(urls(in: list, section: "undated-events") == ["/en/events/open-day/"])
        #expect(urls(in: list, section: "past-events") == ["/en/events/past-webinar/"])
        // Each shows its start (localised), type and city. The undated one is listed under "Events
        // whose dates are not public" with no word on its date: it said "Date to be announced",
        // wrong for courses already held whose dates were never published.
        #expect(
            list.contains(
                "<time datetime=\"2024-05-30\">30 May 2024</time><span class=\"event-type\">Meeting</span><span class=\"event-city\">Lisbon</span>"
            ))
        #expect(list.contains("<h2 id=\"undated-events\">Events whose dates are not public</h2>"))
        #expect(!list.contains("to be announced") && !list.contains("class=\"tba\""))
        let french = try #require(try build(epoch: Self.epoch)["fr/events/index.html"])
        #expect(french.contains("<time datetime=\"2024-05-30\">30 mai 2024</time>"))
    }

    @Test func theHomePageChoosesNextAndRecentEventsAndLatestNews() throws {
        let home = try #require(try build(epoch: Self.epoch)["en/index.html"])
        let upcoming = try #require(home.range(of: "<h3>Upcoming events</h3>"))
        let recent = try #require(home.range(of: "<h3>Recent events</h3>"))
        let news = try #require(home.range(of: "<h3>Latest news</h3>"))
        let next = String(home[upcoming.upperBound..<recent.lowerBound])
        #expect(
            next.components(separatedBy: "<a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) } == [
                "/en/events/summit/", "/en/events/autumn-course/", "/en/events/winter-school/",
            ])
        let past = String(home[recent.upperBound..<news.lowerBound])
        #expect(past.contains("/en/events/past-webinar/") && !past.contains("/en/events/summit/"))
        // An event whose date is not public is neither coming nor recent.
        #expect(!home.contains("/en/events/open-day/"))
        let latest = String(home[news.upperBound...])
        let update = try #require(latest.range(of: "/en/news/update/"))
        let launch = try #require(latest.range(of: "/en/news/launch/"))
        #expect(update.lowerBound < launch.lowerBound)
        #expect(home.contains("<a class=\"button\" href=\"/en/news/\">News</a>"))
        // Counted figures: 5 events (the site has no partner, course or unit pages).
        #expect(
            home.contains(
                "<li class=\"counted\"><span class=\"figure-value\">5</span> <span class=\"figure-label\">events on this site</span></li>"
            ))
    }

    @Test func aLaterDayMovesTheSummitToThePast() throws {
        // 2024-06-02: the summit's last day is over.
        let files = try build(epoch: "1717286400")
        let list = try #require(files["en/events/index.html"])
        #expect(urls(in: list, section: "past-events") == ["/en/events/summit/", "/en/events/past-webinar/"])
        let home = try #require(files["en/index.html"])
        let recent = try #require(home.range(of: "<h3>Recent events</h3>"))
        #expect(home[recent.upperBound...].contains("/en/events/summit/"))
    }

    @Test func theSameInputAndDayGiveTheSameBytes() throws {
        #expect(try build(epoch: Self.epoch) == build(epoch: Self.epoch))
    }

    @Test func aHighlightThatNamesNoPageIsAnErrorAtItsLine() throws {
        var broken = site
        broken.storage["content/_index.md"] = Data("---\ntitle: Home\nhighlights: [news/index.md]\n---\nText.\n".utf8)
        let failure = #expect(throws: BuildFailure.self) {
            try SiteBuilder(context: Fixtures.context(broken)).build()
        }
        #expect(
            failure?.diagnostics.map(\.description).contains {
                $0.hasPrefix("content/_index.md:3:") && $0.contains("Did you mean `news/_index.md`?")
            } == true)
    }

    @Test func aMonogramIsTheShortNamesLetters() {
        #expect(PageModels.monogram(shortName: "ECO", title: "European Cancer Organisation (ECO)") == "ECO")
        #expect(PageModels.monogram(shortName: "IBIMA / Hospital Costa del Sol", title: "x") == "IBIMA")
        #expect(PageModels.monogram(shortName: "", title: "Heidelberg University Hospital") == "HUH")
        #expect(PageModels.monogram(shortName: String(repeating: "Ω", count: 300), title: "x") == "ΩΩΩΩΩ")
    }
}
