import Foundation

/// Turns headings and titles into URL-safe ids: Greek and Cyrillic are transliterated, accents
/// dropped, so `Über uns` → `uber-uns` and `Σχετικά` → `schetika`.
public enum Slugifier {
    /// The first character of `segment` that a web address would have to escape (spaces,
    /// quotes, `<`, `&`, `?`, `#`, `%`, …), or nil when it is letters and digits in any script
    /// with `-`, `_`, `.` and `~`. Slugs, file names and folder names become URL segments.
    public static func firstUnsafeCharacter(inSegment segment: String) -> Character? {
        segment.first { !($0.isLetter || $0.isNumber || "-_.~".contains($0)) }
    }

    public static func slug(_ text: String) -> String {
        // ASCII needs no transliteration, only lower case (ICU's transform was a twentieth of a build);
        // Latin letters with accents need only their accents dropped (ICU's transform took a third
        // of parsing French, German and Polish pages, for their headings' ids).
        let latin: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            latin = text.lowercased()
        } else if let folded = foldedLatin(text) {
            latin = folded
        } else {
            latin = transliterated(text)
        }
        return slug(ofASCII: latin)
    }

    /// What ICU's "Any-Latin; Latin-ASCII; Lower" makes of `text` (Bulgarian's ъ as `a`).
    static func transliterated(_ text: String) -> String {
        // Bulgarian spells ъ as `a` in Latin script (Streamlined System); ICU would give a quote mark.
        let hasHardSign = text.unicodeScalars.contains { $0 == "ъ" || $0 == "Ъ" }
        let bulgarian =
            hasHardSign
            ? text.replacingOccurrences(of: "ъ", with: "а").replacingOccurrences(of: "Ъ", with: "А") : text
        return bulgarian.applyingTransform(StringTransform("Any-Latin; Latin-ASCII; Lower"), reverse: false)
            ?? bulgarian.lowercased()
    }

    /// `text` in lower-case ASCII when it is Latin letters with accents, ASCII and the punctuation
    /// of `latinLetters`, as ICU's transform would give it for the slug (accents dropped after
    /// canonical decomposition, the letters without one spelled as ICU spells them); nil for
    /// anything else, which goes to ICU. `SlugifierTests` compares the two on every such letter.
    static func foldedLatin(_ text: String) -> String? {
        var folded = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII {
                folded.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
            } else if (0x300...0x36F).contains(scalar.value) {
                continue  // a combining accent
            } else if let spelled = latinLetters[scalar] {
                folded.append(contentsOf: spelled.unicodeScalars)
            } else {
                return nil
            }
        }
        return String(folded)
    }

    /// ICU's spelling of the Latin letters that do not decompose into a letter and accents, and
    /// of the punctuation common in titles (as far as a slug can tell: `'` and `"` join words,
    /// anything else that is not a letter or digit separates them).
    static let latinLetters: [Unicode.Scalar: String] = [
        "Æ": "ae", "æ": "ae", "Ð": "d", "ð": "d", "Ø": "o", "ø": "o", "Þ": "th", "þ": "th", "ß": "ss",
        "Đ": "d", "đ": "d", "Ħ": "h", "ħ": "h", "ı": "i", "Ĳ": "ij", "ĳ": "ij", "ĸ": "q", "Ŀ": "l", "ŀ": "l",
        "Ł": "l", "ł": "l", "Ŋ": "n", "ŋ": "n", "Œ": "oe", "œ": "oe", "Ŧ": "t", "ŧ": "t", "ſ": "s",
        "\u{2019}": "'", "\u{2018}": "'", "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": ",,", "\u{A0}": " ",
        "\u{2013}": "-", "\u{2014}": "-", "\u{AB}": "<<", "\u{BB}": ">>", "\u{2026}": "...",
    ]

    /// `latin` (lower-case ASCII, or what ICU left) as a slug: letters and digits, runs of
    /// anything else one dash, none at either end.
    static func slug(ofASCII latin: String) -> String {
        var result = ""
        var pendingDash = false
        // Apostrophes join a word rather than split it (l'équipe → lequipe, as GitHub's anchors do).
        for scalar in latin.unicodeScalars where scalar != "'" && scalar != "\"" {
            // ASCII letters and digits: what CharacterSet.alphanumerics holds of ASCII.
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return result
    }
}
