import Search
import Testing

@Suite struct TextAnalyzerTests {
    @Test func foldingRemovesDiacriticsAndMapsSpecialLetters() {
        #expect(TextAnalyzer.fold("Łódź") == "lodz")
        #expect(TextAnalyzer.fold("Ελληνικά") == "ελληνικα")
        #expect(TextAnalyzer.fold("Straße") == "strasse")
        #expect(TextAnalyzer.fold("Ærø") == "aero")
        #expect(TextAnalyzer.fold("ΟΔΟΣ") == "οδοσ")
        #expect(TextAnalyzer.fold("Čeština") == "cestina")
    }

    /// The analyzer folds a scalar at a time from a cache; it must answer as `fold` does.
    @Test func cachedFoldingEqualsFolding() {
        let analyzer = TextAnalyzer(language: "el")
        var samples = [
            "Łódź", "ΟΔΟΣ", "Ελληνικά", "Ærø", "Straße", "e\u{301}té", "ł\u{308}", "Ǆemal", "ﬁnal", "Ⅻ", "½", "한국어",
            "\u{1100}\u{1161}", "क्षेत्र", "ά\u{301}", "İstanbul", "ΐΰ", "Ωμέγα", "ὦ", "ḗ", "𝐀𝐁", "x\u{20DD}",
        ]
        // Every letter of the blocks the cache covers, alone and between others.
        for value in Array(0x00C0..<0x0530) + Array(0x1E00..<0x2000) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            samples.append(String(scalar))
            samples.append("a\(scalar)ω")
        }
        for sample in samples {
            #expect(analyzer.fold(sample) == TextAnalyzer.fold(sample), "\(sample.unicodeScalars.map { $0.value })")
        }
    }

    @Test func wordsSplitLatinGreekAndCyrillic() {
        #expect(TextAnalyzer.words("L'ESSO, l'EONS et l'ESTRO.") == ["l", "esso", "l", "eons", "et", "l", "estro"])
        #expect(TextAnalyzer.words("Ευρωπαϊκή Ένωση—България 2023") == ["ευρωπαϊκή", "ένωση", "българия", "2023"])
    }

    @Test func stemmingMatchesWordFormsInTheLanguage() {
        let french = TextAnalyzer(language: "fr")
        #expect(french.term("partenaires") == french.term("partenaire"))
        let german = TextAnalyzer(language: "de")
        #expect(german.term("ländern") == german.term("länder"))
        let english = TextAnalyzer(language: "en")
        #expect(english.term("training") == english.term("trained"))
        let greek = TextAnalyzer(language: "el")
        #expect(greek.term("καρκίνου") == greek.term("καρκίνος"))
    }

    @Test func languagesWithoutAStemmerAreFoldedOnly() {
        #expect(Stemmer(language: "pl") == nil)
        #expect(TextAnalyzer(language: "pl").term("łódzkie") == "lodzkie")
        #expect(Stemmer(language: "fr") != nil)
    }
}
