import SiteCore
import Testing

@Suite("Slugifier")
struct SlugifierTests {
    @Test(
        "Transliterates and drops accents",
        arguments: [
            ("Über uns", "uber-uns"),
            ("Straße und Größe", "strasse-und-grosse"),
            ("Crème brûlée à la française", "creme-brulee-a-la-francaise"),
            ("Σχετικά με εμάς", "schetika-me-emas"),
            ("Ελλάδα", "ellada"),
            ("Относно нас", "otnosno-nas"),
            ("Новини", "novini"),
            ("Łódź, Gdańsk", "lodz-gdansk"),
            ("Čeština Šťastný", "cestina-stastny"),
            ("ÆØÅ æøå", "aeoa-aeoa"),
        ])
    func transliteration(_ input: String, _ expected: String) {
        #expect(Slugifier.slug(input) == expected)
    }

    @Test("Runs of punctuation and spaces become one dash")
    func punctuationCollapses() {
        #expect(Slugifier.slug("Hello,   World!!") == "hello-world")
        #expect(Slugifier.slug("a -- b // c") == "a-b-c")
        #expect(Slugifier.slug("Step 1: Install 2.0") == "step-1-install-2-0")
    }

    @Test("ASCII (which skips transliteration) and the same text with one accent slug alike")
    func asciiTakesTheShortPathToTheSameSlug() {
        let ascii = "A!\"#$%&'()*+,-./0123456789:;<=>?@[\\]^_`{|}~Zz\tTab"
        #expect(Slugifier.slug(ascii) == "a-0123456789-zz-tab")
        #expect(Slugifier.slug(ascii + " é") == "a-0123456789-zz-tab-e")
    }

    @Test("Leading and trailing dashes are trimmed")
    func trimsDashes() {
        #expect(Slugifier.slug("--Hello--") == "hello")
        #expect(Slugifier.slug("  (Intro)  ") == "intro")
        #expect(Slugifier.slug("¿Qué?") == "que")
    }

    @Test("Only punctuation gives an empty slug")
    func emptyResult() {
        #expect(Slugifier.slug("!!! ... ???") == "")
        #expect(Slugifier.slug("") == "")
        #expect(Slugifier.slug(" - ") == "")
    }
}
