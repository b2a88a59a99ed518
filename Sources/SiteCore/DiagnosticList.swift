/// Collects the diagnostics of one stage and tells whether the build may go on.
public struct DiagnosticList: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) { self.items = items }

    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    /// What people read: one message per mistake, root causes first. Problems that only follow
    /// from a file that could not be read are not listed; that file's error counts them instead
    /// ("3 links and 1 translation depend on this page"). Then the files that could not be read
    /// (errors of the config and load stages), then the rest, each by file, line and column;
    /// duplicates removed.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        let unique = items.sorted().filter { seen.insert($0).inserted }
        let failedFiles = Set(
            unique.lazy.filter { $0.severity == .error && $0.dependency == nil }.map(\.position.file))
        var dependents: [String: [Diagnostic.Dependency.Kind: Int]] = [:]
        var kept: [Diagnostic] = []
        for diagnostic in unique {
            if let dependency = diagnostic.dependency, failedFiles.contains(dependency.file) {
                dependents[dependency.file, default: [:]][dependency.kind, default: 0] += 1
            } else {
                kept.append(diagnostic)
            }
        }
        for index in kept.indices {
            let file = kept[index].position.file
            guard kept[index].severity == .error, let counts = dependents.removeValue(forKey: file) else { continue }
            let parts = Diagnostic.Dependency.Kind.allCases.compactMap { kind in
                counts[kind].flatMap { kind.counted($0) }
            }
            guard !parts.isEmpty else { continue }
            let total = counts.filter { $0.key.counted($0.value) != nil }.values.reduce(0, +)
            kept[index].message +=
                " \(Self.sentenceList(parts)) depend\(total == 1 ? "s" : "") on this page; they work again once it is fixed."
        }
        let isRootCause = { (diagnostic: Diagnostic) in
            diagnostic.severity == .error && (diagnostic.stage == .config || diagnostic.stage == .load)
        }
        return kept.filter(isRootCause) + kept.filter { !isRootCause($0) }
    }

    /// `a`, `a and b`, `a, b and c`.
    static func sentenceList(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    }
}

/// Thrown when a build cannot go on; carries every diagnostic found so far.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// Configuration and usage problems exit with 2, content problems with 1.
    public var isConfigurationError: Bool

    public init(diagnostics: [Diagnostic], isConfigurationError: Bool = false) {
        self.diagnostics = diagnostics
        self.isConfigurationError = isConfigurationError
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
