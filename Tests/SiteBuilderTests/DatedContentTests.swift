import Foundation
import SiteCore
import Testing

@testable import ContentModel
@testable import SiteBuilder

/// The `events` fixture: news dated to the day or to the month, events dated by `start` (past,
/// upcoming on the fixture clock's day 2024-06-01, known to the month only, undated, a webinar),
/// with their feeds, calendars and structured data.
@Suite struct DatedContentTests {
    let fileSystem = Fixtures.fileSystem("sites/events")

    func built(_ site: InMemoryFileSystem? = nil, now: Date = Fixtures.now) throws -> [String: String] {
        var context = Fixtures.context(site ?? fileSystem)
        context.now = now
        let result = try SiteBuilder(context: context).build()
        return Dictionary(
            uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    }

    /// The fixture with the theme that ships instead of the test theme (and without the
    /// fixture's own layouts), for what visitors of the real site get.
    var withShippedTheme: InMemoryFileSystem {
        var site = fileSystem
        site.storage = site.storage.filter { !$0.key.hasPrefix("themes/") && !$0.key.hasPrefix("layouts/") }
        let config = String(decoding: site.storage["config.yaml"]!, as: UTF8.self)
        site.storage["config.yaml"] = Data(
            config.replacingOccurrences(of: "theme: minimal", with: "theme: interact").utf8)
        let theme = LocalFileSystem(root: Fixtures.repositoryRoot.appendingPathComponent("themes/interact").path)
        for path in theme.files(under: "") { site.storage["themes/interact/" + path] = theme.contents(of: path) }
        return site
    }

    // MARK: Dates known to the month

    @Test func aMonthIsShownAsAMonthNeverAsADay() throws {
        let files = try built()
        #expect(files["en/news/index.html"]?.contains("<time datetime=\"2023-12\">December 2023</time>") == true)
        #expect(files["fr/news/index.html"]?.contains("<time datetime=\"2023-12\">décembre 2023</time>") == true)
        // Greek readers see the English item with the month as Greek writes it alone.
        #expect(files["el/news/index.html"]?.contains("<time datetime=\"2023-12\">Δεκέμβριος 2023</time>") == true)
        #expect(files["en/news/launch/index.html"]?.contains("<time datetime=\"2023-12\">December 2023</time>") == true)
        #expect(
            files["en/events/index.html"]?.contains("<time datetime=\"2024-12\">December 2024</time>") == true)
        // The winter school is in December 2024: no page gives it a day.
        for (path, text) in files where path.hasSuffix(".html") {
            #expect(!text.contains("1 December 2024") && !text.contains("2024-12-01"), "\(path)")
        }
    }

    /// French puts "le" before a day and "en" before a month ("Publié le 1 décembre 2023",
    /// "Publié en décembre 2023"); "Publié le décembre 2023" was wrong.
    @Test func theWordsBeforeADateFitAMonthAndADay() throws {
        var site = withShippedTheme
        site.storage["content/news/update.fr.md"] = Data("---\ntitle: Mise à jour\n---\nLe 1er décembre.\n".utf8)
        let files = try built(site)
        let month = try #require(files["fr/news/launch/index.html"])
        #expect(month.contains("Publié en <time datetime=\"2023-12\">décembre 2023</time>"))
        let day = try #require(files["fr/news/update/index.html"])
        #expect(day.contains("Publié le <time datetime=\"2023-12-01\">1 décembre 2023</time>"))
        // Languages whose word fits both keep it.
        let english = try #require(files["en/news/launch/index.html"])
        #expect(english.contains("Published <time datetime=\"2023-12\">December 2023</time>"))
    }

    @Test func aMonthSortsJustBeforeItsFirstDay() throws {
        let list = try #require(try built()["en/news/index.html"])
        let update = try #require(list.range(of: "/en/news/update/"))
        let launch = try #require(list.range(of: "/en/news/launch/"))
        #expect(update.lowerBound < launch.lowerBound)
    }

    @Test func formatsThatNeedADayGetTheFirstOfTheMonth() throws {
        let files = try built()
        let feed = try #require(files["en/news/atom.xml"])
        #expect(feed.contains("<updated>2023-12-01T00:00:00Z</updated>"))
        #expect(!feed.contains("<updated>2023-12T"))
        let sitemap = try #require(files["sitemap.xml"])
        #expect(
            sitemap.contains("<loc>https://events.example.org/en/news/launch/</loc>\n    <lastmod>2023-12-01</lastmod>")
        )
        // JSON-LD takes ISO 8601 at the precision known.
        #expect(files["en/events/winter-school/index.html"]?.contains("\"startDate\":\"2024-12\"") == true)
        #expect(files["en/events/summit/index.html"]?.contains("\"endDate\":\"2024-06-01\"") == true)
    }

    // MARK: Events are dated by `start`

    @Test func eventsAreListedFedAndMentionedByTheirStart() throws {
        let files = try built()
        let list = try #require(files["en/events/index.html"])
        #expect(
            list.contains(
                "<a href=\"/en/events/summit/\">Spring summit: care, training; teams</a> <time datetime=\"2024-05-30\">30 May 2024</time>"
            ))
        let order = ["winter-school", "autumn-course", "summit", "past-webinar", "open-day"].map {
            list.range(of: "/en/events/\($0)/")?.lowerBound
        }
        #expect(order.compactMap { $0 }.count == 5 && order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(list.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/en/events/atom.xml\">"))
        let feed = try #require(files["en/events/atom.xml"])
        let entries = feed.components(separatedBy: "<entry ").dropFirst().map {
            $0.components(separatedBy: "<updated>")[1].prefix(10)
        }
        #expect(entries == ["2024-12-01", "2024-09-12", "2024-05-30", "2024-03-05"])
        #expect(!feed.contains("open-day"))
        #expect(files["fr/events/atom.xml"]?.contains("Sommet de printemps") == true)
        let partner = try #require(files["en/partners/alpha/index.html"])
        #expect(
            partner.contains(
                "<a href=\"/en/events/summit/\">Spring summit: care, training; teams</a> <time datetime=\"2024-05-30\">30 May 2024</time>"
            ))
        #expect(
            partner.contains(
                "<a href=\"/en/events/winter-school/\">Winter school</a> <time datetime=\"2024-12\">December 2024</time>"
            ))
    }

    @Test func theShippedThemeShowsEventStartsInListsAndMentions() throws {
        let files = try built(withShippedTheme)
        let list = try #require(files["en/events/index.html"])
        #expect(
            list.contains(
                "<a href=\"/en/events/summit/\">Spring summit: care, training; teams</a>\n<p class=\"event-meta\"><time datetime=\"2024-05-30\">30 May 2024</time>"
            ))
        let partner = try #require(files["en/partners/alpha/index.html"])
        #expect(
            partner.contains(
                "<a href=\"/en/events/winter-school/\">Winter school</a> <time datetime=\"2024-12\">December 2024</time></li>"
            ))
    }

    @Test func aWebinarIsOnlineAndOtherEventsAreNot() throws {
        let files = try built()
        #expect(
            files["en/events/past-webinar/index.html"]?.contains(
                "\"eventAttendanceMode\":\"https://schema.org/OnlineEventAttendanceMode\"") == true)
        #expect(
            files["en/events/summit/index.html"]?.contains(
                "\"eventAttendanceMode\":\"https://schema.org/OfflineEventAttendanceMode\"") == true)
    }

    // MARK: Calendars

    @Test func aDatedEventHasItsOwnCalendarFile() throws {
        let files = try built()
        let calendar = try #require(files["en/events/summit/summit.ics"])
        let lines = calendar.components(separatedBy: "\r\n")
        #expect(lines.last == "")
        #expect(!calendar.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "a line longer than 75 octets")
        let unfolded = calendar.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        #expect(
            Array(unfolded.prefix(10)) == [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Events site//interact-site//EN", "CALSCALE:GREGORIAN",
                "BEGIN:VEVENT", "UID:events/summit@events.example.org", "DTSTAMP:20240530T000000Z",
                "DTSTART;VALUE=DATE:20240530", "DTEND;VALUE=DATE:20240602",
                "SUMMARY;LANGUAGE=en:Spring summit: care\\, training\\; teams",
            ])
        #expect(
            unfolded.contains(
                "DESCRIPTION;LANGUAGE=en:Three days in Lisbon on inter-specialty training\\, with sessions in Português and Ελληνικά\\; bring a laptop \\\\ charger.\\n\\nhttps://events.example.org/en/events/summit/"
            ))
        #expect(unfolded.contains("LOCATION;LANGUAGE=en:Lisbon\\, Portugal"))
        #expect(unfolded.contains("URL:https://events.example.org/en/events/summit/"))
        #expect(Array(unfolded.suffix(3)) == ["END:VEVENT", "END:VCALENDAR", ""])
        // The same event in French: same UID, French text.
        let french = try #require(files["fr/events/summit/summit.ics"])
        #expect(french.contains("UID:events/summit@events.example.org\r\n"))
        #expect(french.contains("LOCATION;LANGUAGE=fr:Lisbonne\\, Portugal\r\n"))
        // One day: DTEND is the next day.
        #expect(
            files["en/events/autumn-course/autumn-course.ics"]?.contains(
                "DTSTART;VALUE=DATE:20240912\r\nDTEND;VALUE=DATE:20240913\r\n") == true)
    }

    @Test func eventsWithoutADayHaveNoCalendarFile() throws {
        let files = try built()
        #expect(
            files.keys.filter { $0.contains("winter-school") || $0.contains("open-day") }.allSatisfy {
                !$0.hasSuffix(".ics")
            })
        #expect(files["en/events/past-webinar/past-webinar.ics"] != nil)
        let shipped = try built(withShippedTheme)
        #expect(
            shipped["en/events/summit/index.html"]?.contains(
                "<a href=\"/en/events/summit/summit.ics\" type=\"text/calendar\">Add to calendar</a>") == true)
        #expect(
            shipped["fr/events/summit/index.html"]?.contains(
                "<a href=\"/fr/events/summit/summit.ics\" type=\"text/calendar\">Ajouter à l’agenda</a>") == true)
        #expect(shipped["en/events/winter-school/index.html"]?.contains(".ics") == false)
        #expect(shipped["en/events/open-day/index.html"]?.contains(".ics") == false)
        #expect(
            shipped["en/events/index.html"]?.contains("<a href=\"/en/events/upcoming.ics\" type=\"text/calendar\">")
                == true)
    }

    @Test func theUpcomingCalendarFollowsTheInjectedClock() throws {
        let onFirstOfJune = try built()
        let upcoming = try #require(onFirstOfJune["en/events/upcoming.ics"])
        // The summit ends on 1 June: still on that day; the webinar was in March; a month has no days.
        #expect(upcoming.components(separatedBy: "BEGIN:VEVENT").count - 1 == 2)
        let summit = try #require(upcoming.range(of: "UID:events/summit@"))
        let course = try #require(upcoming.range(of: "UID:events/autumn-course@"))
        #expect(summit.lowerBound < course.lowerBound)
        #expect(!upcoming.contains("past-webinar") && !upcoming.contains("winter-school"))
        #expect(upcoming.contains("NAME;LANGUAGE=en:Events · Events site\r\n"))
        // Every language has one, with untranslated events in the language they are written in.
        let greek = try #require(onFirstOfJune["el/events/upcoming.ics"])
        #expect(greek.contains("SUMMARY;LANGUAGE=en:Autumn course\r\n"))
        let onSecondOfJune = try built(now: Fixtures.now.addingTimeInterval(86_400))
        #expect(onSecondOfJune["en/events/upcoming.ics"]?.contains("events/summit@") == false)
        #expect(onSecondOfJune["en/events/upcoming.ics"]?.contains("events/autumn-course@") == true)
        // Only the upcoming calendar depends on the clock.
        let changed = onFirstOfJune.keys.filter { onFirstOfJune[$0] != onSecondOfJune[$0] }
        #expect(Set(changed) == ["en/events/upcoming.ics", "fr/events/upcoming.ics", "el/events/upcoming.ics"])
        let afterEverything = try built(now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(afterEverything["en/events/upcoming.ics"]?.contains("BEGIN:VEVENT") == false)
        #expect(afterEverything["en/events/upcoming.ics"]?.hasSuffix("END:VCALENDAR\r\n") == true)
    }

    @Test func textIsEscapedAndLinesAreFoldedBetweenCharacters() {
        #expect(ICalendarText.text("a,b;c\\d\ne\r\nf\rg\u{7}h\ti") == "a\\,b\\;c\\\\d\\ne\\nf\\ngh\ti")
        let long = "DESCRIPTION:" + String(repeating: "é", count: 60)
        let folded = ICalendarText.folded(long)
        let lines = folded.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == long + "\r\n")
        #expect(ICalendarText.folded(String(repeating: "x", count: 75)) == String(repeating: "x", count: 75) + "\r\n")
        #expect(ICalendarText.folded(String(repeating: "x", count: 76)).hasSuffix("x\r\n x\r\n"))
    }

    @Test func aNewsScaffoldAsksForItsDate() throws {
        let config = try SiteConfig.load(from: fileSystem)
        let schemas = try ContentSchema.loadAll(from: fileSystem)
        let (_, news) = try PageScaffold.make(
            kind: "news", name: "Ljubljana", language: nil, config: config, schemas: schemas)
        #expect(news.contains("\ndate:\n"))
        let (_, translation) = try PageScaffold.make(
            kind: "news", name: "Ljubljana", language: "fr", config: config, schemas: schemas)
        #expect(!translation.contains("date:"))
        let (_, event) = try PageScaffold.make(
            kind: "event", name: "Turku", language: nil, config: config, schemas: schemas)
        #expect(!event.contains("\ndate:"))
    }
}
