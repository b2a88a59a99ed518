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

    @Test func replacesSeveralNeedlesInOnePass() {
        let html = "<p>x</p><table><tr><td>1</td></tr></table><table></table>"
        let open = "<div class=\"table-scroll\"><table>"
        #expect(
            html.replacingBytes([("<table>", open), ("</table>", "</table></div>")])
                == html.replacingBytes("<table>", with: open).replacingBytes("</table>", with: "</table></div>"))
        // Left to right: a needle inside one already replaced is not replaced again.
        #expect("abb".replacingBytes([("ab", "X"), ("b", "Y")]) == "XY")
        #expect("abab".replacingBytes([("b", "Y"), ("ab", "X")]) == "XX")
        // At the same byte, the first listed wins.
        #expect("abc".replacingBytes([("a", "1"), ("ab", "2")]) == "1bc")
        #expect("abc".replacingBytes([("ab", "2"), ("a", "1")]) == "2c")
        #expect("Ελληνικά".replacingBytes([("λ", "l"), ("ά", "a")]) == "Εllηνικa")
        #expect("none".replacingBytes([("x", "y"), ("", "z")]) == "none")
        #expect("".replacingBytes([("x", "y")]) == "")
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
