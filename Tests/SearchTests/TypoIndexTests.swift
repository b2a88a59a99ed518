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

    /// Whether a misspelt word reaches `form` through the shards, as the browser looks it up.
    func reaches(_ typo: String, _ form: String, in shards: [(separator: String, contents: [UInt8])]) throws -> Bool {
        let separators = shards.map(\.separator)
        var lookups = [typo]
        let scalars = Array(typo.unicodeScalars)
        for index in 1..<scalars.count {
            var key = String.UnicodeScalarView()
            key.append(contentsOf: scalars[..<index])
            key.append(contentsOf: scalars[(index + 1)...])
            lookups.append(String(key))
        }
        for key in lookups {
            let shard = separators.lastIndex { !key.utf8.lexicographicallyPrecedes($0.utf8) }!
            let object = try JSONSerialization.jsonObject(with: Data(shards[shard].contents)) as! [String: [String]]
            if object[key]?.contains(form) == true { return true }
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
}
