import Foundation
import Testing

@testable import MarkdownRendering

@Suite struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test func headingsGetUniqueTransliteratedIDs() {
        let document = renderer.parse("## Über uns\n\n## Σχετικά\n\n## Über uns\n\n### Код\n")
        #expect(document.headings.map(\.id) == ["uber-uns", "schetika", "uber-uns-1", "kod"])
        let html = document.renderHTML()
        #expect(html.contains("<h2 id=\"uber-uns\">Über uns</h2>"))
        #expect(html.contains("<h2 id=\"uber-uns-1\">Über uns</h2>"))
        #expect(html.contains("<h3 id=\"kod\">Код</h3>"))
        #expect(!html.contains("data-sourcepos"))
    }

    @Test func linksGetTheAttributesAskedFor() {
        let document = renderer.parse("[Funding](funding.md) and ![logo](logo.png) and [home](index.md)\n")
        let html = document.renderHTML(
            rewrite: { $0.destination == "funding.md" ? "/en/funding/" : nil },
            attributes: { link in
                link.destination == "funding.md"
                    ? [("hreflang", "en"), ("data-language", "A\"<b>&"), ("on click", "x"), ("", "y")] : []
            })
        #expect(
            html.contains(#"<a href="/en/funding/" hreflang="en" data-language="A&quot;&lt;b&gt;&amp;">Funding</a>"#))
        #expect(html.contains(#"<a href="index.md">home</a>"#))
        #expect(!html.contains("on click") && !html.contains("\"y\""))
        // Images take no link attributes.
        let image = document.renderHTML(attributes: { _ in [("hreflang", "en")] })
        #expect(image.contains(#"<img src="logo.png" alt="logo" />"#))
    }

    @Test func explicitHeadingIDIsKeptAndStripped() {
        let document = renderer.parse("## Histoire {#history}\n")
        #expect(document.headings.first?.id == "history")
        #expect(document.headings.first?.text == "Histoire")
        #expect(document.renderHTML().contains("<h2 id=\"history\">Histoire</h2>"))
    }

    @Test func gfmExtensionsRender() {
        let source =
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ www.example.org\n\n- [x] done\n\nNote[^1].\n\n[^1]: A footnote.\n"
        let html = renderer.parse(source).renderHTML()
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("href=\"http://www.example.org\""))
        #expect(html.contains("type=\"checkbox\""))
        #expect(html.contains("class=\"footnotes\""))
    }

    @Test func rawHTMLIsDroppedUnlessAllowed() {
        let source = "<script>alert(1)</script>\n\nText <b>bold</b>\n"
        let safe = renderer.parse(source).renderHTML()
        #expect(!safe.contains("<script>"))
        #expect(!safe.contains("<b>"))
        let unsafe = MarkdownRenderer(allowRawHTML: true).parse(source).renderHTML()
        #expect(unsafe.contains("<b>bold</b>"))
        // The tag filter still neutralises <script> even when raw HTML is allowed.
        #expect(!unsafe.contains("<script>"))
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func positionsFollowEveryKindOfLineEnding(_ newline: String) {
        let source = ["# T", "", "Ωμέγα [a](a.md)", "", "## Łódź", "", "ό [b](b.md)"].joined(separator: newline)
        let document = renderer.parse(source)
        #expect(document.links.map(\.line) == [3, 7])
        #expect(document.links.map(\.column) == [7, 3])
        #expect(document.headings.map(\.line) == [1, 5])
    }

    @Test func linksCarryPositionsInCharactersAndCanBeRewritten() {
        let document = renderer.parse("# T\n\nÉé [ECO](eco.md#history) and ![logo](logo.png)\n")
        #expect(document.links.count == 2)
        let link = document.links[0]
        #expect(link.destination == "eco.md#history")
        #expect(link.line == 3)
        #expect(link.column == 4)
        #expect(document.links[1].kind == .image)
        #expect(document.links[1].text == "logo")
        let html = document.renderHTML { $0.destination.hasPrefix("eco") ? "/en/partners/eco/#history" : nil }
        #expect(html.contains("href=\"/en/partners/eco/#history\""))
        #expect(html.contains("src=\"logo.png\""))
    }

    @Test func firstParagraphIsPlainText() {
        let document = renderer.parse("## Intro\n\nThe *European* Cancer `Organisation`.\n\nSecond.\n")
        #expect(document.firstParagraph == "The European Cancer Organisation.")
    }
}

@Suite struct MarkdownSegmentTests {
    @Test func textIsCutAtHeadings() {
        let document = MarkdownRenderer().parse(
            "Intro *text*.\n\n## First\n\nOne.\n\n- a\n- b\n\n## Second {#two}\n\nTwo.\n")
        #expect(document.segments.map(\.headingID) == [nil, "first", "two"])
        #expect(document.segments.map(\.text) == ["Intro text.", "One. a b", "Two."])
        #expect(document.segments.map(\.heading) == [nil, "First", "Second"])
    }
}

/// cmark-gfm keeps extension state in a process-wide table while a parser finishes a document;
/// documents parsed on many threads at once must still get every extension.
@Suite struct ConcurrentParsingTests {
    @Test func extensionsSurviveParsingOnManyThreads() {
        let text = """
            A ~~struck~~ word, a www.example.org link and https://example.org/x.

            | a | b |
            |---|---|
            | 1 | 2 |

            - [x] done
            """
        let expected = MarkdownRenderer().parse(text).renderHTML()
        #expect(expected.contains("<del>struck</del>"))
        #expect(expected.contains("<table>"))
        #expect(expected.contains("href=\"http://www.example.org\""))
        let results = Results(count: 2000)
        DispatchQueue.concurrentPerform(iterations: 2000) { index in
            results.set(index, MarkdownRenderer().parse(text).renderHTML())
        }
        #expect(results.all.allSatisfy { $0 == expected })
    }

    final class Results: @unchecked Sendable {
        private var values: [String]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: "", count: count) }
        func set(_ index: Int, _ value: String) { lock.withLock { values[index] = value } }
        var all: [String] { lock.withLock { values } }
    }
}

/// The HTML is rendered while parsing, with placeholders for link destinations filled in later:
/// it must equal cmark's own rendering of the tree with the destinations set.
@Suite struct PlaceholderRenderingTests {
    static let sources = [
        "[a](x.md) [b](https://example.org/a?b=1&c='2' \"T imlink0\") ![i](logo.png \"imlink1\")",
        "[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [vb](vbscript:x) [f](file:///etc/passwd)",
        "![png](data:image/png;base64,AAAA) ![svg](data:image/svg+xml;base64,AAAA) [d](data:text/html,x)",
        "[e](&#106;avascript:alert(1)) [sp](<a b.md>) [u](Łódź/ά.md) [pct](%20x%22.md) [q](\"quote\".md)",
        "![alt with [a link](inner.md) inside](img.png) [![img](in-link.png)](outer.md)",
        "Text imlink0 and &#105;mlink1 [x](imlink2) www.example.org and https://a.b/c and me@example.org",
        "| a | b |\n|---|---|\n| [t](t.md) | ![i](i.png) |\n\nNote[^1].\n\n[^1]: See [f](f.md).\n",
        "# Heading [h](h.md)\n\n> quote [q](q.md)\n\n- [ ] task [k](k.md)\n\n<a href=\"raw.md\">raw</a>",
        "no links at all\n",
    ]

    func normalized(_ html: String) -> String {
        html.replacingOccurrences(of: #" (data-sourcepos|id)="[^"]*""#, with: "", options: .regularExpression)
    }

    @Test(arguments: sources, [false, true])
    func placeholdersGiveCmarksOwnHTML(_ source: String, rawHTML: Bool) {
        let renderer = MarkdownRenderer(allowRawHTML: rawHTML)
        let document = renderer.parse(source)
        #expect(normalized(document.renderHTML()) == normalized(renderer.referenceHTML(source) { _ in nil }))
        // Rewriting every other link, with characters that must be escaped.
        var count = 0
        let rewrite: (String) -> String? = { destination in
            count += 1
            return count % 2 == 1 ? "/en/p/\(count)/?a=1&b=\"<x>\"#é" : nil
        }
        let expected = normalized(renderer.referenceHTML(source, rewrite: rewrite))
        count = 0
        let actual = normalized(document.renderHTML { rewrite($0.destination) })
        #expect(actual == expected)
    }
}

@Suite struct ReleasedHTMLTests {
    @Test func releasingTheHTMLKeepsHeadingsLinksAndText() {
        let document = MarkdownRenderer().parse("# Title\n\nSome [link](a.md) text.\n")
        #expect(document.renderHTML().contains("href=\"a.md\""))
        document.releaseHTML()
        #expect(document.renderHTML().isEmpty)
        #expect(document.headings.map(\.id) == ["title"])
        #expect(document.links.map(\.destination) == ["a.md"])
        #expect(document.segments.map(\.text) == ["Some link text."])
    }
}

@Suite struct JoinedExactlyTests {
    @Test(arguments: [[], [""], ["a"], ["a", "", "b"], ["Ωμέγα", "Łódź", "x"], ["", ""]])
    func joinsLikeJoined(_ blocks: [String]) {
        #expect(MarkdownDocument.joinedExactly(blocks) == blocks.joined(separator: " "))
    }

    /// Empty blocks before the first text are dropped, later ones kept, as appending did.
    @Test func searchTextKeepsItsSpacing() {
        let document = MarkdownRenderer().parse("<div></div>\n\nFirst.\n\n---\n\nSecond.\n")
        #expect(document.segments.map(\.text) == ["First.  Second."])
    }
}
