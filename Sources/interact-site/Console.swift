import Foundation
import SiteCore

/// Prints diagnostics, the closing summary and, on a terminal, a progress line for long builds.
struct Console: Sendable {
    let quiet: Bool
    let isTerminal = isatty(STDERR_FILENO) == 1

    private func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Errors always; warnings unless quiet.
    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics where !quiet || diagnostic.severity == .error {
            writeError(diagnostic.description + "\n")
        }
    }

    func summary(_ line: String) {
        if !quiet { print(line) }
    }

    func failure(_ line: String) {
        writeError(line + "\n")
    }

    /// A progress reporter for builds of more than a few hundred pages, shown only on a terminal.
    func progressReporter() -> (@Sendable (BuildProgress) -> Void)? {
        guard isTerminal, !quiet else { return nil }
        return { progress in
            guard progress.total >= 500, progress.completed % 100 == 0 || progress.completed == progress.total else {
                return
            }
            let text = "\r\(progress.stage.rawValue.capitalized): \(progress.completed)/\(progress.total) pages"
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    func endProgress() {
        if isTerminal && !quiet { writeError("\r\u{1B}[K") }
    }
}
