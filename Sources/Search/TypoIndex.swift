import Foundation
import SiteCore

/// The deletion neighbourhood of the index's word forms, so the browser can find the forms a
/// misspelt query word was meant to be without downloading the vocabulary (SymSpell's idea):
/// every form of 4 letters or more is listed under itself and under each spelling with one letter
/// deleted, except the first letter. A query word one edit away from a form (a letter missing,
/// added, changed, or two swapped) shares one of those keys with it: the browser looks up the word
/// and its own one-letter deletions, then checks the distance. Keys are sorted and cut into
/// shards by size like the term shards, so one query word needs one or two small shards.
///
/// Forms of 8 letters or more (`longLength`) are also listed under their first 8 letters
/// (`prefixLength`) with up to two letters deleted: two edits in a long word (two letters changed
/// or missing, one of each, a swap and a change) leave the form and the misspelt word with a
/// common spelling after at most two deletions from each, and that holds for their first 8 letters
/// too, so the browser looks up the misspelt word's first 8 letters with up to two deletions. The
/// cut at 8 letters bounds the keys a long form adds (at most 29, however long the word) and the
/// keys a query looks up; the browser checks the whole words' distance.
///
/// The first letter is kept in every key: a typo in the first letter is not corrected, and that
/// keeps a word's keys next to each other.
enum TypoIndex {
    /// Forms shorter than this have no keys (a 5-letter query word may be one letter too long).
    static let minimumLength = 4
    /// Forms this long also have the two-deletion keys of their first `prefixLength` letters (a
    /// query word of 8 letters or more may be two edits away; a form within two edits of it that
    /// is shorter is reached through its one-letter deletions).
    static let longLength = 8
    /// How many first letters of a long form the two-deletion keys are taken from (search.js uses
    /// the same number).
    static let prefixLength = 8

    /// The keys of one form: itself and its one-letter deletions after the first letter; for a
    /// long form, then its first `prefixLength` letters with up to two deletions after the first
    /// letter. Each key once, in that order.
    static func keys(of form: String) -> [String] {
        var keys: [[UInt8]] = []
        KeyMaker(form: Array(form.utf8)).forEachKey { key in
            if !keys.contains(where: { $0.elementsEqual(key) }) { keys.append(Array(key)) }
        }
        return keys.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether a form takes part: letters only (no numbers, which typos rarely hit).
    static func isWord(_ form: String) -> Bool {
        form.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
    }

    /// The shards and their separators. A shard is `{"f": [forms], "k": {key: [numbers]}}`: its
    /// forms once each, in byte order, and each key with the numbers of its forms in `f` (a form
    /// has 10 to 40 keys, and listing it once per shard instead of under each key makes the typo
    /// index a third smaller on disk, so a third fewer files: on this machine a file costs the
    /// kernel more to create than its bytes cost to write).
    ///
    /// Keys are UTF-8 bytes, never Strings: a real vocabulary of 12,000 forms has 600,000 keys,
    /// and hashing and comparing them as Strings (which normalises them) took 27 s of a 10,000-page
    /// build. Every key keeps its form's first letter, so the forms that begin with one letter make
    /// keys that sort together and after those of every smaller letter: each letter's keys are made
    /// and sorted on their own, in parallel, and the letters' lists put end to end are in order.
    ///
    /// Each shard is handed back as `Data` made as soon as its bytes are, so a language's typo
    /// index (20 MB on 10,000 pages) is not held twice at the build's peak.
    static func shards(forms: [String], budget: Int) -> [(separator: String, contents: Data)] {
        var all: [(separator: String, contents: Data)] = []
        shards(forms: forms, budget: budget) { all += $0 }
        return all
    }

    /// The shards handed to `emit` in order, a few hundred at a time, so they are not all held
    /// at once (the Greek index of 10,000 pages is 35 MB).
    static func shards(
        forms: [String], budget: Int, emit: ([(separator: String, contents: Data)]) -> Void
    ) {
        shards(words: words(of: forms), budget: budget, emit: emit)
    }

    /// The forms that take part (`isWord`), each once, in byte order: all the shards depend on.
    static func words(of forms: [String]) -> [String] {
        uniqueInByteOrder(forms.filter(isWord))
    }

    /// `shards(forms:budget:emit:)` for forms already made `words(of:)`.
    static func shards(
        words: [String], budget: Int, emit: ([(separator: String, contents: Data)]) -> Void
    ) {
        // A form's number orders like its bytes, so a key's forms sorted by number are in byte order.
        let letters = firstLetterRanges(words)
        var parts = ParallelMap.chunks(count: letters.count, perCore: 4) { chunk in
            chunk.map { keyedForms(words: words, range: letters[$0]) }
        }
        let groups = KeyedForms(joining: &parts)
        // What a key adds to its shard: its name and form numbers, and the forms the shard does
        // not list yet (a form's keys are mostly neighbours, so it is listed in few shards).
        var listed = RangeShards.Listed<Int32>()
        let ranges = RangeShards.split(count: groups.count, key: groups.key, budget: budget) { index, start in
            var cost = groups.keyBytes(index).count + 6
            for form in groups.forms(of: index) {
                cost += 4
                if listed.isNew(form, inShardStarting: start) { cost += words[Int(form)].utf8.count + 3 }
            }
            return cost
        }
        // Shards are written on every core, a batch at a time; each worker numbers a shard's
        // forms in one array as long as the vocabulary (a form's number in the shard, or -1),
        // reset after each shard.
        let batch = 256
        for batchStart in stride(from: 0, to: ranges.count, by: batch) {
            let batchRanges = Array(ranges[batchStart..<min(ranges.count, batchStart + batch)])
            emit(shardFiles(batchRanges, groups: groups, words: words))
        }
    }

    /// The JSON of each shard in `ranges` (see `shards`).
    private static func shardFiles(
        _ ranges: [RangeShards.Shard], groups: KeyedForms, words: [String]
    ) -> [(separator: String, contents: Data)] {
        ParallelMap.chunks(count: ranges.count, perCore: 2) { chunk in
            var number = [Int32](repeating: -1, count: words.count)
            return chunk.map { job in
                let shard = ranges[job]
                var forms: [Int32] = []
                for index in shard.range {
                    for form in groups.forms(of: index) where number[Int(form)] < 0 {
                        number[Int(form)] = 0
                        forms.append(form)
                    }
                }
                forms.sort()
                for (position, form) in forms.enumerated() { number[Int(form)] = Int32(position) }
                var out = Array("{\"f\":[".utf8)
                for (position, form) in forms.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    CompactJSON.string(words[Int(form)], into: &out)
                }
                out += Array("],\"k\":{".utf8)
                for (position, index) in shard.range.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    CompactJSON.string(utf8: groups.keyBytes(index), into: &out)
                    out += Array(":[".utf8)
                    for (place, form) in groups.forms(of: index).enumerated() {
                        if place > 0 { out.append(UInt8(ascii: ",")) }
                        CompactJSON.integer(Int(number[Int(form)]), into: &out)
                    }
                    out.append(UInt8(ascii: "]"))
                }
                out += Array("}}".utf8)
                for form in forms { number[Int(form)] = -1 }
                return (shard.separator, Data(out))
            }
        }
    }

    /// `forms` sorted by their bytes, each once (equal bytes, not Swift's canonical equivalence,
    /// as the browser compares).
    private static func uniqueInByteOrder(_ forms: [String]) -> [String] {
        var sorted = forms.sorted(by: RangeShards.precedes)
        var kept = 0
        for index in sorted.indices where kept == 0 || !sorted[kept - 1].utf8.elementsEqual(sorted[index].utf8) {
            sorted.swapAt(kept, index)
            kept += 1
        }
        return Array(sorted[..<kept])
    }

    /// Runs of `words` (in byte order) that begin with the same letter.
    private static func firstLetterRanges(_ words: [String]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in words.indices.dropFirst()
        where words[index].unicodeScalars.first != words[start].unicodeScalars.first {
            ranges.append(start..<index)
            start = index
        }
        if !words.isEmpty { ranges.append(start..<words.count) }
        return ranges
    }

    /// The keys of `words[range]`, sorted by bytes, each with the numbers of its forms in order.
    private static func keyedForms(words: [String], range: Range<Int>) -> KeyedForms {
        var bytes: [UInt8] = []
        var entries: [KeyEntry] = []
        for form in range {
            KeyMaker(form: Array(words[form].utf8)).forEachKey { key in
                entries.append(
                    KeyEntry(
                        lead: KeyEntry.lead(of: key), start: Int32(bytes.count), count: Int32(key.count),
                        form: Int32(form)))
                bytes += key
            }
        }
        return bytes.withUnsafeBufferPointer { buffer -> KeyedForms in
            func key(_ entry: KeyEntry) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: buffer[Int(entry.start)..<Int(entry.start + entry.count)])
            }
            // Most keys differ in their first 8 bytes: those compare as one integer.
            entries.sort { a, b in
                if a.lead != b.lead { return a.lead < b.lead }
                let order = compare(key(a), key(b))
                return order != 0 ? order < 0 : a.form < b.form
            }
            var result = KeyedForms()
            var previous: KeyEntry?
            for entry in entries {
                if let last = previous, last.lead == entry.lead, compare(key(last), key(entry)) == 0 {
                    if result.forms.last != entry.form {
                        result.forms.append(entry.form)
                        result.ends[result.ends.count - 1] += 1
                    }
                } else {
                    result.bytes += key(entry)
                    result.keyEnds.append(Int32(result.bytes.count))
                    result.forms.append(entry.form)
                    result.ends.append(Int32(result.forms.count))
                }
                previous = entry
            }
            return result
        }
    }

    /// Keys in order, each with the numbers of its forms, in flat arrays: a list per key was
    /// 600,000 small arrays, 30 MB more at the build's peak, and a String per key (a Greek key is
    /// past the 15 bytes Swift keeps inline) 25 MB more.
    private struct KeyedForms {
        /// The keys' UTF-8 bytes end to end, and where each key ends.
        var bytes: [UInt8] = []
        var keyEnds: [Int32] = []
        /// Where each key's forms end in `forms`.
        var ends: [Int32] = []
        var forms: [Int32] = []

        init() {}

        /// `parts` end to end, each let go once copied (the keys are not held twice).
        init(joining parts: inout [KeyedForms]) {
            bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
            keyEnds.reserveCapacity(parts.reduce(0) { $0 + $1.keyEnds.count })
            ends.reserveCapacity(parts.reduce(0) { $0 + $1.ends.count })
            forms.reserveCapacity(parts.reduce(0) { $0 + $1.forms.count })
            for index in parts.indices {
                let part = parts[index]
                parts[index] = KeyedForms()
                let base = Int32(forms.count)
                let byteBase = Int32(bytes.count)
                bytes += part.bytes
                keyEnds += part.keyEnds.map { $0 + byteBase }
                ends += part.ends.map { $0 + base }
                forms += part.forms
            }
        }

        var count: Int { keyEnds.count }

        func keyBytes(_ index: Int) -> ArraySlice<UInt8> {
            bytes[(index == 0 ? 0 : Int(keyEnds[index - 1]))..<Int(keyEnds[index])]
        }

        func key(_ index: Int) -> String { String(decoding: keyBytes(index), as: UTF8.self) }

        func forms(of index: Int) -> ArraySlice<Int32> {
            forms[(index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])]
        }
    }

    /// One key of one form: where its bytes are, and its first 8 bytes as a big-endian integer
    /// (zeros after a shorter key, which sorts first, as no key holds a zero byte).
    private struct KeyEntry {
        var lead: UInt64
        var start: Int32
        var count: Int32
        var form: Int32

        static func lead(of key: ArraySlice<UInt8>) -> UInt64 {
            var lead: UInt64 = 0
            var shift: UInt64 = 56
            for byte in key.prefix(8) {
                lead |= UInt64(byte) << shift
                shift &-= 8
            }
            return lead
        }
    }

    /// Byte order of two keys: negative, zero or positive.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
            let order = memcmp(x, y, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }

    /// Makes one form's keys from its UTF-8 bytes, deleting whole letters (Unicode scalars).
    private struct KeyMaker {
        let form: [UInt8]
        /// Where each letter starts, then the end.
        let starts: [Int]

        init(form: [UInt8]) {
            self.form = form
            self.starts = form.indices.filter { form[$0] & 0xC0 != 0x80 } + [form.count]
        }

        var letters: Int { starts.count - 1 }

        /// Calls `body` with each key, a key possibly more than once.
        func forEachKey(_ body: (ArraySlice<UInt8>) -> Void) {
            guard letters >= minimumLength else { return }
            body(form[...])
            var key: [UInt8] = []
            for deleted in 1..<letters {
                key.removeAll(keepingCapacity: true)
                key += form[..<starts[deleted]]
                key += form[starts[deleted + 1]...]
                body(key[...])
            }
            guard letters >= longLength else { return }
            let prefixEnd = starts[prefixLength]
            body(form[..<prefixEnd])
            for low in 1..<prefixLength {
                key.removeAll(keepingCapacity: true)
                key += form[..<starts[low]]
                key += form[starts[low + 1]..<prefixEnd]
                body(key[...])
                // Each pair of deleted letters once (it was made twice, once from each letter:
                // a third of the keys of a long form, sorted and then dropped as repeats).
                for high in (low + 1)..<prefixLength {
                    key.removeAll(keepingCapacity: true)
                    key += form[..<starts[low]]
                    key += form[starts[low + 1]..<starts[high]]
                    key += form[starts[high + 1]..<prefixEnd]
                    body(key[...])
                }
            }
        }
    }
}
