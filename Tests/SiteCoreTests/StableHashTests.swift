import Foundation
import Testing

@testable import SiteCore

@Suite struct StableHashTests {
    struct Link: Encodable, Equatable {
        var title: String
        var url: String?
        var weight = 0
    }

    struct Page: Encodable {
        var title: String
        var links: [Link]
        var strings: [String: String]
        var value: TemplateValue
        var flag: Bool?
    }

    /// Writes the same pairs in the order given: what a dictionary does in another process.
    struct Pairs: Encodable {
        var pairs: [(String, String)]
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in pairs { try container.encode(value, forKey: Key(stringValue: key)) }
        }
    }

    let page = Page(
        title: "Partners", links: [Link(title: "ECO", url: "/en/partners/eco/"), Link(title: "ESMO", url: nil)],
        strings: ["skip": "Skip to content", "menu": "Menu", "search": "Search"],
        value: .map([.init(key: "a", value: .list([.string("1"), .int(1), .bool(true)]))]), flag: nil)

    @Test func isTheSameInEveryProcess() {
        // Recorded once: a hash seeded per process (Swift's Hasher) would not give it again.
        #expect(StableHash.of(page) == "2cd65bffb3181fc2")
        #expect(StableHash.of("") == StableHash.of(""))
    }

    @Test func ignoresTheOrderOfKeyedPairsOnly() {
        let one = Pairs(pairs: [("a", "1"), ("b", "2"), ("c", "3")])
        let other = Pairs(pairs: [("c", "3"), ("a", "1"), ("b", "2")])
        #expect(StableHash.of(one) == StableHash.of(other))
        #expect(StableHash.of(["1", "2", "3"]) != StableHash.of(["2", "1", "3"]))
        // A key is bound to its value: swapping values changes the hash.
        #expect(StableHash.of(one) != StableHash.of(Pairs(pairs: [("a", "2"), ("b", "1"), ("c", "3")])))
    }

    @Test func changesWithAnyField() {
        let base = StableHash.of(page)
        var changed: [Page] = []
        var edited = page
        edited.title = "Partner"
        changed.append(edited)
        edited = page
        edited.links[1].url = ""
        changed.append(edited)
        edited = page
        edited.links[0].weight = 1
        changed.append(edited)
        edited = page
        edited.links.swapAt(0, 1)
        changed.append(edited)
        edited = page
        edited.strings["menu"] = "Menú"
        changed.append(edited)
        edited = page
        edited.value = .map([.init(key: "a", value: .list([.string("1"), .string("1"), .bool(true)]))])
        changed.append(edited)
        edited = page
        edited.value = .map([.init(key: "a", value: .list([.string("1"), .int(1), .bool(false)]))])
        changed.append(edited)
        edited = page
        edited.flag = false
        changed.append(edited)
        edited = page
        // Text moved between neighbouring fields.
        edited.links[0] = Link(title: "ECO/", url: "en/partners/eco/")
        changed.append(edited)
        let hashes = changed.map(StableHash.of)
        #expect(!hashes.contains(base))
        #expect(Set(hashes).count == hashes.count)
    }

    enum Kind: Encodable {
        case page, section
        case named(String)
    }

    /// A value written as a single value or as a one-item list.
    struct Either: Encodable {
        var asList: Bool
        func encode(to encoder: any Encoder) throws {
            if asList {
                var container = encoder.unkeyedContainer()
                try container.encode("x")
            } else {
                var container = encoder.singleValueContainer()
                try container.encode("x")
            }
        }
    }

    @Test func tellsApartEnumCasesWithoutValuesAndListsFromSingleValues() {
        #expect(StableHash.of(Kind.page) != StableHash.of(Kind.section))
        #expect(StableHash.of([Kind.page]) != StableHash.of([Kind.section]))
        #expect(StableHash.of(Kind.named("a")) != StableHash.of(Kind.named("b")))
        #expect(StableHash.of(Either(asList: true)) != StableHash.of(Either(asList: false)))
    }
}
