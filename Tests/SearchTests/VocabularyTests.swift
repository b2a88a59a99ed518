import Testing

@testable import Search

/// The index counts words through `Vocabulary` (bytes, numbered spellings); it must find the same
/// terms with the same weights as analysing `TextAnalyzer.words` one by one.
@Suite struct VocabularyTests {
    static let texts = [
        "L'ESSO, l'EONS et l'ESTRO. Łódź ŁÓDŹ lodz Straße STRASSE 2026 x86_64",
        "Η Ευρωπαϊκή ΕΝΩΣΗ και οι ευρωπαϊκές πόλεις· ΟΔΟΣ οδός",
        "Café cafe\u{301} naïve NAÏVE — emoji 🎗️ and 𝐀𝐁 math, ½ and ², Ǆemal",
        "Onkologia, onkologii i ONKOLOGIĄ; Čeština; Ærø; ħ ŧ ŀ",
        "", "   ...   ", "a",
    ]

    @Test(arguments: ["en", "el", "pl", "de", "fr", "mt"])
    func countsLikeTheAnalyzer(language: String) {
        var vocabulary = Vocabulary(language: language)
        let analyzer = TextAnalyzer(language: language)
        for (page, text) in Self.texts.enumerated() {
            let weight = Int32(page + 1)
            vocabulary.add(text, weight: weight)
            vocabulary.add(text.uppercased(), weight: 2)
            var expected: [String: Int32] = [:]
            for (source, sourceWeight) in [(text, weight), (text.uppercased(), 2)] {
                for word in TextAnalyzer.words(source) {
                    let term = analyzer.term(word)
                    if !term.isEmpty { expected[term, default: 0] += sourceWeight }
                }
            }
            var actual: [String: Int32] = [:]
            for (term, weight) in vocabulary.endPage() { actual[vocabulary.terms[Int(term)], default: 0] += weight }
            #expect(actual == expected, "page \(page)")
        }
        // Every spelling's form is recorded with its term.
        let pairs = Set(
            vocabulary.termForms.map { "\(vocabulary.terms[Int($0.term)])|\(vocabulary.forms[Int($0.form)])" })
        var expectedPairs = Set<String>()
        for text in Self.texts + Self.texts.map({ $0.uppercased() }) {
            for word in TextAnalyzer.words(text) where !analyzer.term(word).isEmpty {
                expectedPairs.insert("\(analyzer.term(word))|\(analyzer.form(word))")
            }
        }
        #expect(pairs == expectedPairs)
    }
}
