import Foundation
import MarkdownRendering
import Testing

@testable import SiteBuilder

#if canImport(Glibc)
    import Glibc
#endif

/// The build cache's parsed Markdown (`MarkdownCache`): what a build stores, the next reads back;
/// a file it cannot trust is not used, and a damaged entry is parsed again.
@Suite struct MarkdownCacheTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("markdown-cache-\(UUID().uuidString)")
    var file: URL { folder.appendingPathComponent("markdown.cache") }
    let texts = ["# One\n\nA [link](two.md).", "## Two\n\nText.", "Three, with ![a photo](p.jpg)."]

    func stored(_ cache: MarkdownCache) -> [(key: MarkdownCache.Key, document: MarkdownDocument)] {
        texts.map { (MarkdownCache.Key(body: $0, allowRawHTML: false), MarkdownRenderer().parse($0)) }
    }

    @Test func readsBackWhatItStored() throws {
        let cache = MarkdownCache(file: file, generator: "tests 1")
        #expect(cache.open() == nil)
        cache.save(stored(cache))
        let opened = try #require(cache.open())
        #expect(opened.count == texts.count)
        for text in texts {
            let document = try #require(opened.document(for: MarkdownCache.Key(body: text, allowRawHTML: false)))
            #expect(document.renderHTML() == MarkdownRenderer().parse(text).renderHTML())
        }
        // Another text, or the same text parsed with raw HTML allowed, is not in it.
        #expect(opened.document(for: MarkdownCache.Key(body: "# One", allowRawHTML: false)) == nil)
        #expect(opened.document(for: MarkdownCache.Key(body: texts[0], allowRawHTML: true)) == nil)
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func aFileItCannotTrustIsNotUsed() throws {
        let cache = MarkdownCache(file: file, generator: "tests 1")
        cache.save(stored(cache))
        // Another program's parse (another executable or cmark-gfm) is not this one's.
        #expect(MarkdownCache(file: file, generator: "tests 2").open() == nil)
        let bytes = try Data(contentsOf: file)
        // Cut short anywhere: the index at the end is not whole.
        for end in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)) {
            try bytes.prefix(end).write(to: file)
            #expect(cache.open() == nil, "cut at \(end) of \(bytes.count)")
        }
        // A damaged document is parsed again; the others are still read.
        var damaged = bytes
        let header = "interact-site markdown cache 1\ntests 1\n".utf8.count
        damaged[header + 20] ^= 0x01
        try damaged.write(to: file)
        let opened = try #require(cache.open())
        let found = texts.filter { opened.document(for: MarkdownCache.Key(body: $0, allowRawHTML: false)) != nil }
        #expect(found.count == texts.count - 1)
        try? FileManager.default.removeItem(at: folder)
    }

    /// A later build's new pages are added at the end with a new index; a page no longer used
    /// drops out of the index; a file mostly of pages no longer used is written whole again.
    @Test func aLaterBuildAppendsWhatItParsedAndCompactsWhenMostIsUnused() throws {
        let cache = MarkdownCache(file: file, generator: "tests 1")
        let key = { (text: String) in MarkdownCache.Key(body: text, allowRawHTML: false) }
        let entry = { (text: String) in (key: key(text), document: MarkdownRenderer().parse(text)) }
        let many = (0..<40).map { "Page \($0): " + String(repeating: "words and more words ", count: 20) }
        cache.save(many.map(entry))
        let before = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
        let edited = "Page 0: edited."
        cache.update(try #require(cache.open()), to: ([edited] + many.dropFirst()).map(entry))
        let after = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
        // Appended: the file grew by the one new page, it was not written again smaller.
        #expect(after > before && after < before + 400, "\(before) -> \(after)")
        var opened = try #require(cache.open())
        #expect(opened.count == many.count)
        #expect(opened.document(for: key(many[0])) == nil)
        for text in [edited] + many.dropFirst() {
            let document = try #require(opened.document(for: key(text)))
            #expect(document.renderHTML() == MarkdownRenderer().parse(text).renderHTML())
        }
        // Cut anywhere in what the update wrote: not used.
        let bytes = try Data(contentsOf: file)
        for end in [before - 30, before, after - 1] {
            try bytes.prefix(end).write(to: file)
            #expect(cache.open() == nil, "cut at \(end)")
        }
        try bytes.write(to: file)
        // Three pages left of forty: written whole again, holding only them.
        opened = try #require(cache.open())
        cache.update(opened, to: many.suffix(3).map(entry))
        let compacted = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
        #expect(compacted < before / 5, "\(compacted)")
        #expect(try #require(cache.open()).count == 3)
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func whatAKilledWriteLeftIsRemoved() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // No process has this number (above the kernel's pid_max); a running one's is kept.
        let stopped = folder.appendingPathComponent(".markdown.cache.tmp-2147483000")
        try Data("half".utf8).write(to: stopped)
        let running = folder.appendingPathComponent(".markdown.cache.tmp-\(getppid())")
        try Data("other".utf8).write(to: running)
        let cache = MarkdownCache(file: file, generator: "tests 1")
        cache.save(stored(cache))
        #expect(FileManager.default.fileExists(atPath: stopped.path))
        // The next build, opening it, removes it.
        #expect(cache.open()?.count == texts.count)
        #expect(!FileManager.default.fileExists(atPath: stopped.path))
        #expect(FileManager.default.fileExists(atPath: running.path))
        try? FileManager.default.removeItem(at: folder)
    }
}
