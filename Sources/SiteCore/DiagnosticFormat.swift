import Foundation

/// How `check` prints diagnostics: for people, for GitHub Actions annotations, or as JSON.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text
    case github
    case json

    public func render(_ diagnostics: [Diagnostic]) -> String {
        switch self {
        case .text:
            return diagnostics.map { $0.description + "\n" }.joined()
        case .github:
            return diagnostics.map(Self.annotation).joined()
        case .json:
            struct Entry: Encodable {
                var severity: String
                var file: String
                var line: Int
                var column: Int
                var message: String
                var hint: String?
                var stage: String
            }
            struct Report: Encodable {
                var errors: Int
                var warnings: Int
                var diagnostics: [Entry]
            }
            let report = Report(
                errors: diagnostics.filter { $0.severity == .error }.count,
                warnings: diagnostics.filter { $0.severity == .warning }.count,
                diagnostics: diagnostics.map {
                    Entry(
                        severity: $0.severity.rawValue, file: $0.position.file, line: $0.position.line,
                        column: $0.position.column, message: $0.message, hint: $0.hint, stage: $0.stage.rawValue)
                })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self) + "\n"
        }
    }

    /// `::error file=…,line=…,col=…,title=…::message` with GitHub's escaping.
    static func annotation(_ diagnostic: Diagnostic) -> String {
        func escapeData(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ text: String) -> String {
            escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        let position = diagnostic.position
        var message = diagnostic.message
        if let hint = diagnostic.hint { message += "\nHint: " + hint }
        return
            "::\(diagnostic.severity.rawValue) file=\(escapeProperty(position.file)),line=\(position.line),col=\(position.column),title=\(escapeProperty("interact-site check"))::\(escapeData(message))\n"
    }
}
