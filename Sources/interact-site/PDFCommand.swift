import ArgumentParser
import Foundation
import SiteBuilder
import SiteCore
import SiteOutput

/// `interact-site pdf`: the books' PDFs (sections with `book: true`) without building the site,
/// for printing or sending one; `build` makes the same files inside the site.
struct PDFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Make the PDF of each book (a section whose _index.md says `book: true`).",
        discussion: """
            Writes <project>-<section>-<lang>.pdf into the output folder, with WeasyPrint. \
            SOURCE_DATE_EPOCH sets the edition date, so that the same input gives the same bytes.
            Exit status: 0 made; 1 content errors or WeasyPrint failed; 2 usage or configuration \
            errors, or WeasyPrint is not installed.
            """
    )

    @OptionGroup var source: SourceOptions
    @OptionGroup var clock: ClockOptions

    @Option(name: .long, help: "Where to write the PDFs (default: the current folder).")
    var output: String = "."

    @Option(name: .long, help: "Only this book: its folder under content/ (e.g. blueprint). Repeatable.")
    var section: [String] = []

    @Option(name: .long, help: "Only this language (e.g. fr). Repeatable.")
    var lang: [String] = []

    @Flag(name: .customLong("no-cache"), help: "Run WeasyPrint even when <source>/.cache/pdf has these PDFs.")
    var noCache = false

    func run() throws {
        let console = Console(quiet: false)
        let environment = ProcessInfo.processInfo.environment
        guard var weasyPrint = WeasyPrint.find(environment: environment) else {
            console.failure("error: WeasyPrint is not installed, so no PDF can be made.")
            console.failure("hint: \(WeasyPrint.installHint)")
            throw ExitCode(2)
        }
        if !noCache {
            weasyPrint.cacheFolder = URL(fileURLWithPath: source.source).appendingPathComponent(".cache/pdf")
        }
        var context = BuildContext(source: source.folder, now: try clock.moment())
        context.pdfMaker = weasyPrint
        let made: (pdfs: [OutputFile], diagnostics: DiagnosticList)
        do {
            made = try SiteBuilder(context: context).printEditions(
                sections: section.isEmpty ? nil : Set(section), languages: lang.isEmpty ? nil : Set(lang))
        } catch {
            console.report(error.diagnostics)
            throw ExitCode(error.isConfigurationError ? 2 : 1)
        }
        console.report(made.diagnostics.sorted.filter { $0.severity == .warning })
        guard !made.pdfs.isEmpty else {
            let among = section.isEmpty && lang.isEmpty ? "" : " among those asked for"
            console.failure("No PDF made: no book (a section whose _index.md says `book: true`)\(among) has one.")
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        for pdf in made.pdfs {
            let destination = (output as NSString).appendingPathComponent((pdf.path as NSString).lastPathComponent)
            try pdf.contents.write(to: URL(fileURLWithPath: destination))
            console.summary("Wrote \(destination) (\(pdf.contents.count) bytes).")
        }
    }
}
