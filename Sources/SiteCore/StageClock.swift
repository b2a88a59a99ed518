import Foundation
import Logging

/// Times a sequence of stages for `--verbose`: each `lap` logs how long the stage since the last
/// lap took and how much memory the process holds after it, so a profile of a build starts from
/// the log rather than from guesses.
public struct StageClock {
    private let logger: Logger?
    private let prefix: String
    private var started = ContinuousClock.now
    private var startedCPU = Self.processorSeconds()

    public init(logger: Logger?, prefix: String = "") {
        self.logger = logger
        self.prefix = prefix
    }

    public mutating func lap(_ stage: String) {
        let now = ContinuousClock.now
        let cpu = Self.processorSeconds()
        let elapsed = now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // CPU time over wall time shows how many cores a stage kept busy.
        logger?.debug(
            "\(prefix)\(stage): \(String(format: "%.3f", seconds)) s (CPU \(String(format: "%.2f", cpu - startedCPU)) s), \(Self.residentMegabytes().map { "\($0) MB resident" } ?? "")"
        )
        started = now
        startedCPU = cpu
    }

    /// User and system time of the whole process so far.
    static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// The process's resident memory now, from /proc (nil where there is none).
    public static func residentMegabytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
