/// A short, stable fingerprint of a file's text, recorded by translations as `translatedFrom:`
/// so that `check` can tell when the original changed. Needs no git history (CI clones are shallow).
///
/// FNV-1a (64 bits) is enough to notice an edit; it is not meant to resist tampering.
public enum ContentHash {
    public static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Line endings and trailing blank lines do not change what a translator sees.
        var normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        while normalized.hasSuffix("\n\n") { normalized.removeLast() }
        for byte in normalized.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }
}
