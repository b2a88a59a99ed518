import ArgumentParser
import Foundation
import SiteBuilder
import SiteCore

/// `interact-site check`: validates the whole site and writes nothing. For partners' pull requests.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every page, link, field and translation; write nothing.",
        discussion: "Exit status: 0 no errors; 1 errors (or warnings with --strict); 2 usage or configuration errors."
    )

    @OptionGroup var options: SourceOptions

    @Option(name: .long, help: "Output format: text, github (workflow annotations) or json.")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .long, help: "Also check pages marked `draft: true`.")
    var drafts = false

    func run() throws {
        let context = BuildContext(source: options.folder, includeDrafts: drafts, now: Date())
        var diagnostics: [Diagnostic]
        var pageCount = 0
        var status: Int32 = 0
        do {
            let (graph, found) = try SiteBuilder(context: context).validate()
            diagnostics = found.sorted
            pageCount = graph.sourcesByContentPath.count
        } catch {
            diagnostics = error.diagnostics
            status = error.isConfigurationError ? 2 : 1
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if status == 0 && (errors > 0 || (strict && warnings > 0)) { status = 1 }
        print(format.diagnosticFormat.render(diagnostics), terminator: "")
        if format == .text {
            let summary =
                diagnostics.isEmpty
                ? "Checked \(pageCount) pages: no problems found."
                : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")."
            FileHandle.standardError.write(Data((summary + "\n").utf8))
        }
        if status != 0 { throw ExitCode(status) }
    }
}
