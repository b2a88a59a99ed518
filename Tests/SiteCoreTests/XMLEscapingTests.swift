import Testing

@testable import SiteCore

@Suite struct XMLEscapingTests {
    @Test func escapesTheFiveMarkupCharactersOnly() {
        #expect(XMLEscaping.escape(#"<a href="x">R&D's</a>"#) == "&lt;a href=&quot;x&quot;&gt;R&amp;D&apos;s&lt;/a&gt;")
        #expect(XMLEscaping.escape("it's", apostrophe: "&#39;") == "it&#39;s")
        #expect(XMLEscaping.escape("Ογκολογία – ÉCO") == "Ογκολογία – ÉCO")
        #expect(XMLEscaping.escape("") == "")
    }

    /// Swift counts a quote and a combining mark after it as one Character; an HTML parser still
    /// ends the attribute at the quote.
    @Test func escapesAQuoteThatACombiningMarkFollows() {
        #expect(XMLEscaping.escape("a\"\u{301}b") == "a&quot;\u{301}b")
        #expect(XMLEscaping.escape("<\u{338}") == "&lt;\u{338}")
    }
}
