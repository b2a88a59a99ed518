import Foundation

/// A calendar date from front matter, kept as written so output never depends on time zones.
///
/// Sources often know only the month of something ("December 2023"), so a date is either a day
/// (`2023-12-05`) or a month (`2023-12`, `day` nil). A month is never shown or published as a
/// day: labels read "December 2023", and ISO 8601 output is `2023-12` wherever the format allows
/// a reduced precision. Formats that require a full date (Atom's `updated`, the sitemap's
/// `lastmod`) get the first day of the month (`firstDay`), which is never shown to a reader.
public struct PageDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    /// nil for a date known to the month only.
    public var day: Int?

    /// Accepts `YYYY-MM-DD`, optionally followed by a time (`T10:00:00Z`), which is ignored, or
    /// `YYYY-MM` for a month.
    public init?(_ text: String) {
        if text.utf8.count == 7 {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
                parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
            else { return nil }
            self.year = year
            self.month = month
            self.day = nil
            return
        }
        let datePart = text.prefix(10)
        let parts = datePart.split(separator: "-")
        guard datePart.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let rest = text.dropFirst(10)
        guard rest.isEmpty || rest.first == "T" || rest.first == " " else { return nil }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        guard components.isValidDate(in: Calendar(identifier: .gregorian)) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// True when only the month is known (`2023-12`).
    public var isMonth: Bool { day == nil }

    /// ISO 8601 at the precision written: `2023-12-05`, or `2023-12` for a month.
    public var iso: String {
        guard let day else { return String(format: "%04d-%02d", year, month) }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `YYYY-MM-DD`, the first of the month for a month: only for formats that require a day,
    /// never for what a reader sees.
    public var firstDay: String { String(format: "%04d-%02d-%02d", year, month, day ?? 1) }

    /// Midnight UTC of this day (of the first day, for a month).
    public var date: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day ?? 1))!
    }

    /// A month sorts as its first day, just before a date on that first day (so the order is
    /// total and does not depend on the order pages were read in).
    public static func < (lhs: PageDate, rhs: PageDate) -> Bool {
        (lhs.year, lhs.month, lhs.day ?? 1, lhs.day == nil ? 0 : 1)
            < (rhs.year, rhs.month, rhs.day ?? 1, rhs.day == nil ? 0 : 1)
    }

    /// The hint for a value that is not a date, with an example for `field`.
    public static func formatHint(field: String) -> String {
        "Write dates as YYYY-MM-DD, or YYYY-MM when only the month is known, for example `\(field): 2023-09-20` or `\(field): 2023-12`."
    }
}
