import Foundation
import Images
import Testing

@Suite struct SVGSanitizerTests {
    static let safe = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 40">
          <title>Partner</title>
          <defs><linearGradient id="g"><stop offset="0" stop-color="#039"/></linearGradient>
            <style>.mark { fill: url(#g); stroke: url( '#g' ) }</style></defs>
          <rect class="mark" width="40" height="40" style="fill: url(#g)"/>
          <use xlink:href="#g" href=" #g"/>
          <text x="50" y="25">Ωmega – Ж</text>
        </svg>

        """

    func violations(_ svg: String) -> [SVGSanitizer.Violation] {
        do {
            _ = try SVGSanitizer.check(Data(svg.utf8), file: "logos/partner.svg")
            return []
        } catch {
            guard case .unsafeSVG(let file, let violations) = error else {
                Issue.record("expected unsafeSVG, got \(error)")
                return []
            }
            #expect(file == "logos/partner.svg")
            return violations
        }
    }

    @Test func aSafeSVGPassesByteForByte() throws {
        let data = Data(Self.safe.utf8)
        #expect(try SVGSanitizer.check(data, file: "logo.svg") == data)
        // A byte order mark and CRLF line ends are kept too.
        let windows = Data([0xEF, 0xBB, 0xBF]) + Data(Self.safe.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(try SVGSanitizer.check(windows, file: "logo.svg") == windows)
    }

    @Test(arguments: [
        // (svg, line, column, element, words in the reason)
        ("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>alert(1)</script>\n</svg>", 2, 3, "<script>", "script"),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n  <rect\n    onload=\"alert(1)\"/></g></svg>", 3, 3,
            "<rect>", "onload"
        ),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" onLoad=\"x()\"/>", 1, 1, "<svg>", "onLoad"),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject></svg>",
            1, 41, "<foreignObject>", "HTML"
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n <image xlink:href=\"https://tracker.example/p.png\"/></svg>",
            2, 2, "<image>", "https://tracker.example/p.png"
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\"><text>x</text></a></svg>", 1, 41,
            "<a>", "javascript:"
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><use href=\"data:image/svg+xml;base64,AAAA\"/></svg>", 1, 41,
            "<use>", "data:"
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:url(http://x.example/a.svg#g)\"/></svg>", 1,
            41, "<rect>", "url(http://x.example/a.svg#g"
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"url('https://x.example/p#g')\"/></svg>", 1, 41,
            "<rect>", "url(https://x.example/p#g"
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<style>\n@import url(#x);\n</style></svg>", 2, 1, "<style>",
            "@import"
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><style><![CDATA[ rect { background: URL( \"//evil.example/x\" ) } ]]></style></svg>",
            1, 41, "<style>", "url(//evil.example/x"
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>rect { fill: u\\72l(http://x) }</style></svg>", 1, 41,
            "<style>", "escape"
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>",
            1, 44, "<set>", "animates"
        ),
        (
            "<?xml-stylesheet href=\"http://evil.example/s.css\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 1, 1,
            "<?xml-stylesheet?>", "style sheet"
        ),
        (
            "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"><svg:script>x</svg:script></svg:svg>", 1, 49,
            "<svg:script>", "script"
        ),
    ])
    func hostileSVGIsRefusedAtItsPlace(svg: String, line: Int, column: Int, element: String, words: String) {
        let found = violations(svg)
        #expect(!found.isEmpty, "not refused: \(svg)")
        guard let first = found.first else { return }
        #expect(first.element == element, "\(found)")
        #expect(first.line == line, "\(found)")
        if first.line == line && element != "<?xml-stylesheet?>" { #expect(first.column == column, "\(found)") }
        #expect(first.reason.contains(words), "\(first.reason)")
        #expect(first.reason.contains(element) || element.hasPrefix("<?"))
    }

    @Test func doctypeAndEntitiesAreRefusedBeforeParsing() {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE svg [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            ]>
            <svg xmlns="http://www.w3.org/2000/svg"><text>&lol2;</text></svg>
            """
        let found = violations(laughs)
        #expect(found.map(\.element) == ["<!DOCTYPE>", "<!ENTITY>", "<!ENTITY>"])
        #expect(found.map(\.line) == [2, 3, 4])
        #expect(found[1].column == 3)
        let external = "<!DOCTYPE svg SYSTEM \"file:///etc/passwd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        #expect(violations(external).map(\.element) == ["<!DOCTYPE>"])
    }

    @Test func everyFindingIsReportedAndTheMessageNamesFileAndLine() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script/>\n<rect onclick=\"x\"/>\n</svg>"
        do {
            _ = try SVGSanitizer.check(Data(svg.utf8), file: "content/partners/logo.svg")
            Issue.record("not refused")
        } catch {
            #expect(error.message.contains("content/partners/logo.svg:2:1: <script> is not allowed"))
            #expect(error.message.contains("content/partners/logo.svg:3:1: <rect> has the event attribute onclick="))
            #expect(!error.hint.isEmpty)
        }
    }

    @Test func malformedXMLIsAnErrorWithALine() {
        #expect(throws: ImageError.self) {
            try SVGSanitizer.check(Data("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g></svg>".utf8), file: "a.svg")
        }
        do {
            _ = try SVGSanitizer.check(Data("<svg>\n<g></svg>".utf8), file: "a.svg")
        } catch {
            guard case .malformedSVG(let file, let line, _, _) = error else {
                Issue.record("expected malformedSVG, got \(error)")
                return
            }
            #expect(file == "a.svg" && line == 2)
        }
        #expect(throws: ImageError.self) { try SVGSanitizer.check(Data("<html><body/></html>".utf8), file: "a.svg") }
    }
}
