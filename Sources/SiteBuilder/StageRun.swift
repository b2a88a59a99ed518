import Logging
import SiteCore

/// One build's way through the `BuildStep`s: times each (`--verbose`) and records which ran, in
/// order, so that the stage list in `SiteBuilder` is the one the documentation gives.
struct StageRun {
    private var clock: StageClock
    private(set) var steps: [BuildStep] = []

    init(logger: Logger?) {
        clock = StageClock(logger: logger)
    }

    mutating func step<T, E: Error>(_ step: BuildStep, _ body: () throws(E) -> T) throws(E) -> T {
        let value = try body()
        steps.append(step)
        clock.lap(step.rawValue)
        return value
    }
}
