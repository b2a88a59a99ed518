import Foundation

/// Turns headings and titles into URL-safe ids: Greek and Cyrillic are transliterated, accents
/// dropped, so `Über uns` → `uber-uns` and `Σχετικά` → `schetika`.
public enum Slugifier {
    public static func slug(_ text: String) -> String {
        let latin =
            text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII; Lower"), reverse: false)
            ?? text.lowercased()
        var result = ""
        var pendingDash = false
        for scalar in latin.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
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
