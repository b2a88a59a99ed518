/// A `--now` or `SOURCE_DATE_EPOCH` that is not a date: the command stops (exit 2) rather than
/// build against the wrong day.
public struct BuildDateError: Error, CustomStringConvertible, Sendable {
    /// `--now` or `SOURCE_DATE_EPOCH`.
    public var source: String
    public var value: String

    public var description: String {
        "\(source) must be a date such as 2026-12-01, a moment such as 2026-12-01T08:00:00Z, or seconds since 1970, not `\(value)`."
    }
}
