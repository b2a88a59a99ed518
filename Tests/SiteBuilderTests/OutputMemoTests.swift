import Foundation
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

    /// A file taken from the live site keeps the other keys it was recorded under only when they
    /// name none but files taken with it: a stage's key carried by some of its files would name
    /// part of what the stage made, and a later build would take that part for the whole.
    @Test func aReusedFileKeepsOnlyKeysWhoseFilesComeWithIt() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("memo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        var memo = OutputMemo(generator: "test 1")
        for name in ["poster-a.html", "poster-b.html", "k-1.json", "k-2.json", "t.json"] {
            try Data(name.utf8).write(to: site.appendingPathComponent(name))
            let identity = try #require(OutputMemo.Identity.of(site.appendingPathComponent(name).path))
            func record(_ key: String) { memo.record(name, key: key, identity: identity) }
            if name.hasPrefix("poster") {
                record("page \(name)")
                record("stage qr")
            } else {
                record("search en")
                if name.hasPrefix("k-") { record("typos en") }
            }
        }
        let poster = try #require(memo.unchangedFile("poster-a.html", under: "page poster-a.html", in: site.path))
        #expect(poster.otherMemoKeys.isEmpty, "the stage's key names poster-b too")
        let stage = try #require(memo.unchangedFiles(under: "stage qr", in: site.path))
        #expect(stage.map(\.otherMemoKeys) == [["page poster-a.html"], ["page poster-b.html"]])
        let index = try #require(memo.unchangedFiles(under: "search en", in: site.path))
        #expect(
            Dictionary(uniqueKeysWithValues: index.map { ($0.path, $0.otherMemoKeys) }) == [
                "k-1.json": ["typos en"], "k-2.json": ["typos en"], "t.json": [],
            ])
        let typos = try #require(memo.unchangedFiles(under: "typos en", in: site.path))
        #expect(typos.allSatisfy { $0.otherMemoKeys.isEmpty }, "the index's key names t.json too")
    }
}
