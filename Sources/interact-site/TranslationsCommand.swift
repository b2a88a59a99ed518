import ArgumentParser
import Foundation
import SiteBuilder
import SiteCore

/// `interact-site translations`: what is translated, missing, stale or not verified per language;
/// `--stamp` records that translations are up to date with their originals.
struct TranslationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translations",
        abstract: "Show translation status per language, or stamp translations as up to date.",
        discussion: """
            The status is printed even when the content has errors: they go to standard error, the report \
            ends with a note (text) or gives their number as contentErrors (json), and the exit status is 1.

            After checking translations against their originals (one file or several):
              interact-site translations --stamp fr content/partners/eco.fr.md
            After checking every translation into a language:
              interact-site translations --stamp fr --all

            Exit status: 0 status shown or files stamped; 1 content errors (the status is still shown); \
            2 usage or configuration errors.
            """
    )

    @OptionGroup var options: SourceOptions

    @Option(
        name: .long,
        help: "Output format: text, github (content errors as workflow annotations; the status as text) or json.")
    var format: OutputFormat = .text

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Record that translations into this language are up to date with their originals.",
            valueName: "language"))
    var stamp: String?

    @Flag(name: .long, help: "With --stamp: stamp every translation into the language.")
    var all = false

    @Argument(help: "With --stamp: the translation files, e.g. content/partners/eco.fr.md.")
    var paths: [String] = []

    func validate() throws {
        if stamp != nil && paths.isEmpty && !all {
            throw ValidationError(
                "--stamp needs the translation files to stamp, or --all for every translation into the language.")
        }
        if stamp != nil && !paths.isEmpty && all {
            throw ValidationError("Give either translation files or --all, not both.")
        }
        if stamp == nil && (!paths.isEmpty || all) {
            throw ValidationError("Files and --all are only given with --stamp LANGUAGE.")
        }
    }

    /// Problems go to standard error: as annotations for a workflow, else as text (the JSON on
    /// standard output is the status, which counts them).
    var problemFormat: DiagnosticFormat { format == .github ? .github : .text }

    func run() throws {
        let context = BuildContext(source: options.folder, now: Date())
        do {
            if let language = stamp {
                try stamp(language, context: context)
                return
            }
            let (graph, found) = try SiteBuilder(context: context).assemble()
            var diagnostics = found
            var status = TranslationStatus.of(graph, warnings: &diagnostics)
            let errors = diagnostics.sorted.filter { $0.severity == .error }
            status.contentErrors = errors.count
            if !errors.isEmpty {
                FileHandle.standardError.write(Data(problemFormat.render(errors).utf8))
            }
            switch format {
            case .text, .github: print(status.text, terminator: "")
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(status), as: UTF8.self))
            }
            if !errors.isEmpty { throw ExitCode(1) }
        } catch let failure as BuildFailure {
            FileHandle.standardError.write(Data(problemFormat.render(failure.diagnostics).utf8))
            throw ExitCode(failure.isConfigurationError ? 2 : 1)
        }
    }

    /// Writes the stamped files and says which changed.
    private func stamp(_ language: String, context: BuildContext) throws {
        let folder = options.folder
        let stamper = TranslationStamper(context: context)
        let results =
            all ? try stamper.stampAll(language: language) : try stamper.stamp(language: language, paths: paths)
        var unchanged = 0
        for (path, text) in results {
            guard context.source.text(of: path) != text else {
                unchanged += 1
                continue
            }
            try folder.write(Data(text.utf8), to: path)
            print("Stamped \(path)")
        }
        if results.isEmpty {
            print("There are no translations into `\(language)` to stamp.")
        } else if unchanged > 0 {
            print(
                "\(unchanged) already stamped with the current version of \(unchanged == 1 ? "its" : "their") original."
            )
        }
    }
}
