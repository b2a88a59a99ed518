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
        let scalars = Array(form.unicodeScalars)
        guard scalars.count >= minimumLength else { return [] }
        var keys = [form]
        var seen: Set<String> = [form]
        func add(_ key: String.UnicodeScalarView) {
            let text = String(key)
            if seen.insert(text).inserted { keys.append(text) }
        }
        for deletion in deletions(scalars[...]) { add(deletion) }
        guard scalars.count >= longLength else { return keys }
        let prefix = scalars[..<prefixLength]
        add(String.UnicodeScalarView(prefix))
        for first in deletions(prefix) {
            add(first)
            for second in deletions(Array(first)[...]) { add(second) }
        }
        return keys
    }

    /// The spellings of `scalars` with one letter deleted, except the first letter.
    private static func deletions(_ scalars: ArraySlice<Unicode.Scalar>) -> [String.UnicodeScalarView] {
        let start = scalars.startIndex
        guard scalars.count > 1 else { return [] }
        return ((start + 1)..<scalars.endIndex).map { index in
            var key = String.UnicodeScalarView()
            key.append(contentsOf: scalars[start..<index])
            key.append(contentsOf: scalars[(index + 1)...])
            return key
        }
    }

    /// Whether a form takes part: letters only (no numbers, which typos rarely hit).
    static func isWord(_ form: String) -> Bool {
        form.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
    }

    /// The shards, each `{key: [forms]}`, and their separators.
    static func shards(forms: [String], budget: Int) -> [(separator: String, contents: [UInt8])] {
        var formsOfKey: [String: [String]] = [:]
        for form in forms where isWord(form) {
            for key in keys(of: form) { formsOfKey[key, default: []].append(form) }
        }
        let keys = formsOfKey.keys.sorted(by: RangeShards.precedes)
        let lists = keys.map { Array(Set(formsOfKey[$0]!)).sorted(by: RangeShards.precedes) }
        let ranges = RangeShards.split(keys: keys, budget: budget) { index, _ in
            keys[index].utf8.count + 6 + lists[index].reduce(0) { $0 + $1.utf8.count + 3 }
        }
        return ranges.map { shard in
            var out: [UInt8] = [UInt8(ascii: "{")]
            for (position, index) in shard.range.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                CompactJSON.string(keys[index], into: &out)
                out.append(UInt8(ascii: ":"))
                CompactJSON.strings(lists[index], into: &out)
            }
            out.append(UInt8(ascii: "}"))
            return (shard.separator, out)
        }
    }
}
