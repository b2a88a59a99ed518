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
