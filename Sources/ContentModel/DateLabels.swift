import Foundation
import SiteCore

/// Dates as readers of each language write them ("17 May 2024", "17. Mai 2024"; a month alone
/// as "December 2023", "Δεκέμβριος 2023"), shared by the threads that render pages:
/// DateFormatter is not safe to share, so it is used under a lock and each label is made once.
///
/// A month uses CLDR's `MMMMy` skeleton, which gives the standalone (nominative) month name
/// where a language has one: Greek and Polish `monthSymbols` are genitive ("Δεκεμβρίου",
/// "grudnia"), right after a day but wrong on their own.
public final class DateLabels: @unchecked Sendable {
    private let days: [String: DateFormatter]
    private let months: [String: DateFormatter]
    private var labels: [String: String] = [:]
    private let lock = NSLock()

    public init(languages: [Language]) {
        var days: [String: DateFormatter] = [:]
        var months: [String: DateFormatter] = [:]
        for language in languages {
            let locale = Locale(identifier: language.locale)
            let day = DateFormatter()
            day.locale = locale
            day.timeZone = TimeZone(identifier: "UTC")
            day.dateStyle = .long
            day.timeStyle = .none
            days[language.code] = day
            let month = DateFormatter()
            month.locale = locale
            month.timeZone = TimeZone(identifier: "UTC")
            month.setLocalizedDateFormatFromTemplate("MMMMy")
            months[language.code] = month
        }
        self.days = days
        self.months = months
    }

    public func label(_ date: PageDate, language: String) -> String? {
        let key = language + " " + date.iso
        return lock.withLock {
            if let known = labels[key] { return known }
            guard let formatter = (date.isMonth ? months : days)[language] else { return nil }
            let label = formatter.string(from: date.date)
            labels[key] = label
            return label
        }
    }
}
