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
    /// Set when this problem only follows from another file that could not be read: it is then
    /// not reported on its own but counted in that file's error ("3 links depend on this page").
    public var dependency: Dependency?

    /// A place that needs a file which could not be read.
    public struct Dependency: Sendable, Hashable {
        /// What kind of place depends on the file, as counted in its error.
        public enum Kind: Int, Sendable, Hashable, CaseIterable {
            case link
            case translation
            case qrCode
            /// A warning that a translation is out of date with an original that has an error
            /// right now: noise until the original is fixed, and not counted in its error.
            case staleTranslation

            func counted(_ count: Int) -> String? {
                switch self {
                case .link: return count == 1 ? "1 link" : "\(count) links"
                case .translation: return count == 1 ? "1 translation" : "\(count) translations"
                case .qrCode: return count == 1 ? "1 printed QR code" : "\(count) printed QR codes"
                case .staleTranslation: return nil
                }
            }
        }

        /// The file that could not be read, as diagnostics show it (`content/partners/x.md`).
        public var file: String
        public var kind: Kind

        public init(on file: String, as kind: Kind) {
            self.file = file
            self.kind = kind
        }
    }

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

    /// This diagnostic, marked as following only from `file` being unreadable.
    public func depending(on file: String, as kind: Dependency.Kind) -> Diagnostic {
        var marked = self
        marked.dependency = Dependency(on: file, as: kind)
        return marked
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
