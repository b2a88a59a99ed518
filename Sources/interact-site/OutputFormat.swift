import ArgumentParser
import SiteCore

/// `--format` of the commands that report (`check`, `translations`): one set of names, so a
/// workflow asks every command for annotations or JSON the same way.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// For people: `path:line:column: error: …` and a hint.
    case text
    /// GitHub workflow commands: problems become annotations on the pull request's files.
    case github
    /// For programs.
    case json

    /// How problems are written in this format.
    var diagnosticFormat: DiagnosticFormat { DiagnosticFormat(rawValue: rawValue)! }
}
