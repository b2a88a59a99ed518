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
        // ASCII needs no transliteration, only lower case (ICU's transform was a twentieth of a build).
        let latin: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            latin = text.lowercased()
        } else {
            // Bulgarian spells ъ as `a` in Latin script (Streamlined System); ICU would give a quote mark.
            let hasHardSign = text.unicodeScalars.contains { $0 == "ъ" || $0 == "Ъ" }
            let bulgarian =
                hasHardSign
                ? text.replacingOccurrences(of: "ъ", with: "а").replacingOccurrences(of: "Ъ", with: "А") : text
            latin =
                bulgarian.applyingTransform(StringTransform("Any-Latin; Latin-ASCII; Lower"), reverse: false)
                ?? bulgarian.lowercased()
        }
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
