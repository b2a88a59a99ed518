import Foundation

/// Records in a translation's front matter which version of the original it was made from
/// (`translatedFrom: <hash>`), replacing an older record.
public enum TranslationStamp {
    /// The file text with `translatedFrom` set; nil when the text has no front matter.
    public static func apply(_ hash: String, to text: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let closing = lines.indices.dropFirst().first(where: {
                lines[$0].trimmingCharacters(in: .whitespacesAndNewlines) == "---"
            })
        else { return nil }
        let record = "translatedFrom: \(hash)"
        if let existing = lines[1..<closing].firstIndex(where: { $0.hasPrefix("translatedFrom:") }) {
            lines[existing] = record
        } else {
            lines.insert(record, at: closing)
        }
        return lines.joined(separator: "\n")
    }
}
