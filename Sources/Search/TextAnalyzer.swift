import Foundation

/// Turns text into index terms the same way for every language: words split on anything that is
/// not a letter or digit (Latin, Greek and Cyrillic alike), lower-cased, stemmed where Snowball
/// covers the language, then folded (diacritics removed, ł → l, ß → ss, final ς → σ) so that
/// "Łódź" matches "lodz". The browser folds queries with the same rules (see `foldingTable`).
public final class TextAnalyzer {
    public let language: String
    private let stemmer: Stemmer?
    private var cache: [String: String] = [:]
    private var formCache: [String: String] = [:]

    public init(language: String) {
        self.language = language
        self.stemmer = Stemmer(language: language)
    }

    /// Letters that do not decompose into a base letter and a mark, and what they fold to.
    public static let foldingTable: [Character: String] = [
        "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "þ": "th", "ð": "d", "ħ": "h",
        "ŧ": "t", "ŀ": "l", "ς": "σ",
    ]

    /// Lower case, no diacritics, special letters mapped.
    public static func fold(_ text: String) -> String {
        let lowered = text.lowercased()
        // ASCII has nothing to fold but case.
        if lowered.utf8.allSatisfy({ $0 < 0x80 }) { return lowered }
        var result = ""
        result.reserveCapacity(lowered.utf8.count)
        for character in lowered {
            if let mapped = foldingTable[character] {
                result += mapped
                continue
            }
            for scalar in String(character).decomposedStringWithCompatibilityMapping.unicodeScalars
            where scalar.properties.generalCategory != .nonspacingMark {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The words of a text, lower-cased, in order. Works on Unicode scalars (letters, digits and
    /// combining marks make words) rather than grapheme clusters, which are costly to find.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        // ASCII letters are lower-cased as they are read; only other words need `lowercased()`.
        var ascii = true
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                if (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) {
                    current.append(scalar)
                    continue
                }
                if value >= 0x41 && value <= 0x5A {
                    current.append(Unicode.Scalar(value + 0x20)!)
                    continue
                }
            } else if isWordScalar(scalar) {
                current.append(scalar)
                ascii = false
                continue
            }
            if !current.isEmpty {
                words.append(ascii ? String(current) : String(current).lowercased())
                current = String.UnicodeScalarView()
                ascii = true
            }
        }
        if !current.isEmpty { words.append(ascii ? String(current) : String(current).lowercased()) }
        return words
    }

    /// Whether a non-ASCII scalar belongs to a word: letters, digits and combining marks.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// The index term of one word: stemmed in its own spelling, then folded.
    public func term(_ word: String) -> String {
        if let cached = cache[word] { return cached }
        let term = fold(stemmer?.stem(word) ?? word)
        cache[word] = term
        return term
    }

    /// The folded spelling of a word, as the browser folds a query.
    public func form(_ word: String) -> String {
        if let cached = formCache[word] { return cached }
        let form = fold(word)
        formCache[word] = form
        return form
    }

    /// What each scalar folds to on its own; nil for a scalar that combines with its neighbours
    /// (a mark, or a letter with a combining class), whose word takes the slow path.
    private var scalarFolds: [UInt32: String?] = [:]

    /// `TextAnalyzer.fold`, a scalar at a time from a cache: decomposing every new word with
    /// Foundation was a twentieth of a build. Equal to `fold` when no scalar combines with
    /// another, which is every word of precomposed (NFC) text; other words take `fold` itself.
    public func fold(_ text: String) -> String {
        let lowered = text.lowercased()
        if lowered.utf8.allSatisfy({ $0 < 0x80 }) { return lowered }
        var result = ""
        result.reserveCapacity(lowered.utf8.count)
        for scalar in lowered.unicodeScalars {
            if scalar.isASCII {
                result.unicodeScalars.append(scalar)
                continue
            }
            let folded: String?
            if let cached = scalarFolds[scalar.value] {
                folded = cached
            } else {
                folded = Self.foldAlone(scalar)
                scalarFolds[scalar.value] = .some(folded)
            }
            guard let folded else { return Self.fold(text) }
            result += folded
        }
        return result
    }

    /// A scalar's fold when it stands alone, or nil when it is a mark or has a combining class,
    /// or is outside the Latin, Greek and Cyrillic blocks (where scripts join letters into one
    /// character, as Hangul and Indic scripts do, `fold`'s per-character answer could differ).
    private static func foldAlone(_ scalar: Unicode.Scalar) -> String? {
        guard scalar.value < 0x0530 || (0x1E00...0x1FFF).contains(scalar.value) else { return nil }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return nil
        default: break
        }
        guard properties.canonicalCombiningClass == .notReordered else { return nil }
        return fold(String(scalar))
    }
}
