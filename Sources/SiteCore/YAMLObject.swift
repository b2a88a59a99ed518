import Foundation
import Yams

/// A YAML mapping read with its source positions, so every problem in config and front matter
/// can name the exact line and column.
///
/// Values are read as typed fields; keys that nobody asked for are rejected (Zola's
/// `deny_unknown_fields`), with the closest known key suggested.
public struct YAMLObject: @unchecked Sendable {
    public struct Entry: @unchecked Sendable {
        public var key: String
        public var keyNode: Node
        public var value: Node
    }

    public let entries: [Entry]
    public let file: String
    /// Lines before the YAML text in its file (front matter starts below the opening `---`).
    public let lineOffset: Int
    /// Where the mapping itself starts, for "missing key" errors.
    public let position: SourcePosition

    public init(mapping: Node.Mapping, file: String, lineOffset: Int, position: SourcePosition) {
        self.entries = mapping.map { Entry(key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
        self.file = file
        self.lineOffset = lineOffset
        self.position = position
    }

    /// Parses YAML text whose top level must be a mapping. An empty document is an empty mapping.
    /// `maxValues` bounds the values aliases may add to the text once expanded: Yams shares an
    /// aliased value, but everything that reads the result (fields, template values, hashes)
    /// walks each copy, so nine aliases of nine aliases of … is a billion values to them.
    public static func parse(
        _ text: String, file: String, lineOffset: Int = 0, stage: BuildStage,
        maxValues: Int = SiteLimits().maxYAMLValues, diagnostics: inout DiagnosticList
    ) -> YAMLObject? {
        let start = SourcePosition(file: file, line: lineOffset + 1, column: 1)
        if let tab = firstIndentingTab(in: text) {
            diagnostics.append(
                .error(
                    "YAML does not allow tabs for indentation.", at: start.offset(lines: tab - 1),
                    hint:
                        "Delete the tab: fields start at the beginning of the line. Where a line must be indented (under a list), indent it with spaces.",
                    stage: stage))
            return nil
        }
        do {
            // The encoding named: left out, Yams reads the process's whole environment for each
            // parse to learn it (a twentieth of loading 10,000 pages). The basic resolver: no
            // value here is read by its tag (each is read from its text, as written), and the
            // default one tries up to seven regular expressions on every key when Yams checks
            // for duplicate keys (another twentieth).
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                return YAMLObject(mapping: Node.Mapping([]), file: file, lineOffset: lineOffset, position: start)
            }
            // A value written out takes at least a byte, so a file without aliases never exceeds
            // its size in values however long it is (the QR ledger of a large site); only aliases
            // can take the count beyond that.
            let allowed = maxValues + text.utf8.count
            if valueCount(of: node, upTo: allowed) > allowed {
                diagnostics.append(
                    .error(
                        "Its aliases (`*name`) expand this YAML to more than \(maxValues) values beyond those written out.",
                        at: start,
                        hint:
                            "Write the values out instead of repeating aliases of aliases, or raise `limits.maxYAMLValues` in config.yaml if they are all needed.",
                        stage: stage))
                return nil
            }
            guard let mapping = node.mapping else {
                let at = positionOf(node.mark, file: file, lineOffset: lineOffset) ?? start
                diagnostics.append(
                    .error(
                        "Expected `key: value` lines here, but found \(kindName(node)).", at: at,
                        hint: "Write one `key: value` per line, for example `title: My page`.", stage: stage))
                return nil
            }
            return YAMLObject(mapping: mapping, file: file, lineOffset: lineOffset, position: start)
        } catch let error as YamlError {
            diagnostics.append(describe(error, text: text, file: file, lineOffset: lineOffset, stage: stage))
            return nil
        } catch {
            diagnostics.append(.error("This YAML could not be read: \(error)", at: start, stage: stage))
            return nil
        }
    }

    /// The number of values in `node`, aliases expanded, counting no further than `limit + 1`
    /// (so that a bomb costs no more than the limit to detect).
    static func valueCount(of node: Node, upTo limit: Int) -> Int {
        var count = 0
        var pending = [node]
        while let next = pending.popLast() {
            count += 1
            if count > limit { return count }
            switch next {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    pending.append(key)
                    pending.append(value)
                }
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            case .scalar, .alias: break
            }
        }
        return count
    }

    private static func firstIndentingTab(in text: String) -> Int? {
        // Bytes, not Characters: this runs on every page's front matter.
        var line = 1
        var atIndentation = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                atIndentation = true
            case UInt8(ascii: "\t") where atIndentation: return line
            case UInt8(ascii: " "): break
            default: atIndentation = false
            }
        }
        return nil
    }

    private static func describe(
        _ error: YamlError, text: String, file: String, lineOffset: Int, stage: BuildStage
    ) -> Diagnostic {
        let fallback = SourcePosition(file: file, line: lineOffset + 1, column: 1)
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if let plain = YAMLErrorExplanation(
                problem: problem, context: context?.text, problemAt: (mark.line, mark.column),
                contextAt: context.map { ($0.mark.line, $0.mark.column) }, text: text)
            {
                return .error(
                    plain.message,
                    at: SourcePosition(file: file, line: plain.line + lineOffset, column: plain.column),
                    hint: plain.hint, stage: stage)
            }
            let at = positionOf(mark, file: file, lineOffset: lineOffset) ?? fallback
            var message = "The YAML here is not valid: \(problem)"
            if let context { message += " (\(context.text))" }
            message += "."
            return .error(
                message, at: at,
                hint:
                    "Check the indentation and that each value containing `: ` or starting with a special character is in quotes.",
                stage: stage)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")
            // Yams points at the block; point at the repeated key instead, as an editor would.
            let repeated = duplicates.sorted().first.flatMap {
                secondLine(of: $0, in: text, block: context.mark)
            }
            let at =
                repeated.map { SourcePosition(file: file, line: $0 + lineOffset, column: $1) }
                ?? positionOf(context.mark, file: file, lineOffset: lineOffset) ?? fallback
            return .error(
                "The key \(keys) appears more than once in the same block.", at: at,
                hint: "Keep one of them and delete the others.", stage: stage)
        default:
            return .error("The YAML here is not valid: \(error).", at: fallback, stage: stage)
        }
    }

    /// The line and column of the second `key:` of the block that starts at `block`.
    private static func secondLine(of key: String, in text: String, block: Mark) -> (Int, Int)? {
        var seen = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() where offset + 1 >= block.line {
            let indentation = line.prefix { $0 == " " }.count
            guard indentation == block.column - 1 else { continue }
            let rest = line.dropFirst(indentation)
            if rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") {
                seen += 1
                if seen == 2 { return (offset + 1, indentation + 1) }
            }
        }
        return nil
    }

    static func positionOf(_ mark: Mark?, file: String, lineOffset: Int) -> SourcePosition? {
        mark.map { SourcePosition(file: file, line: $0.line + lineOffset, column: $0.column) }
    }

    static func kindName(_ node: Node) -> String {
        switch node {
        case .scalar: return "a single value"
        case .sequence: return "a list"
        case .mapping: return "a block of `key: value` lines"
        case .alias: return "an alias"
        }
    }

    // MARK: Reading values

    public func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    public func position(of node: Node) -> SourcePosition {
        YAMLObject.positionOf(node.mark, file: file, lineOffset: lineOffset) ?? position
    }

    public func positionOfKey(_ key: String) -> SourcePosition {
        entries.first { $0.key == key }.map { position(of: $0.keyNode) } ?? position
    }

    /// Reports each key not in `allowed`, suggesting the closest allowed one.
    public func rejectUnknownKeys(
        allowed: [String], in context: String, stage: BuildStage, diagnostics: inout DiagnosticList
    ) {
        for entry in entries where !allowed.contains(entry.key) {
            let suggestion = EditDistance.closest(to: entry.key, among: allowed)
            let hint =
                suggestion.map { "Did you mean `\($0)`? Known keys: \(allowed.joined(separator: ", "))." }
                ?? "Known keys: \(allowed.joined(separator: ", "))."
            diagnostics.append(
                .error(
                    "Unknown key `\(entry.key)` in \(context).", at: position(of: entry.keyNode), hint: hint,
                    stage: stage))
        }
    }

    private func typeError(
        _ key: String, _ node: Node, expected: String, stage: BuildStage, diagnostics: inout DiagnosticList
    ) {
        let found = node.scalar.map { "`\($0.string)`" } ?? YAMLObject.kindName(node)
        diagnostics.append(
            .error(
                "`\(key)` must be \(expected), but here it is \(found).", at: position(of: node),
                hint: "Write it as `\(key): \(example(for: expected))`.", stage: stage))
    }

    private func example(for expected: String) -> String {
        switch expected {
        case "a number": return "10"
        case "true or false": return "true"
        case "a list of texts": return "[first, second]"
        default: return "some text"
        }
    }

    /// A scalar as text, exactly as written (YAML 1.1's `no` stays "no").
    public func string(_ key: String, stage: BuildStage, diagnostics: inout DiagnosticList) -> String? {
        guard let node = value(key), !isNull(node) else { return nil }
        guard let scalar = node.scalar else {
            typeError(key, node, expected: "a text", stage: stage, diagnostics: &diagnostics)
            return nil
        }
        return scalar.string
    }

    public func int(_ key: String, stage: BuildStage, diagnostics: inout DiagnosticList) -> Int? {
        guard let node = value(key), !isNull(node) else { return nil }
        guard let text = node.scalar?.string, let number = Int(text) else {
            typeError(key, node, expected: "a number", stage: stage, diagnostics: &diagnostics)
            return nil
        }
        return number
    }

    public func bool(_ key: String, stage: BuildStage, diagnostics: inout DiagnosticList) -> Bool? {
        guard let node = value(key), !isNull(node) else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            typeError(key, node, expected: "true or false", stage: stage, diagnostics: &diagnostics)
            return nil
        }
    }

    /// A list of texts; a single text is accepted as a list of one.
    public func stringList(
        _ key: String, stage: BuildStage, diagnostics: inout DiagnosticList
    ) -> [(String, SourcePosition)]? {
        guard let node = value(key), !isNull(node) else { return nil }
        if let scalar = node.scalar { return [(scalar.string, position(of: node))] }
        guard let sequence = node.sequence else {
            typeError(key, node, expected: "a list of texts", stage: stage, diagnostics: &diagnostics)
            return nil
        }
        var result: [(String, SourcePosition)] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                typeError(key, item, expected: "a list of texts", stage: stage, diagnostics: &diagnostics)
                continue
            }
            result.append((scalar.string, position(of: item)))
        }
        return result
    }

    /// A nested mapping.
    public func object(_ key: String, stage: BuildStage, diagnostics: inout DiagnosticList) -> YAMLObject? {
        guard let node = value(key), !isNull(node) else { return nil }
        return object(from: node, key: key, stage: stage, diagnostics: &diagnostics)
    }

    public func object(
        from node: Node, key: String, stage: BuildStage, diagnostics: inout DiagnosticList
    ) -> YAMLObject? {
        guard let mapping = node.mapping else {
            typeError(key, node, expected: "a block of `key: value` lines", stage: stage, diagnostics: &diagnostics)
            return nil
        }
        return YAMLObject(mapping: mapping, file: file, lineOffset: lineOffset, position: position(of: node))
    }

    /// An empty value (`key:` with nothing after it, `~` or `null`) counts as absent.
    public func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
