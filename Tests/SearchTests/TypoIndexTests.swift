import Foundation
import Testing

@testable import Search

@Suite struct TypoIndexTests {
    @Test func keysAreTheFormAndItsDeletionsAfterTheFirstLetter() {
        #expect(TypoIndex.keys(of: "onco") == ["onco", "oco", "ono", "onc"])
        // A doubled letter gives one key for both deletions.
        #expect(TypoIndex.keys(of: "alle") == ["alle", "ale", "all"])
        #expect(TypoIndex.keys(of: "onc").isEmpty)
        #expect(TypoIndex.keys(of: "ογκος") == ["ογκος", "οκος", "ογος", "ογκς", "ογκο"])
    }

    /// The spellings of `word` with one letter deleted, except the first (as search.js makes them).
    func deletions(_ word: String) -> [String] {
        let scalars = Array(word.unicodeScalars)
        return (1..<max(1, scalars.count)).map { index in
            var key = String.UnicodeScalarView()
            key.append(contentsOf: scalars[..<index])
            key.append(contentsOf: scalars[(index + 1)...])
            return String(key)
        }
    }

    /// Whether a misspelt word reaches `form` through the shards, as the browser looks it up: the
    /// word and its one-letter deletions; with `twoEdits`, also its first 8 letters with up to two
    /// deletions (search.js does that for words of 8 letters or more when one edit finds nothing).
    func reaches(
        _ typo: String, _ form: String, in shards: [(separator: String, contents: Data)], twoEdits: Bool = false
    ) throws -> Bool {
        let separators = shards.map(\.separator)
        var lookups = [typo] + deletions(typo)
        if twoEdits {
            let prefix = String(String.UnicodeScalarView(typo.unicodeScalars.prefix(8)))
            lookups += [prefix] + deletions(prefix) + deletions(prefix).flatMap { deletions($0) }
        }
        for key in lookups {
            let shard = separators.lastIndex { !key.utf8.lexicographicallyPrecedes($0.utf8) }!
            if try TypoIndexTests.lists(shards[shard].contents)[key]?.contains(form) == true { return true }
        }
        return false
    }

    @Test func oneEditAfterTheFirstLetterIsFound() throws {
        let forms = ["oncology", "oncologist", "curriculum", "curricula", "radiotherapy", "training", "2024"]
        let shards = TypoIndex.shards(forms: forms.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, budget: 120)
        #expect(shards.count > 3)
        #expect(try reaches("oncolgy", "oncology", in: shards))  // a letter missing
        #expect(try reaches("oncollogy", "oncology", in: shards))  // a letter too many
        #expect(try reaches("oncolagy", "oncology", in: shards))  // a letter changed
        #expect(try reaches("oncolgoy", "oncology", in: shards))  // two letters swapped
        #expect(try reaches("curriculm", "curriculum", in: shards))
        // The first letter is kept in every key: a typo there is not found.
        #expect(try !reaches("xncology", "oncology", in: shards))
        // Numbers are left out.
        #expect(shards.allSatisfy { !String(decoding: $0.contents, as: UTF8.self).contains("2024") })
    }

    @Test func longFormsHaveTheTwoDeletionKeysOfTheirFirstEightLetters() {
        let keys = TypoIndex.keys(of: "radiotherapy")
        // Itself and its 11 one-letter deletions, then "radiothe" with up to two deletions.
        #expect(Array(keys.prefix(12)) == ["radiotherapy"] + deletions("radiotherapy"))
        #expect(keys.contains("radiothe"))
        #expect(keys.contains("rdiothe"))  // one deletion of the first 8 letters
        #expect(keys.contains("rdothe"))  // two
        #expect(!keys.contains("rdoth"))  // three deletions are not keys
        #expect(!keys.contains("radiothery"))  // nor two deletions of the whole word
        #expect(!keys.contains("adiothe"))  // the first letter stays
        #expect(Set(keys).count == keys.count)
        // Whatever the length: at most 1 + 7 + 21 keys from the first 8 letters.
        let long = TypoIndex.keys(of: "weiterbildungsprogramm")
        #expect(long.count <= 22 + 29)
        // Shorter forms keep only the one-letter deletions.
        #expect(TypoIndex.keys(of: "oncolog") == ["oncolog"] + deletions("oncolog"))
    }

    @Test func twoEditsInLongWordsAreFound() throws {
        let forms = ["oncology", "oncologist", "curriculum", "curricula", "radiotherapy", "training", "sustainability"]
        let shards = TypoIndex.shards(forms: forms.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, budget: 300)
        #expect(shards.count > 3)
        #expect(try reaches("curricalam", "curriculum", in: shards, twoEdits: true))  // two letters changed
        #expect(try reaches("curiculm", "curriculum", in: shards, twoEdits: true))  // two letters missing
        #expect(try reaches("curiculam", "curriculum", in: shards, twoEdits: true))  // one missing, one changed
        #expect(try reaches("curriuclam", "curriculum", in: shards, twoEdits: true))  // two swapped, one changed
        #expect(try reaches("radioterapi", "radiotherapy", in: shards, twoEdits: true))  // missing, changed
        #expect(try reaches("sustainebiliti", "sustainability", in: shards, twoEdits: true))  // after 8 letters too
        #expect(try reaches("onkolagy", "oncology", in: shards, twoEdits: true))  // two changed, 8 letters
        // Two letters too many (found before through the whole word's two-letter deletions).
        #expect(try reaches("curricullumm", "curriculum", in: shards, twoEdits: true))
        // The first letter is still kept.
        #expect(try !reaches("kurricalum", "curriculum", in: shards, twoEdits: true))
    }

    /// A shard's keys with their forms: `{"f": [forms], "k": {key: [numbers in f]}}`, read as
    /// search.js reads it.
    static func lists(_ contents: Data) throws -> [String: [String]] {
        let object = try JSONSerialization.jsonObject(with: contents) as! [String: Any]
        let forms = object["f"] as! [String]
        #expect(forms == forms.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "forms once each, in byte order")
        #expect(Set(forms).count == forms.count)
        let keys = object["k"] as! [String: [Int]]
        #expect(Set(keys.values.flatMap { $0 }) == Set(forms.indices), "every listed form is used")
        return keys.mapValues { $0.map { forms[$0] } }
    }

    /// The shards (made per first letter, on bytes, in parallel) hold exactly what listing every
    /// form under each of its keys gives: every key once, in byte order, with its forms in byte order.
    @Test func shardsListEachKeyWithExactlyItsForms() throws {
        let forms = [
            "oncology", "oncologist", "Ärztin", "ärztin", "ärzte", "εκπαίδευση", "εκπαιδευτικό", "ογκολογία",
            "weiterbildungsprogramm", "weiterbildung", "oncology", "zespół", "zespołu", "ab", "curriculum",
            "curricula", "αβγδ", "training", "trainings", "trainee",
        ]
        var expected: [String: Set<String>] = [:]
        for form in forms { for key in TypoIndex.keys(of: form) { expected[key, default: []].insert(form) } }
        var seen: [String] = []
        for shard in TypoIndex.shards(forms: forms, budget: 200) {
            let contents = String(decoding: shard.contents, as: UTF8.self)
            let object = try TypoIndexTests.lists(shard.contents)
            // JSONSerialization forgets the order: read the keys back in the order they were written.
            let keys = object.keys.sorted {
                contents.firstByteOffset(of: "\"\($0)\":") < contents.firstByteOffset(of: "\"\($1)\":")
            }
            for key in keys {
                #expect(object[key] == expected[key].map { $0.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } })
            }
            seen += keys
        }
        #expect(seen == expected.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}

extension String {
    fileprivate func firstByteOffset(of needle: String) -> Int {
        let bytes = Array(utf8)
        let target = Array(needle.utf8)
        return (0...(bytes.count - target.count)).first { Array(bytes[$0..<($0 + target.count)]) == target } ?? -1
    }
}
