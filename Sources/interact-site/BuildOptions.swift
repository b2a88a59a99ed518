import ArgumentParser
import Foundation
import Logging
import SiteCore

/// What `build` and `serve` share: the site folder, drafts, and how much to say.
struct BuildOptions: ParsableArguments {
    @OptionGroup var source: SourceOptions

    @OptionGroup var clock: ClockOptions

    @Flag(name: .long, help: "Include pages marked `draft: true` (in the preview they carry a banner).")
    var drafts = false

    @Flag(name: .long, help: "Print what each stage does.")
    var verbose = false

    @Option(name: .long, help: "Where to write the site (default: <source>/site; for serve, <source>/.preview).")
    var output: String?

    /// The site folder's path.
    var path: String { source.source }

    /// `--output`, else `folder` inside the site folder.
    func output(default folder: String) -> String {
        output ?? (path as NSString).appendingPathComponent(folder)
    }

    /// Stage timings on standard error with `--verbose`, else warnings only.
    var logger: Logger {
        var logger = Logger(label: "interact-site") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }
}
