import Foundation
import MarkdownRendering
import Testing

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
