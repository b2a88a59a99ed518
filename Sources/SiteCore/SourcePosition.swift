/// A place in a source file, 1-based, as editors and CI annotations show it.
///
/// Every diagnostic points at one so that a partner's communications officer can open the
/// file and go straight to the line.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path relative to the site's source folder, with `/` separators.
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// The same file, moved down by `lines` (front matter and bodies are parsed apart from the file).
    public func offset(lines: Int) -> SourcePosition {
        SourcePosition(file: file, line: line + lines, column: column)
    }
}
