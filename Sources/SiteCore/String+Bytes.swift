import Foundation

/// Literal search and replace on UTF-8 bytes. Foundation's `range(of:)` and
/// `replacingOccurrences(of:with:)` go through UTF-16 on Linux and were a tenth of a
/// 10,000-page build when run on every page; the needles here are markup and markers, where
/// comparing bytes is what is meant (no case or Unicode folding).
extension String {
    /// The first occurrence of `needle`'s bytes.
    public func firstByteRange(of needle: String) -> Range<String.Index>? {
        var copy = self
        var needleCopy = needle
        let offset = copy.withUTF8 { haystack in
            needleCopy.withUTF8 { Self.firstOffset(of: $0, in: haystack, from: 0) }
        }
        guard let offset else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.utf8.count)
    }

    /// Whether the text holds `byte` (memchr: asked of every file for NUL and carriage return).
    public func containsByte(_ byte: UInt8) -> Bool {
        var copy = self
        return copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }

    /// Every occurrence of `needle`'s bytes replaced by `replacement`, left to right.
    public func replacingBytes(_ needle: String, with replacement: String) -> String {
        replacingBytes([(needle, replacement)])
    }

    /// Each needle's occurrences replaced by its replacement in one pass, left to right (where two
    /// needles start at the same byte, the first listed wins): one copy of a page's HTML instead
    /// of one per needle.
    public func replacingBytes(_ replacements: [(needle: String, replacement: String)]) -> String {
        let kept = replacements.filter { !$0.needle.isEmpty }
        guard !kept.isEmpty else { return self }
        let needles = kept.map { Array($0.needle.utf8) }
        let substitutes = kept.map(\.replacement)
        var copy = self
        return copy.withUTF8 { haystack -> String in
            func next(_ index: Int, from start: Int) -> Int? {
                needles[index].withUnsafeBufferPointer { Self.firstOffset(of: $0, in: haystack, from: start) }
            }
            var hits = needles.indices.map { next($0, from: 0) }
            guard hits.contains(where: { $0 != nil }) else { return self }
            var out: [UInt8] = []
            out.reserveCapacity(haystack.count + 256)
            var copied = 0
            while true {
                // The earliest hit at or after `copied`; hits before it overlapped a replaced needle.
                for index in hits.indices where (hits[index] ?? .max) < copied {
                    hits[index] = next(index, from: copied)
                }
                var earliest: (index: Int, offset: Int)?
                for (index, hit) in hits.enumerated() {
                    guard let hit, hit < earliest?.offset ?? .max else { continue }
                    earliest = (index, hit)
                }
                guard let (index, found) = earliest else { break }
                out += UnsafeBufferPointer(rebasing: haystack[copied..<found])
                out += substitutes[index].utf8
                copied = found + needles[index].count
                hits[index] = next(index, from: copied)
            }
            out += UnsafeBufferPointer(rebasing: haystack[copied...])
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func firstOffset(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress, haystack.count - start >= needle.count
        else { return nil }
        var position = start
        let last = haystack.count - needle.count
        while position <= last {
            guard let hit = memchr(base + position, Int32(first), last - position + 1) else { return nil }
            position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + position, needle.baseAddress!, needle.count) == 0 { return position }
            position += 1
        }
        return nil
    }
}
