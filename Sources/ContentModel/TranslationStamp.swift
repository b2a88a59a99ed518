import Foundation

/// Records in a translation's front matter which version of the original it was made from
/// (`translatedFrom: <fingerprint>`), replacing an older record.
public enum TranslationStamp {
    /// The file text with `translatedFrom` set; nil when the text has no front matter. The file keeps
    /// its byte order mark and its line ends (a file with Windows line ends gets one on the new line).
    public static func apply(_ hash: String, to text: String) -> String? {
        // Split at the byte: "\r\n" is one Character to Swift, and would not split at "\n".
        var lines = text.utf8.split(separator: 10, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        let lineEnd = text.contains("\r\n") ? "\r" : ""
        func isFence(_ line: String) -> Bool {
            line.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: ["\u{FEFF}"]) == "---"
        }
        guard let first = lines.first, isFence(first),
            let closing = lines.indices.dropFirst().first(where: { isFence(lines[$0]) })
        else { return nil }
        let record = "translatedFrom: \(hash)" + lineEnd
        if let existing = lines[1..<closing].firstIndex(where: { $0.hasPrefix("translatedFrom:") }) {
            lines[existing] = record
        } else {
            lines.insert(record, at: closing)
        }
        return lines.joined(separator: "\n")
    }
}
