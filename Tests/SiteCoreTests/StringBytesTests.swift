import Testing

@testable import SiteCore

@Suite struct StringBytesTests {
    @Test func replacesEveryOccurrenceLeftToRight() {
        #expect(
            "<table><td>a</td></table>".replacingBytes("<table>", with: "<div><table>")
                == "<div><table><td>a</td></table>")
        #expect("a&b&&c".replacingBytes("&", with: "\\u0026") == "a\\u0026b\\u0026\\u0026c")
        #expect("aaaa".replacingBytes("aa", with: "b") == "bb")
        #expect("ογκολογία ογκο".replacingBytes("ογκο", with: "x") == "xλογία x")
        #expect("nothing here".replacingBytes("<table>", with: "x") == "nothing here")
        #expect("".replacingBytes("a", with: "b") == "")
        #expect("ab".replacingBytes("abc", with: "x") == "ab")
    }

    @Test func findsTheFirstOccurrenceAsStringIndices() {
        let text = "Ελληνικά <!-- marker --> and <!-- marker -->"
        let range = text.firstByteRange(of: "<!-- marker -->")
        #expect(range.map { String(text[..<$0.lowerBound]) } == "Ελληνικά ")
        #expect(range.map { String(text[$0]) } == "<!-- marker -->")
        #expect(text.firstByteRange(of: "absent") == nil)
        #expect("short".firstByteRange(of: "longer needle") == nil)
        // Bytes, not characters: "e" is found inside a decomposed "é".
        #expect("cafe\u{301}".firstByteRange(of: "e") != nil)
    }
}
