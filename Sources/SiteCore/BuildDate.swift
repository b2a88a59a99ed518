import Foundation

/// The moment a build takes as "now" (which events are upcoming, which are past), read from
/// what the caller was given rather than from the clock, so that a build is reproducible:
/// `--now` wins, then `SOURCE_DATE_EPOCH` (the reproducible-builds convention), and only a
/// command with neither falls back to the wall clock, which it reads itself.
public enum BuildDate {
    /// The environment variable of reproducible builds: seconds since 1970-01-01 UTC.
    public static let environmentVariable = "SOURCE_DATE_EPOCH"

    /// `--now`'s value: `YYYY-MM-DD` (midnight UTC), a full ISO 8601 moment such as
    /// `2026-12-01T08:00:00Z`, or seconds since 1970 as `SOURCE_DATE_EPOCH` writes them; nil when
    /// it is none of these.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.allSatisfy(\.isNumber), let seconds = Int(trimmed) {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        if trimmed.count == 10 {
            formatter.formatOptions = [.withFullDate]
        }
        return formatter.date(from: trimmed)
    }

    /// The build's moment from `--now` (`option`) or `SOURCE_DATE_EPOCH` in `environment`; nil
    /// when neither is set. An unreadable value is an error naming where it came from, never a
    /// silent fall back to the clock (which would make the output change with the day).
    public static func resolve(option: String?, environment: [String: String]) throws(BuildDateError) -> Date? {
        if let option {
            guard let date = parse(option) else { throw BuildDateError(source: "--now", value: option) }
            return date
        }
        if let epoch = environment[environmentVariable], !epoch.isEmpty {
            guard epoch.allSatisfy(\.isNumber), let date = parse(epoch) else {
                throw BuildDateError(source: environmentVariable, value: epoch)
            }
            return date
        }
        return nil
    }
}
