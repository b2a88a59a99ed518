/// A short, stable fingerprint of a text: fingerprinted asset names, template and QR code slots,
/// and the version of an original that a translation records as `translatedFrom:` (see
/// `TranslationFingerprint`, which feeds an `Accumulator` with what a translator translates).
/// Needs no git history (CI clones are shallow).
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
        var accumulator = Accumulator()
        accumulator.add(UnsafeBufferPointer(rebasing: bytes[0..<end]))
        return accumulator.digest
    }

    /// The same hash fed a byte at a time, for texts normalised on the way in: twelve hex digits,
    /// equal to `ContentHash.of` for the same bytes when they end in at most one line feed.
    public struct Accumulator: Sendable {
        private var state: UInt64 = 0xcbf2_9ce4_8422_2325

        public init() {}

        public mutating func add(_ byte: UInt8) {
            state ^= UInt64(byte)
            state = state &* 0x100_0000_01b3
        }

        public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            for byte in bytes { add(byte) }
        }

        /// The first twelve hex digits of the 64-bit hash.
        public var digest: String {
            let hex = String(state, radix: 16)
            return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
        }
    }
}
