import SiteCore
import Testing

@testable import SiteOutput

/// The memo is read on every build over a live site; what it holds must come back as written, and
/// a memo with a line that is not one (a number that is not one) is not trusted at all.
@Suite struct OutputMemoTests {
    private func memo() -> OutputMemo {
        var memo = OutputMemo(generator: "test 1")
        memo.record(
            "en/index.html", key: "page 0123456789abcdef",
            identity: .init(
                device: .max, inode: 42, size: 1_234, modifiedSeconds: -5, modifiedNanoseconds: 999_999_999))
        memo.record(
            "en/partners/index.html", key: "page 0123456789abcdef",
            identity: .init(device: 0, inode: 7, size: 0, modifiedSeconds: .max, modifiedNanoseconds: 0))
        memo.record(
            "ελληνικά/σελίδα.html", key: "search el 00ff",
            identity: .init(device: 1, inode: 2, size: 3, modifiedSeconds: .min, modifiedNanoseconds: 4))
        return memo
    }

    @Test func readsBackWhatItWrote() {
        let text = memo().text
        let read = OutputMemo.read(text, generator: "test 1")
        #expect(read.entries.values.map(\.count).reduce(0, +) == 3)
        #expect(read.text == text)
        #expect(OutputMemo.read(text, generator: "test 2").entries.isEmpty)
    }

    /// A memo whose checksum matches but whose line is damaged (as no build writes one).
    @Test(arguments: ["12a", "", "-", "18446744073709551616", "+5", " 5"])
    func aLineWithAFieldThatIsNotANumberEmptiesIt(_ field: String) {
        let text = memo().text
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast(2)  // The end line and what follows its line feed.
        var fields = lines[2].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        fields[3] = field
        lines[2] = fields.joined(separator: "\t")
        let body = lines.joined(separator: "\n") + "\n"
        let damaged = body + "end\t\(lines.count - 2)\t\(StableHash.of(body))\n"
        #expect(OutputMemo.read(damaged, generator: "test 1").entries.isEmpty)
        #expect(!OutputMemo.read(text, generator: "test 1").entries.isEmpty)
    }
}
