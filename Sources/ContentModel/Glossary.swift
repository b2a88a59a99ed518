import Foundation
import SiteCore

/// The programme's terms in one language, each with the variants to avoid, read from
/// `glossary/<language>.yaml`: `check` warns where a page writes a variant, so partners and
/// translators write "Entrustable Professional Activity" or a CanMEDS role one way everywhere.
///
/// ```yaml
/// terms:
///   - preferred: inter-specialty
///     avoid: [inter-speciality, interspecialty]
/// ```
/// A variant is found whatever its letter case, and the preferred form is suggested in the case it
/// was written in; a variant that differs from its term only in case (`CANMEDS`) is matched exactly.
public struct Glossary: Sendable {
    public static let folder = "glossary"

    public struct Term: Sendable {
        public var preferred: String
        public var avoid: [String]
    }

    public var language: String
    public var terms: [Term]

    public var file: String { Self.folder + "/" + language + ".yaml" }

    /// The glossaries of the site's languages that have one; problems in them are errors.
    public static func loadAll(
        languages: [String], from fileSystem: any FileSystem, diagnostics: inout DiagnosticList
    ) -> [String: Glossary] {
        var glossaries: [String: Glossary] = [:]
        for language in languages {
            let file = folder + "/" + language + ".yaml"
            guard let text = fileSystem.text(of: file),
                let root = YAMLObject.parse(text, file: file, stage: .config, diagnostics: &diagnostics)
            else { continue }
            root.rejectUnknownKeys(allowed: ["terms"], in: file, stage: .config, diagnostics: &diagnostics)
            var terms: [Term] = []
            for item in root.value("terms")?.sequence ?? [] {
                guard let object = root.object(from: item, key: "terms", stage: .config, diagnostics: &diagnostics)
                else { continue }
                object.rejectUnknownKeys(
                    allowed: ["preferred", "avoid"], in: "a glossary term", stage: .config, diagnostics: &diagnostics)
                guard let preferred = object.string("preferred", stage: .config, diagnostics: &diagnostics),
                    !preferred.isEmpty
                else {
                    diagnostics.append(
                        .error(
                            "This glossary term has no `preferred` form.", at: object.position,
                            hint:
                                "Write the term as the site should use it: `preferred: Entrustable Professional Activity`.",
                            stage: .config))
                    continue
                }
                let avoid = (object.stringList("avoid", stage: .config, diagnostics: &diagnostics) ?? []).map(\.0)
                    .filter { !$0.isEmpty && $0 != preferred }
                terms.append(Term(preferred: preferred, avoid: avoid))
            }
            glossaries[language] = Glossary(language: language, terms: terms)
        }
        return glossaries
    }

    /// A warning for each variant in `text`, which starts at line `line` and column `column` of `file`.
    public func check(_ text: String, file: String, line: Int, column: Int = 1) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for term in terms {
            for variant in term.avoid {
                let exact = variant.lowercased() == term.preferred.lowercased()
                var searchStart = text.startIndex
                while let match = text.range(
                    of: variant, options: exact ? [] : [.caseInsensitive], range: searchStart..<text.endIndex)
                {
                    searchStart = match.upperBound
                    guard Self.isWhole(match, in: text) else { continue }
                    let written = String(text[match])
                    let before = text[..<match.lowerBound]
                    let lineBreaks = before.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
                    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
                    let offset = text.distance(from: lineStart, to: match.lowerBound)
                    found.append(
                        .warning(
                            "`\(written)` is written `\(Self.inCaseOf(written, term.preferred))` on this site.",
                            at: SourcePosition(
                                file: file, line: line + lineBreaks, column: (lineBreaks == 0 ? column : 1) + offset),
                            hint: "Use the programme's term, as \(self.file) gives it.", stage: .validate))
                }
            }
        }
        return found
    }

    /// Not part of a longer word or of a web address.
    private static func isWhole(_ range: Range<String.Index>, in text: String) -> Bool {
        func joins(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "/" || character == "_"
        }
        if range.lowerBound > text.startIndex, joins(text[text.index(before: range.lowerBound)]) { return false }
        if range.upperBound < text.endIndex, joins(text[range.upperBound]) { return false }
        return true
    }

    /// `preferred` with its first letter in the case `written` starts with.
    private static func inCaseOf(_ written: String, _ preferred: String) -> String {
        guard let first = written.first, let preferredFirst = preferred.first, first.isUppercase,
            !preferredFirst.isUppercase
        else { return preferred }
        return preferredFirst.uppercased() + preferred.dropFirst()
    }
}
