/// The deletion neighbourhood of the index's word forms, so the browser can find the forms a
/// misspelt query word was meant to be without downloading the vocabulary (SymSpell's idea):
/// every form of 4 letters or more is listed under itself and under each spelling with one letter
/// deleted, except the first letter. A query word one edit away from a form (a letter missing,
/// added, changed, or two swapped) shares one of those keys with it: the browser looks up the word
/// and its own one-letter deletions, then checks the distance. Keys are sorted and cut into
/// shards by size like the term shards, so one query word needs one or two small shards.
///
/// The first letter is kept in every key: a typo in the first letter is not corrected, and that
/// keeps a word's keys next to each other.
enum TypoIndex {
    /// Forms shorter than this have no keys (a 5-letter query word may be one letter too long).
    static let minimumLength = 4

    /// The keys of one form: itself and its one-letter deletions after the first letter.
    static func keys(of form: String) -> [String] {
        let scalars = Array(form.unicodeScalars)
        guard scalars.count >= minimumLength else { return [] }
        var keys = [form]
        for index in 1..<scalars.count {
            var key = String.UnicodeScalarView()
            key.append(contentsOf: scalars[..<index])
            key.append(contentsOf: scalars[(index + 1)...])
            let text = String(key)
            if text != keys.last { keys.append(text) }
        }
        return keys
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
