import Foundation

/// Turns text into index terms the same way for every language: words split on anything that is
/// not a letter or digit (Latin, Greek and Cyrillic alike), lower-cased, stemmed where Snowball
/// covers the language, then folded (diacritics removed, ł → l, ß → ss, final ς → σ) so that
/// "Łódź" matches "lodz". The browser folds queries with the same rules (see `foldingTable`).
public final class TextAnalyzer {
    public let language: String
    private let stemmer: Stemmer?
    private var cache: [String: String] = [:]

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

    /// The words of a text, lower-cased, in order.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber
                || (character.unicodeScalars.first.map {
                    $0.properties.generalCategory == .nonspacingMark || $0.properties.generalCategory == .spacingMark
                } ?? false)
            {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current.lowercased())
                current = ""
            }
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }

    /// The index term of one word: stemmed in its own spelling, then folded.
    public func term(_ word: String) -> String {
        if let cached = cache[word] { return cached }
        let term = Self.fold(stemmer?.stem(word) ?? word)
        cache[word] = term
        return term
    }

    /// Each word of a text with its term.
    public func analyze(_ text: String) -> [(word: String, term: String)] {
        Self.words(text).map { ($0, term($0)) }
    }
}
