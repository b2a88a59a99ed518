import Foundation
import SiteCore
import SiteOutput
import Testing

@testable import SiteBuilder

/// Pages are found in the build cache by what they are made from (`PageInputKeys`) before their
/// models are built. Each key must change when anything the page is made from changes, and only
/// then; the site's bytes must stay those of an uncached build.
extension BuildCacheTests {
    /// The page files of the memo by their key of what they are made from (`input <hash>`); with
    /// a `kind`, the files of a stage keyed that way (`input <kind> <hash>`) by theirs.
    func inputKeys(memo: URL, kind: String? = nil) throws -> [String: String] {
        var keys: [String: String] = [:]
        for line in try String(contentsOf: memo, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 7 else { continue }
            let words = fields[0].split(separator: " ")
            guard words.first == "input", kind.map({ words.count == 3 && words[1] == $0 }) ?? (words.count == 2)
            else { continue }
            keys[String(fields[1])] = String(fields[0])
        }
        return keys
    }

    func expectSame(_ site: URL, asUncachedOf folders: Folders, after step: String) throws {
        try? FileManager.default.removeItem(at: folders.fresh)
        try build(folders, into: folders.fresh, cached: false)
        let cached = files(site)
        let fresh = files(folders.fresh)
        #expect(cached.keys.sorted() == fresh.keys.sorted(), "after \(step): not the same files")
        let differing = fresh.keys.filter { cached[$0] != nil && cached[$0] != fresh[$0] }.sorted()
        #expect(differing.isEmpty, "after \(step): cached build differs in \(differing)")
    }

    /// Every source file last changed an hour ago: stamps name their versions (a file changed in
    /// the last seconds is read instead, since a second change in the same tick would keep its stamp).
    func age(_ folders: Folders, by seconds: TimeInterval = 3_600) throws {
        let manager = FileManager.default
        let walker = manager.enumerator(atPath: folders.source.path)
        while let relative = walker?.nextObject() as? String {
            try manager.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -seconds)],
                ofItemAtPath: folders.source.path + "/" + relative)
        }
    }

    @Test func aPageIsFoundByWhatItIsMadeFromAndOnlyItsOwnTextMovesItsKey() throws {
        let folders = try Folders(fixture: "sites/typed")
        defer { try? FileManager.default.removeItem(at: folders.root) }
        // The site is written below the site folder, as `make site` does: it is not an input.
        let site = folders.source.appendingPathComponent("site")
        // Untranslated pages link to the start of their translation on the repository host.
        try folders.append("config.yaml", "repository: {url: \"https://github.com/example/typed\", branch: main}\n")
        let memo = OutputWriter(destination: site.path, source: folders.source.path).memoFile
        try age(folders)
        try build(folders, into: site, cached: true)
        try build(folders, into: site, cached: true)
        let first = try inputKeys(memo: memo)
        let pages = files(site).keys.filter { $0.hasSuffix("index.html") && !$0.hasPrefix("Q/") }
        #expect(!first.isEmpty)
        #expect(Set(first.keys).isSubset(of: Set(pages)))
        // The printed codes' pages, posters and sheets: one key, of the structure.
        let codes = try inputKeys(memo: memo, kind: "stage")
        let codeFiles = files(site).keys.filter { $0.hasPrefix("Q/") || $0.contains("/qr/") }
        #expect(!codeFiles.isEmpty && Set(codes.keys) == Set(codeFiles), "\(codes.keys.sorted())")
        #expect(Set(codes.values).count == 1)
        // Each language's search index: one key, of the structure and its pages' texts.
        let search = try inputKeys(memo: memo, kind: "search")
        let searchFiles = files(site).keys.filter { $0.contains("/search/") && $0.hasSuffix(".json") }
        #expect(!searchFiles.isEmpty && Set(search.keys) == Set(searchFiles))
        func searchKey(_ language: String, _ keys: [String: String]) -> Set<String> {
            Set(keys.filter { $0.key.hasPrefix(language + "/search/") }.values)
        }
        #expect(searchKey("en", search).count == 1 && searchKey("fr", search).count == 1)

        // Nothing changed, the site rewritten in between: the same keys, every page taken as it was.
        try build(folders, into: site, cached: true)
        #expect(try inputKeys(memo: memo) == first)
        try expectSame(site, asUncachedOf: folders, after: "nothing changed")

        // A page's text: the keys of the pages made from that file move, no other.
        try folders.append("content/partners/alpha.md", "\nIt trains oncologists.\n")
        try build(folders, into: site, cached: true)
        let afterBody = try inputKeys(memo: memo)
        let moved = first.keys.filter { afterBody[$0] != first[$0] }.sorted()
        #expect(!moved.isEmpty)
        #expect(moved.allSatisfy { $0.contains("/partners/alpha/") }, "\(moved)")
        #expect(try inputKeys(memo: memo, kind: "stage") == codes, "the codes' files read no page's text")
        // The English text changed; the French index shows the French translation of that page.
        let searchAfterBody = try inputKeys(memo: memo, kind: "search")
        #expect(searchKey("en", searchAfterBody) != searchKey("en", search))
        #expect(searchKey("fr", searchAfterBody) == searchKey("fr", search))
        try expectSame(site, asUncachedOf: folders, after: "a body")

        // A template, edited to the same size and its time set back to a second after the time
        // it had: only its stamp tells, and every key moves.
        let template = folders.file("themes/minimal/layouts/base.mustache").path
        let time = try FileManager.default.attributesOfItem(atPath: template)[.modificationDate] as? Date
        try folders.replace("themes/minimal/layouts/base.mustache", "</body>", "</BODY>")
        try FileManager.default.setAttributes(
            [.modificationDate: (time ?? Date()).addingTimeInterval(1)], ofItemAtPath: template)
        try build(folders, into: site, cached: true)
        let afterTemplate = try inputKeys(memo: memo)
        #expect(afterTemplate.keys.allSatisfy { afterTemplate[$0] != afterBody[$0] })
        let codesAfterTemplate = try inputKeys(memo: memo, kind: "stage")
        #expect(codesAfterTemplate.keys.sorted() == codes.keys.sorted())
        #expect(codesAfterTemplate.allSatisfy { codes[$0.key] != $0.value })
        try expectSame(site, asUncachedOf: folders, after: "a template")

        // A blank after the opening `---`: front matter and text read the same, only the whole
        // file's hash tells, which the untranslated French section page puts in the link that
        // starts its translation.
        let frenchSection = { self.files(site)["fr/centres/index.html"].map { String(decoding: $0, as: UTF8.self) } }
        let linkBefore = frenchSection()
        #expect(linkBefore?.contains("typed/new/main") == true)
        try folders.edit("content/centres/_index.md") { "--- " + $0.dropFirst(3) }
        try build(folders, into: site, cached: true)
        let afterFence = try inputKeys(memo: memo)
        let movedByFence = afterTemplate.keys.filter { afterFence[$0] != afterTemplate[$0] }
        #expect(
            !movedByFence.isEmpty && movedByFence.allSatisfy { $0.hasSuffix("centres/index.html") }, "\(movedByFence)")
        #expect(frenchSection() != linkBefore)
        try expectSame(site, asUncachedOf: folders, after: "a blank after the fence")

        // Front matter: every key moves (the page is listed elsewhere), and the site is right.
        try folders.replace("content/partners/beta.md", "title: Beta", "title: Beta Group")
        try build(folders, into: site, cached: true)
        let afterTitle = try inputKeys(memo: memo)
        #expect(afterTitle.keys.allSatisfy { afterTitle[$0] != afterFence[$0] })
        let codesAfterTitle = try inputKeys(memo: memo, kind: "stage")
        #expect(searchKey("fr", try inputKeys(memo: memo, kind: "search")) != searchKey("fr", search))
        #expect(codesAfterTitle.keys.sorted() == codes.keys.sorted())
        #expect(codesAfterTitle.allSatisfy { codesAfterTemplate[$0.key] != $0.value })
        try expectSame(site, asUncachedOf: folders, after: "a title")

        // The title undone: the structure is as it was two builds ago, whose key for the codes'
        // files none of them keeps (each was made again or found by its own model), so none is
        // taken for the whole.
        try folders.replace("content/partners/beta.md", "title: Beta Group", "title: Beta")
        try build(folders, into: site, cached: true)
        try expectSame(site, asUncachedOf: folders, after: "the title undone")
    }

    /// The site folder's files are named by stamps that `chmod` moves too, and a folder with a
    /// symbolic link gets no names at all (a linked folder's files are not walked).
    @Test func filesAreNamedByStampsWithChangeTimesAndNotThroughLinks() throws {
        let folders = try Folders(fixture: "sites/typed")
        defer { try? FileManager.default.removeItem(at: folders.root) }
        try age(folders)
        let context = Fixtures.context(LocalFileSystem(root: folders.source.path))
        // Seen from ten seconds on, no file changed in the last two (setting a time is a change).
        let later = Date(timeIntervalSinceNow: 10)
        let named = try #require(PageInputKeys.files(context: context, outputFolder: nil, now: later))
        #expect(PageInputKeys.files(context: context, outputFolder: nil, now: later) == named)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600], ofItemAtPath: folders.file("config.yaml").path)
        let afterChmod = try #require(PageInputKeys.files(context: context, outputFolder: nil, now: later))
        #expect(afterChmod != named)
        // A page's text is not a name: editing it leaves the names alone (its key holds it).
        try folders.append("content/centres/lisbon.md", "\nMore.\n")
        #expect(PageInputKeys.files(context: context, outputFolder: nil, now: later) == afterChmod)
        try FileManager.default.createSymbolicLink(
            atPath: folders.file("themes/linked").path, withDestinationPath: folders.file("themes/minimal").path)
        #expect(PageInputKeys.files(context: context, outputFolder: nil, now: later) == nil)
    }
}
