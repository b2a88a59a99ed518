/// A short, stable fingerprint of a file's text, recorded by translations as `translatedFrom:`
/// so that `check` can tell when the original changed. Needs no git history (CI clones are shallow).
///
/// FNV-1a (64 bits) is enough to notice an edit; it is not meant to resist tampering.
public enum ContentHash {
    public static func of(_ text: String) -> String {
        var text = text
        let fast = text.withUTF8 { bytes -> String? in
            // Without carriage returns the normalisation is simple and done on bytes: this runs
            // for every page of every build. Texts with them (Windows line ends) take the first,
            // character-based way, whose hashes translations have recorded.
            bytes.contains(13) ? nil : hash(bytes, droppingTrailingFeeds: true)
        }
        if let fast { return fast }
        var normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        while normalized.hasSuffix("\n\n") { normalized.removeLast() }
        return normalized.withUTF8 { hash($0, droppingTrailingFeeds: false) }
    }

    /// FNV-1a over `bytes`; with `droppingTrailingFeeds`, a run of line feeds at the end counts as one.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, droppingTrailingFeeds: Bool) -> String {
        var end = bytes.count
        if droppingTrailingFeeds {
            while end >= 2, bytes[end - 1] == 10, bytes[end - 2] == 10 { end -= 1 }
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes[0..<end] {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }
}
