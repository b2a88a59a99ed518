/// libyaml's error, said in plain words for someone who does not know YAML, at the place where
/// the broken construct starts.
///
/// libyaml names the grammar rule it was in ("mapping values are not allowed in this context")
/// and marks where it gave up, which for an unclosed `[` or `"` is the next line. Partners fix
/// what a message tells them to, so each common mistake gets its own sentence and a hint with
/// the corrected line where it can be worked out.
struct YAMLErrorExplanation {
    var message: String
    var hint: String
    /// 1-based, within the YAML text.
    var line: Int
    var column: Int

    /// nil when the problem is not one of the common mistakes (the caller keeps libyaml's words).
    init?(
        problem: String, context: String?, problemAt: (line: Int, column: Int), contextAt: (line: Int, column: Int)?,
        text: String
    ) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        func line(_ number: Int) -> String { number >= 1 && number <= lines.count ? lines[number - 1] : "" }
        func character(at position: (line: Int, column: Int)) -> Character? {
            let row = line(position.line)
            guard position.column >= 1, position.column <= row.count else { return nil }
            return row[row.index(row.startIndex, offsetBy: position.column - 1)]
        }
        let context = context ?? ""

        if problem.hasPrefix("did not find expected ',' or ']'")
            || problem.hasPrefix("did not find expected ',' or '}'"),
            let start = contextAt
        {
            let (open, close) = problem.hasSuffix("']'") ? ("[", "]") : ("{", "}")
            self.init(
                message:
                    "The `\(open)` here opens a \(open == "[" ? "list" : "group") that is never closed with `\(close)`.",
                hint:
                    "Close it with `\(close)` on the same line, e.g. `\(open == "[" ? "workPackages: [2, 3]" : "{name: About}")`; if the `\(open)` is part of the text, put the whole value in double quotes.",
                at: start)
            return
        }
        if problem.hasPrefix("found unexpected end of stream"), context.contains("quoted scalar"), let start = contextAt
        {
            let quote = character(at: start).map(String.init) ?? "\""
            self.init(
                message: "The quotation mark `\(quote)` here is never closed.",
                hint: "Add a closing `\(quote)` at the end of the value, on the same line.", at: start)
            return
        }
        if problem.hasPrefix("mapping values are not allowed") {
            let row = line(problemAt.line)
            let previous = (1..<max(problemAt.line, 1)).reversed().map(line).first {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty
            }
            let indentation = row.prefix { $0 == " " }.count
            if let keyEnd = row.range(of: ": "), keyEnd.lowerBound > row.startIndex,
                row.distance(from: row.startIndex, to: keyEnd.lowerBound) < problemAt.column - 1, indentation == 0
            {
                let key = String(row[..<keyEnd.lowerBound])
                let value = String(row[keyEnd.upperBound...])
                let quoted = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                    of: "\"", with: "\\\"")
                self.init(
                    message:
                        "The value of `\(key)` contains `: `, which YAML reads as the start of another field.",
                    hint: "Put the value in double quotes: `\(key): \"\(quoted)\"`.",
                    at: (problemAt.line, row.distance(from: row.startIndex, to: keyEnd.upperBound) + 1))
                return
            }
            if let previous, !previous.contains(":") {
                let number = (1..<problemAt.line).last { line($0) == previous } ?? problemAt.line - 1
                self.init(
                    message: "This line has no `:` after its field name.",
                    hint: "Write each field as `name: value`, with a colon and a space.", at: (number, 1))
                return
            }
            if indentation > 0 {
                self.init(
                    message: "This line is indented, so YAML reads it as part of the field above.",
                    hint: "Start each field at the beginning of the line, with no spaces before it.",
                    at: (problemAt.line, 1))
                return
            }
        }
        if problem.hasPrefix("found character that cannot start any token") || problem.contains("undefined alias")
            || context.contains("scanning an anchor")
        {
            if character(at: problemAt) == "\t" { return nil }
            var at = problemAt
            if context.contains("anchor"), character(at: (at.line, at.column - 1)) == "&" { at.column -= 1 }
            let symbol = character(at: at).map { String($0) } ?? (problem.contains("alias") ? "*" : "&")
            let shown = symbol == "`" ? "`` ` ``" : "`\(symbol)`"
            let row = line(problemAt.line)
            let example = row.range(of: ": ").map { "`\(row[..<$0.lowerBound]): \"\(row[$0.upperBound...])\"`" }
            self.init(
                message: "A value cannot start with \(shown) unless it is in quotes: YAML gives \(shown) a meaning.",
                hint: "Put the whole value in double quotes" + (example.map { ": \($0)." } ?? "."), at: at)
            return
        }
        if problem.hasPrefix("found unknown escape character") {
            self.init(
                message: "A backslash `\\` inside double quotes starts a special character, and this one is not known.",
                hint: "Write `\\\\` for a backslash, or use single quotes around the value instead of double quotes.",
                at: problemAt)
            return
        }
        if problem.hasPrefix("did not find expected key") {
            let row = line(problemAt.line)
            let before = row.prefix(max(problemAt.column - 1, 0))
            if before.contains(where: { $0 == "\"" || $0 == "'" }) {
                self.init(
                    message: "The value in quotes ends before the end of the line; the rest is not part of it.",
                    hint:
                        "A quote inside the value ends it: inside double quotes write `\\\"`; inside single quotes write `''`. Or quote the whole value with the other kind of quote.",
                    at: problemAt)
                return
            }
            self.init(
                message: "This line is not lined up with the fields above it.",
                hint:
                    "Start each field at the beginning of the line. Items of a list go under their field, indented by two spaces, each starting with `- `.",
                at: (problemAt.line, 1))
            return
        }
        return nil
    }

    private init(message: String, hint: String, at position: (line: Int, column: Int)) {
        self.message = message
        self.hint = hint
        self.line = position.line
        self.column = position.column
    }
}
