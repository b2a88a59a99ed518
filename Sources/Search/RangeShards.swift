/// Splits a sorted key space into shards by size: consecutive keys go into one shard until its
/// estimated size would pass the budget. Each shard after the first is named by its separator: the
/// shortest prefix of its first key that sorts after the previous shard's last key, so the
/// manifest lists short strings and the browser finds a key's shard by binary search.
///
/// Keys are ordered by their UTF-8 bytes (the same order as Unicode code points, which the
/// browser compares too), so the order does not depend on Unicode normalisation.
enum RangeShards {
    /// Whether `a` sorts before `b` by UTF-8 bytes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Groups of indices into `keys` (already sorted with `precedes`) whose summed `cost` stays
    /// within `budget` (a key costing more than the budget is a shard of its own), and each group's
    /// separator; the first group's separator is "".
    /// `cost(index, shardStart)`: what key `index` adds to the shard that starts at `shardStart`
    /// (called again with the new start when the key opens a shard).
    static func split(keys: [String], budget: Int, cost: (Int, Int) -> Int) -> [Shard] {
        split(count: keys.count, key: { keys[$0] }, budget: budget, cost: cost)
    }

    /// `split(keys:…)` for `count` keys made on demand by `key` (only those at shard boundaries
    /// are asked for: the typo index keeps its keys as bytes, not as hundreds of thousands of Strings).
    static func split(count: Int, key: (Int) -> String, budget: Int, cost: (Int, Int) -> Int) -> [Shard] {
        var shards: [Shard] = []
        var start = 0
        var size = 0
        func close(_ end: Int) {
            let previous = start > 0 ? key(start - 1) : nil
            shards.append((separator(after: previous, first: start < count ? key(start) : ""), start..<end))
        }
        for index in 0..<count {
            let added = cost(index, start)
            if index > start, size + added > budget {
                close(index)
                start = index
                size = cost(index, start)
            } else {
                size += added
            }
        }
        close(count)
        return shards
    }

    typealias Shard = (separator: String, range: Range<Int>)

    /// For a `cost` closure whose shard lists an item once however many keys name it: whether
    /// `item` is new to the shard that starts at `start` (forgetting the items of earlier shards).
    struct Listed<Item: Hashable> {
        private var items = Set<Item>()
        private var start = -1

        mutating func isNew(_ item: Item, inShardStarting start: Int) -> Bool {
            if start != self.start {
                items.removeAll(keepingCapacity: true)
                self.start = start
            }
            return items.insert(item).inserted
        }
    }

    /// The shortest prefix of `first` (whole characters) that sorts after `previous`; "" for the first shard.
    static func separator(after previous: String?, first: String) -> String {
        guard let previous else { return "" }
        var prefix = ""
        for scalar in first.unicodeScalars {
            prefix.unicodeScalars.append(scalar)
            if precedes(previous, prefix) { return prefix }
        }
        return first
    }

    /// File name of shard `index`: hex of its separator's UTF-8 (so Greek and Cyrillic make plain
    /// names, stable while the shard's start does not move), "_" for ""; `n<index>` when the
    /// separator is longer than `maxNameBytes` (two long words sharing a long beginning would
    /// otherwise make a name past the file system's 255 bytes). search.js names shards the same way.
    static func fileName(_ separator: String, index: Int) -> String {
        if separator.isEmpty { return "_" }
        if separator.utf8.count > maxNameBytes { return "n\(index)" }
        return separator.utf8.map { hexDigits[Int($0 >> 4)] + hexDigits[Int($0 & 15)] }.joined()
    }

    /// The separator a shard file was named by (`fileName`'s inverse), or nil for a name that does
    /// not carry it (`n<index>`) or that `fileName` does not make.
    static func separator(fromFileName name: String) -> String? {
        if name == "_" { return "" }
        let digits = Array(name.utf8)
        guard !digits.isEmpty, digits.count % 2 == 0, digits.count <= 2 * maxNameBytes else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        guard let separator = String(validating: bytes, as: UTF8.self), fileName(separator, index: 0) == name
        else { return nil }
        return separator
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Separators up to this many UTF-8 bytes give hex names (twice as long).
    static let maxNameBytes = 48

    private static let hexDigits = (0..<16).map { String($0, radix: 16) }
}
