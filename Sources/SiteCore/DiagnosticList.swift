/// Collects the diagnostics of one stage and tells whether the build may go on.
public struct DiagnosticList: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) { self.items = items }

    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    /// Sorted by file, line and column, duplicates removed: the order people read them in.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return items.sorted().filter { seen.insert($0).inserted }
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
