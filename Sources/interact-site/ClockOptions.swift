import ArgumentParser
import Foundation
import SiteCore

/// `--now`: the day the build decides upcoming and past events against. Without it,
/// `SOURCE_DATE_EPOCH`; without that, the clock, read here at the command's edge so that the
/// library stays free of it (the same input and moment give the same bytes).
struct ClockOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Build as if it were this moment (YYYY-MM-DD, an ISO 8601 moment, or seconds since 1970).",
            discussion: "Default: SOURCE_DATE_EPOCH when set, else the current time."))
    var now: String?

    /// The build's moment; an unreadable `--now` or `SOURCE_DATE_EPOCH` is a usage error.
    func moment() throws -> Date {
        do {
            return try BuildDate.resolve(option: now, environment: ProcessInfo.processInfo.environment) ?? Date()
        } catch {
            throw ValidationError(error.description)
        }
    }
}
