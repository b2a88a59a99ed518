import SiteCore
import Testing

@testable import ContentModel
@testable import SiteBuilder

/// The `---` lines around front matter may carry blanks, as Foundation's `.whitespaces` counts
/// them (space, tab, and Unicode spaces such as U+00A0), with LF, CRLF or CR line ends.
@Suite struct FrontMatterFenceTests {
    @Test(arguments: ["---", "--- ", "\t---\t ", "---\u{00A0}", "\u{2003}---"])
    func blanksAroundTheFenceAreAllowed(_ fence: String) {
        for newline in ["\n", "\r\n", "\r"] {
            var diagnostics = DiagnosticList()
            let text = [fence, "title: T", fence, "Body."].joined(separator: newline)
            let parsed = FrontMatter.parse(text, file: "content/a.md", diagnostics: &diagnostics)
            #expect(
                parsed?.0.title == "T", "\(fence.unicodeScalars.map(\.value)) \(newline.unicodeScalars.map(\.value))")
            #expect(parsed?.bodyLineOffset == 3)
            #expect(parsed?.body.trimmingCharacters(in: .whitespacesAndNewlines) == "Body.")
        }
    }

    @Test(arguments: ["----", "-- -", "---x", "x---", "-\t--", "-\u{00A0}--", "---é", "Ω---", "--", "---\u{00A0}-"])
    func otherLinesAreNotFences(_ line: String) {
        var diagnostics = DiagnosticList()
        let parsed = FrontMatter.parse(
            "\(line)\ntitle: T\n\(line)\nBody.", file: "content/a.md", diagnostics: &diagnostics)
        #expect(parsed == nil)
        #expect(diagnostics.hasErrors)
    }
}
