import ArgumentParser
import Foundation
import Logging
import ShortLinks
import SiteBuilder
import SiteCore
import SiteOutput

/// `interact-site build`: builds the site into the output folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into the output folder.",
        discussion: "Exit status: 0 built; 1 content errors; 2 usage or configuration errors."
    )

    @OptionGroup var options: BuildOptions

    @Option(name: .customLong("base-url"), help: "Use this base URL instead of config.yaml's baseURL.")
    var baseURL: String?

    @Flag(name: .long, help: "Print only errors.")
    var quiet = false

    func run() throws {
        let started = ContinuousClock.now
        FreedMemory.returnLargeBlocksWhenFreed()
        let console = Console(quiet: quiet)
        let logger = options.logger
        let environment = ProcessInfo.processInfo.environment
        var context = BuildContext(
            source: options.source.folder, logger: logger, includeDrafts: options.drafts, baseURLOverride: baseURL,
            progress: console.progressReporter(), now: try options.clock.moment())
        // Books' PDFs need WeasyPrint; without it the build makes everything else and warns once.
        context.pdfMaker = WeasyPrintWhenNeeded(
            environment: environment,
            cacheFolder: URL(fileURLWithPath: options.path).appendingPathComponent(".cache/pdf"))
        context.imageCache = options.source.folder.root.appendingPathComponent(".cache/images")
        let destination = options.output(default: "site")
        var output: StagedOutput?
        do {
            // Files are written while the build runs; only `commit` touches the previous site.
            var writer = OutputWriter(destination: destination, source: options.path)
            // The build cache: files whose inputs did not change are taken from the live site.
            writer.usesBuildCache = true
            let staged = try writer.begin()
            output = staged
            let result = try SiteBuilder(context: context).build(into: staged)
            console.endProgress()
            var clock = StageClock(logger: logger)
            staged.waitForWrites()
            clock.lap("write (what was left)")
            logger.debug(
                "build cache: \(staged.reusedCount) of \(result.fileCount) files unchanged, taken from the live site")
            try staged.commit()
            clock.lap("swap in the new site")
            console.report(result.warnings)
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            console.summary(
                "Built \(result.pages.summary), \(result.fileCount) files in \(destination) in \(String(format: "%.2f", seconds)) s."
            )
            if !result.qrReport.isEmpty { console.summary(result.qrReport) }
            if let images = result.imageReport { console.summary(images) }
            if let ledger = result.ledgerUpdate {
                // New pages got printed codes, or moved pages took theirs along: record it, so the codes never change (commit this file).
                if (try? options.source.folder.write(Data(ledger.utf8), to: ShortLinkLedger.file)) != nil {
                    for note in result.ledgerNotes { console.summary(note) }
                    console.summary("Updated \(ShortLinkLedger.file); commit it.")
                } else {
                    console.failure("Could not write \(ShortLinkLedger.file): QR code changes were not recorded.")
                }
            }
        } catch {
            output?.discard()
            console.endProgress()
            console.report(error.diagnostics)
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            console.failure(
                "Build failed with \(errors) error\(errors == 1 ? "" : "s"); the previous site was left as it was.")
            throw ExitCode(error.isConfigurationError ? 2 : 1)
        }
    }
}
