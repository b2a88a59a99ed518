import Foundation

/// Days as calendars count them, in UTC: for iCalendar's DATE values and "upcoming" events.
extension PageDate {
    /// The UTC day of a moment.
    public static func day(of moment: Date) -> PageDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: moment)
        return PageDate(String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1))!
    }

    /// `20230920`: the first day as iCalendar writes a DATE value.
    public var compactDay: String { firstDay.replacingOccurrences(of: "-", with: "") }

    /// The day after the last one (iCalendar's DTEND is exclusive).
    public var dayAfter: PageDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return Self.day(of: calendar.date(byAdding: .day, value: 1, to: date)!)
    }
}
