import Foundation
import SiteCore
import Testing

@testable import ContentModel
@testable import SiteBuilder

/// Dates known to the day or to the month only (`2023-12`): parsing, order, and how each
/// language writes them.
@Suite struct PageDateTests {
    @Test func aMonthIsADateWithoutADay() throws {
        let month = try #require(PageDate("2023-12"))
        #expect(month.isMonth)
        #expect(month.day == nil)
        #expect(month.iso == "2023-12")
        #expect(month.firstDay == "2023-12-01")
        let day = try #require(PageDate("2023-12-05"))
        #expect(!day.isMonth)
        #expect(day.iso == "2023-12-05")
        #expect(PageDate("2023-12-05T10:00:00Z")?.iso == "2023-12-05")
    }

    @Test(arguments: ["2023-13", "2023-00", "2023-1", "23-12", "2023-12-", "2023/12", "２０２３-12", "2023-1a", "-023-12"])
    func malformedMonthsAreNotDates(text: String) {
        #expect(PageDate(text) == nil)
    }

    @Test func aMonthSortsAsItsFirstDayJustBeforeIt() throws {
        let dates = try ["2023-12-02", "2023-12", "2023-11-30", "2023-12-01", "2024-01"].map {
            try #require(PageDate($0))
        }
        #expect(dates.sorted().map(\.iso) == ["2023-11-30", "2023-12", "2023-12-01", "2023-12-02", "2024-01"])
        #expect(PageDate("2023-12")! < PageDate("2023-12-01")!)
        #expect(!(PageDate("2023-12-01")! < PageDate("2023-12")!))
    }

    /// The standalone month name (CLDR `MMMMy`): Greek and Polish name a month differently on
    /// its own than after a day ("grudzień 2023" but "1 grudnia 2023").
    @Test func monthsReadAsEachLanguageWritesAMonthAlone() throws {
        let languages = [
            ("en", "en-GB", "December 2023", "1 December 2023"),
            ("fr", "fr-FR", "décembre 2023", "1 décembre 2023"),
            ("de", "de-DE", "Dezember 2023", "1. Dezember 2023"),
            ("es", "es-ES", "diciembre de 2023", "1 de diciembre de 2023"),
            ("it", "it-IT", "dicembre 2023", "1 dicembre 2023"),
            ("pl", "pl-PL", "grudzień 2023", "1 grudnia 2023"),
            ("el", "el-GR", "Δεκέμβριος 2023", "1 Δεκεμβρίου 2023"),
        ]
        let labels = DateLabels(languages: languages.map { Language(code: $0.0, name: $0.0, locale: $0.1) })
        let month = try #require(PageDate("2023-12"))
        let day = try #require(PageDate("2023-12-01"))
        for (code, _, monthLabel, dayLabel) in languages {
            #expect(labels.label(month, language: code) == monthLabel, "\(code)")
            #expect(labels.label(day, language: code) == dayLabel, "\(code)")
        }
    }
}
