import Foundation
import Testing

@testable import MarkdownRendering

/// A document read back from the build cache must be the document parsed: the same headings,
/// links, texts and HTML, however its links are rewritten.
@Suite("MarkdownDocument stored and read back")
struct MarkdownDocumentStorageTests {
    static let samples = [
        "",
        "Just one paragraph.",
        """
        # Title {#custom-id}

        Intro with a [link](other.md#part "title") and ![a photo](images/p.jpg).

        ## Title

        > quoted
        > - nested *list*
        >   1. deeper

        | a | b |
        |---|---|
        | [x](https://example.org/?a=1&b=2) | `code` |

        Text with a footnote.[^1]

        [^1]: The note, with [a link](/en/).

        ## Σχετικά με εμάς

        Ελληνικό κείμενο.
        """,
        "<div>raw <b>HTML</b></div>\n\n[bad](javascript:alert(1))\n",
    ]

    @Test(arguments: samples, [false, true])
    func readsBackTheDocumentItStored(_ markdown: String, allowRawHTML: Bool) throws {
        let parsed = MarkdownRenderer(allowRawHTML: allowRawHTML).parse(markdown)
        var bytes: [UInt8] = [7, 7]  // stored after what the buffer already holds
        parsed.store(into: &bytes)
        #expect(bytes.prefix(2) == [7, 7])
        let read = try #require(bytes.dropFirst(2).withUnsafeBytes { MarkdownDocument(stored: $0) })
        #expect(read.headings == parsed.headings)
        #expect(read.links == parsed.links)
        #expect(read.deepestNesting == parsed.deepestNesting)
        #expect(read.firstParagraph == parsed.firstParagraph)
        #expect(
            read.segments.map { [$0.headingID ?? "-", $0.heading ?? "-", $0.text] }
                == parsed.segments.map { [$0.headingID ?? "-", $0.heading ?? "-", $0.text] })
        #expect(read.renderHTML() == parsed.renderHTML())
        // Rewritten links and pictures go where the parsed document puts them.
        let rewrite = { (link: MarkdownDocument.Link) -> String? in "/rewritten/\(link.index)" }
        let image = { (_: MarkdownDocument.Link) -> ImageMarkup? in
            ImageMarkup(before: "<picture>", attributes: [("width", "10")], after: "</picture>")
        }
        #expect(
            read.renderHTML(rewrite: rewrite, attributes: { _ in [("rel", "x")] }, image: image)
                == parsed.renderHTML(rewrite: rewrite, attributes: { _ in [("rel", "x")] }, image: image))
        #expect(parsed.links.isEmpty || read.renderHTML(rewrite: rewrite).contains("/rewritten/0"))
    }

    @Test func refusesBytesThatAreNotADocument() {
        var bytes: [UInt8] = []
        MarkdownRenderer().parse(Self.samples[2]).store(into: &bytes)
        // Cut short anywhere, or with a byte more, or another version: not a document.
        for end in stride(from: 0, to: bytes.count, by: 7) {
            #expect(bytes[..<end].withUnsafeBytes { MarkdownDocument(stored: $0) } == nil)
        }
        #expect((bytes + [0]).withUnsafeBytes { MarkdownDocument(stored: $0) } == nil)
        var otherVersion = bytes
        otherVersion[0] &+= 1
        #expect(otherVersion.withUnsafeBytes { MarkdownDocument(stored: $0) } == nil)
        // Damaged counts and kinds are refused without reading past the end (texts may differ:
        // the build cache keeps a checksum of each document for those).
        for position in stride(from: 0, to: bytes.count, by: 3) {
            var damaged = bytes
            damaged[position] ^= 0xFF
            _ = damaged.withUnsafeBytes { MarkdownDocument(stored: $0) }
        }
    }
}
