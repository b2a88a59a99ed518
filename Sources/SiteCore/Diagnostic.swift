/// One problem found in the site's sources, with where it is and how to fix it.
///
/// Stages collect diagnostics instead of stopping at the first, so one run reports every mistake.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var position: SourcePosition
    /// A plain sentence saying what is wrong.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?
    /// The build stage that found it: load, validate, render, write.
    public var stage: BuildStage

    public init(
        _ severity: Severity, at position: SourcePosition, _ message: String, hint: String? = nil,
        stage: BuildStage
    ) {
        self.severity = severity
        self.position = position
        self.message = message
        self.hint = hint
        self.stage = stage
    }

    public static func error(
        _ message: String, at position: SourcePosition, hint: String? = nil, stage: BuildStage
    ) -> Diagnostic {
        Diagnostic(.error, at: position, message, hint: hint, stage: stage)
    }

    public static func warning(
        _ message: String, at position: SourcePosition, hint: String? = nil, stage: BuildStage
    ) -> Diagnostic {
        Diagnostic(.warning, at: position, message, hint: hint, stage: stage)
    }

    /// `file:line:column: error: message` and, on the next line, the hint.
    public var description: String {
        var text = "\(position): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.position != rhs.position { return lhs.position < rhs.position }
        return lhs.message < rhs.message
    }
}

/// The stages of a build, in the order they run.
public enum BuildStage: String, Sendable, Hashable {
    case config
    case load
    case validate
    case render
    case write
}
