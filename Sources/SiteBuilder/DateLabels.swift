import Foundation
import SiteCore

/// Dates as readers of each language write them ("17 May 2024", "17. Mai 2024"), shared by the
/// threads that render pages: DateFormatter is not safe to share, so it is used under a lock and
/// each label is made once.
final class DateLabels: @unchecked Sendable {
    private let formatters: [String: DateFormatter]
    private var labels: [String: String] = [:]
    private let lock = NSLock()

    init(languages: [Language]) {
        var formatters: [String: DateFormatter] = [:]
        for language in languages {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: language.locale)
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateStyle = .long
            formatter.timeStyle = .none
            formatters[language.code] = formatter
        }
        self.formatters = formatters
    }

    func label(_ date: PageDate, language: String) -> String? {
        let key = language + " " + date.iso
        return lock.withLock {
            if let known = labels[key] { return known }
            guard let formatter = formatters[language] else { return nil }
            let label = formatter.string(from: date.date)
            labels[key] = label
            return label
        }
    }
}
