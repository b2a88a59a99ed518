import ArgumentParser
import Foundation
import SiteBuilder
import SiteCore

/// `interact-site translations`: what is translated, missing or stale per language; `--stamp`
/// records that translations are up to date with their originals.
struct TranslationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translations",
        abstract: "Show translation status per language, or stamp translations as up to date.",
        discussion: "After updating a translation: interact-site translations --stamp fr content/partners/eco.fr.md"
    )

    @OptionGroup var options: SourceOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .long, help: "Record that these translations (paths after it) are up to date: give the language.")
    var stamp: String?

    @Argument(help: "With --stamp: the translation files, e.g. content/partners/eco.fr.md.")
    var paths: [String] = []

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        if stamp != nil && paths.isEmpty { throw ValidationError("--stamp needs the translation files to stamp.") }
        if stamp == nil && !paths.isEmpty { throw ValidationError("Files are only given with --stamp LANG.") }
    }

    func run() throws {
        let context = BuildContext(source: LocalFileSystem(root: options.source))
        do {
            if let language = stamp {
                for (path, text) in try TranslationStamper(context: context).stamp(language: language, paths: paths) {
                    let url = URL(fileURLWithPath: options.source).appendingPathComponent(path)
                    try text.write(to: url, atomically: true, encoding: .utf8)
                    print("Stamped \(path)")
                }
                return
            }
            var warnings = DiagnosticList()
            let (graph, _) = try SiteBuilder(context: context).validate()
            let status = TranslationStatus.of(graph, warnings: &warnings)
            switch format {
            case .text: print(status.text, terminator: "")
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(status), as: UTF8.self))
            }
        } catch let failure as BuildFailure {
            FileHandle.standardError.write(Data(DiagnosticFormat.text.render(failure.diagnostics).utf8))
            throw ExitCode(failure.isConfigurationError ? 2 : 1)
        }
    }
}
