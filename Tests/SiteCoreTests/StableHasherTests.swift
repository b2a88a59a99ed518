import Testing

@testable import SiteCore

/// `StableHasher` keys the build cache's pages: two different models must not feed it the same
/// words, and a dictionary must hash the same in every process (Swift walks it in a per-process order).
@Suite struct StableHasherTests {
    private func hex<Value: StableHashable>(_ value: Value) -> String {
        var hasher = StableHasher()
        hasher.combine(value)
        return hasher.hexDigest
    }

    @Test func isTheSameInEveryProcess() {
        // Recorded once: a hash seeded per process would not give it again.
        #expect(hex(["partners": ["ECO", "ESMO"], "centres": []] as [String: [String]]) == "2acfca0de95100a5")
    }

    @Test func dictionariesHashTheSameWhateverTheirOrder() {
        var forward: [String: Int] = [:]
        var backward: [String: Int] = [:]
        let keys = (0..<200).map { "key \($0)" }
        for (number, key) in keys.enumerated() { forward[key] = number }
        for (number, key) in keys.enumerated().reversed() { backward[key] = number }
        // Grown in different orders (and reserved differently), they are walked in different orders.
        var reserved = [String: Int](minimumCapacity: 4_096)
        for (number, key) in keys.enumerated() { reserved[key] = number }
        #expect(Array(reserved.keys) != Array(forward.keys))
        #expect(hex(forward) == hex(backward))
        #expect(hex(forward) == hex(reserved))
        // A key is bound to its value.
        var swapped = forward
        swapped["key 0"] = 1
        swapped["key 1"] = 0
        #expect(hex(swapped) != hex(forward))
    }

    @Test func differentValuesFeedDifferentWords() {
        let pairs: [(String, String)] = [
            (hex(["ab"]), hex(["a", "b"])),
            (hex(["a", ""]), hex(["", "a"])),
            (hex([String?.none]), hex([""])),
            (hex([String?.none]), hex([String]())),
            (hex([[1], []]), hex([[], [1]])),
            (hex(true), hex(false)),
            (hex(TemplateValue.string("1")), hex(TemplateValue.int(1))),
            (hex(TemplateValue.string("true")), hex(TemplateValue.bool(true))),
            (hex(TemplateValue.list([.string("a")])), hex(TemplateValue.map([.init(key: "a", value: .list([]))]))),
            (
                hex(TemplateValue.map([.init(key: "a", value: .int(1)), .init(key: "b", value: .int(2))])),
                hex(TemplateValue.map([.init(key: "b", value: .int(2)), .init(key: "a", value: .int(1))]))
            ),
            (hex(["a": "b"]), hex(["b": "a"])),
            (hex([String: String]()), hex([String]())),
        ]
        for (index, (one, other)) in pairs.enumerated() {
            #expect(one != other, "pair \(index)")
        }
        #expect(hex(["a", "b"]) == hex(["a", "b"]))
    }
}
