import Foundation
import SiteBuilder
import SiteCore
import SiteOutput
import Testing

/// The build cache (`OutputMemo` in `.cache/build/`): a build over the previous site takes the
/// files whose inputs did not change from it. Every cached build must give the bytes an uncached
/// build of the same sources gives, through any sequence of edits.
@Suite(.serialized) struct BuildCacheTests {
    struct Folders {
        let root: URL
        var source: URL { root.appendingPathComponent("source") }
        var site: URL { root.appendingPathComponent("site") }
        var fresh: URL { root.appendingPathComponent("fresh") }
        var memo: URL { OutputWriter(destination: site.path, source: source.path).memoFile }
        var markdownCache: URL { memo.deletingLastPathComponent().appendingPathComponent("markdown.cache") }

        init(fixture: String) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent(fixture), to: source)
            try FileManager.default.createDirectory(
                at: source.appendingPathComponent("themes"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: Fixtures.root.appendingPathComponent("theme"), to: source.appendingPathComponent("themes/minimal"))
        }

        func file(_ path: String) -> URL { source.appendingPathComponent(path) }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let text = try String(contentsOf: file(path), encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit of \(path) changed nothing")
            try Data(changed.utf8).write(to: file(path))
        }

        func append(_ path: String, _ text: String) throws { try edit(path) { $0 + text } }

        func replace(_ path: String, _ old: String, _ new: String) throws {
            try edit(path) { $0.replacingOccurrences(of: old, with: new) }
        }

        func move(_ path: String, to newPath: String) throws {
            try FileManager.default.moveItem(at: file(path), to: file(newPath))
        }

        func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(
                at: file(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file(path))
        }
    }

    /// Builds `source` into `output` as the `build` command does; with `cached`, through the
    /// build cache. Returns how many files came from the cache.
    @discardableResult
    func build(_ folders: Folders, into output: URL, cached: Bool) throws -> Int {
        var writer = OutputWriter(destination: output.path, source: folders.source.path)
        writer.usesBuildCache = cached
        writer.generator = "tests"
        let staged = try writer.begin()
        do {
            _ = try SiteBuilder(context: Fixtures.context(LocalFileSystem(root: folders.source.path)))
                .build(into: staged)
            try staged.commit()
        } catch {
            staged.discard()
            throw error
        }
        return staged.reusedCount
    }

    /// The first two builds of a fresh site: the first has no previous site and records nothing
    /// (a build on a fresh checkout is usually the only one); the second records the memo.
    func warmUp(_ folders: Folders) throws {
        #expect(try build(folders, into: folders.site, cached: true) == 0)
        #expect(!FileManager.default.fileExists(atPath: folders.memo.path))
        #expect(!FileManager.default.fileExists(atPath: folders.markdownCache.path))
        #expect(try build(folders, into: folders.site, cached: true) == 0)
        #expect(FileManager.default.fileExists(atPath: folders.memo.path))
        // The later builds read the pages' parsed Markdown from the cache.
        #expect(FileManager.default.fileExists(atPath: folders.markdownCache.path))
    }

    func files(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let root = folder.path + "/"
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + relative, isDirectory: &isFolder), !isFolder.boolValue {
                files[relative] = FileManager.default.contents(atPath: root + relative)
            }
        }
        return files
    }

    /// The cached site equals an uncached build of the same sources, file for file.
    func expectSameAsUncached(_ folders: Folders, after step: String) throws {
        try? FileManager.default.removeItem(at: folders.fresh)
        try build(folders, into: folders.fresh, cached: false)
        let cached = files(folders.site)
        let fresh = files(folders.fresh)
        #expect(cached.keys.sorted() == fresh.keys.sorted(), "after \(step): not the same files")
        let differing = fresh.keys.filter { cached[$0] != nil && cached[$0] != fresh[$0] }.sorted()
        #expect(differing.isEmpty, "after \(step): cached build differs in \(differing)")
    }

    @Test func twentyEditsGiveTheBytesOfUncachedBuilds() throws {
        let folders = try Folders(fixture: "sites/typed")
        defer { try? FileManager.default.removeItem(at: folders.root) }
        try warmUp(folders)
        try expectSameAsUncached(folders, after: "the first builds")
        let total = files(folders.site).count

        // Each edit, and whether the build must have taken files from the cache.
        let base = "themes/minimal/layouts/base.mustache"
        let news = "---\ntitle: Second\ndate: 2024-03-01\n---\nMore news about alpha.\n"
        let translation = "---\ntitle: Écouter\n---\nÉcouter le patient.\n"
        let edits: [(String, () throws -> Void)] = [
            ("nothing changed", {}),
            ("a body", { try folders.append("content/partners/alpha.md", "\nIt trains oncologists.\n") }),
            ("a title", { try folders.replace("content/partners/beta.md", "title: Beta", "title: Beta Group") }),
            ("a translation's body", { try folders.append("content/partners/alpha.fr.md", "\nElle forme.\n") }),
            ("a rename", { try folders.move("content/partners/gamma.md", to: "content/partners/gamma-society.md") }),
            ("a deletion", { try FileManager.default.removeItem(at: folders.file("content/centres/lisbon.md")) }),
            ("a layout", { try folders.replace("layouts/partner.mustache", "{{", "<!-- partner -->{{") }),
            ("a theme template", { try folders.replace(base, "</body>", "<p>v2</p></body>") }),
            ("a string", { try folders.replace("i18n/fr.yaml", "\"Publié\"", "\"Paru\"") }),
            ("a schema", { try folders.append("schemas/partner.yaml", "  motto: {type: string}\n") }),
            ("a new page", { try folders.write("content/news/second.md", news) }),
            ("the site title", { try folders.replace("config.yaml", "title: Typed site", "title: Typed, renamed") }),
            ("a section's title", { try folders.replace("content/news/_index.md", "title: ", "title: Latest ") }),
            ("a link", { try folders.append("content/units/talking.md", "\nSee [Alpha](../partners/alpha.md).\n") }),
            ("a listed field", { try folders.replace("content/partners/alpha.md", "country: BE", "country: NL") }),
            ("a body undone", { try folders.replace("content/partners/alpha.md", "\nIt trains oncologists.\n", "") }),
            ("a new translation", { try folders.write("content/competencies/listen.fr.md", translation) }),
            (
                "a draft",
                { try folders.replace("content/news/second.md", "title: Second", "title: Second\ndraft: true") }
            ),
            ("a body edited again", { try folders.append("content/partners/alpha.fr.md", "\nEncore.\n") }),
            (
                "the new page removed",
                { try FileManager.default.removeItem(at: folders.file("content/news/second.md")) }
            ),
        ]
        #expect(edits.count == 20)
        var reusedByEdit: [String: Int] = [:]
        for (name, edit) in edits {
            try edit()
            reusedByEdit[name] = try build(folders, into: folders.site, cached: true)
            try expectSameAsUncached(folders, after: name)
        }
        // The cache was used where it can be, and not where everything changed.
        #expect(reusedByEdit["nothing changed"] ?? 0 >= total / 3, "\(reusedByEdit)")
        #expect(reusedByEdit["a body"] ?? 0 > 0)
        #expect(reusedByEdit["a translation's body"] ?? 0 > 0)
        #expect(reusedByEdit["a theme template"] ?? 1 < reusedByEdit["a body"] ?? 0)
    }

    /// A language's typo index depends on its words alone: an edit that adds none takes the live
    /// site's typo files from the cache, one that adds a word makes them again; both give the
    /// bytes of an uncached build.
    @Test func theTypoIndexIsKeptWhileTheWordsAreTheSame() throws {
        let folders = try Folders(fixture: "sites/typed")
        defer { try? FileManager.default.removeItem(at: folders.root) }
        try warmUp(folders)
        let typoFiles = try FileManager.default.contentsOfDirectory(
            atPath: folders.site.appendingPathComponent("en/search/k").path)
        #expect(!typoFiles.isEmpty)

        // Words the English pages already have: weights change, words do not.
        try folders.append("content/partners/alpha.md", "\nAlpha is a society, a society.\n")
        let withoutNewWord = try build(folders, into: folders.site, cached: true)
        try expectSameAsUncached(folders, after: "an edit with no new word")

        try folders.append("content/partners/alpha.md", "\nIt trains radiotherapists.\n")
        let withNewWord = try build(folders, into: folders.site, cached: true)
        try expectSameAsUncached(folders, after: "an edit with a new word")
        // The same files change but for the typo index (the edited page, the language's other
        // index files, its translation's status).
        #expect(withoutNewWord >= withNewWord + typoFiles.count, "\(withoutNewWord) \(withNewWord)")

        // Kept again after a build that took the whole index from the cache (it keeps both keys).
        try build(folders, into: folders.site, cached: true)
        try folders.append("content/partners/alpha.md", "\nIt trains.\n")
        let again = try build(folders, into: folders.site, cached: true)
        try expectSameAsUncached(folders, after: "an edit with no new word again")
        #expect(again >= withNewWord + typoFiles.count, "\(again) \(withNewWord)")
    }

    /// A static file where the build makes a file of its own (here the search index's manifest)
    /// is an error naming the file, with or without the cache: in a reused site it used to replace
    /// the generated file (and stay after the static file was removed), in a new one the write
    /// failed with "File exists".
    @Test func aStaticFileWhereTheBuildMakesOneIsAnError() throws {
        let folders = try Folders(fixture: "sites/typed")
        defer { try? FileManager.default.removeItem(at: folders.root) }
        try warmUp(folders)
        try folders.write("static/en/search/index.json", "{}")
        for cached in [true, false] {
            let failure = try #require(throws: BuildFailure.self) {
                try build(folders, into: cached ? folders.site : folders.fresh, cached: cached)
            }
            let errors = failure.diagnostics.filter { $0.severity == .error }
            let problem = try #require(errors.first)
            #expect(errors.count == 1)
            #expect(problem.position.file == "static/en/search/index.json", "\(problem)")
            #expect(problem.message.contains("/en/search/index.json"))
        }
        try FileManager.default.removeItem(at: folders.file("static/en"))
        try build(folders, into: folders.site, cached: true)
        try expectSameAsUncached(folders, after: "the static file removed")
    }

    @Test func aMemoCutShortFromAnotherProgramOrLeftByAKilledBuildIsNotTrusted() throws {
        let folders = try Folders(fixture: "sites/typed")
        defer { try? FileManager.default.removeItem(at: folders.root) }
        try warmUp(folders)
        let memo = try Data(contentsOf: folders.memo)
        #expect(try build(folders, into: folders.site, cached: true) > 0)

        // Cut short (a disk that filled up): ignored whole.
        try memo.prefix(memo.count / 2).write(to: folders.memo)
        #expect(try build(folders, into: folders.site, cached: true) == 0)
        try expectSameAsUncached(folders, after: "a memo cut short")

        // Written by another version of the program: ignored.
        let current = try String(contentsOf: folders.memo, encoding: .utf8)
        try Data(current.replacingOccurrences(of: "generator\ttests", with: "generator\told").utf8).write(
            to: folders.memo)
        #expect(try build(folders, into: folders.site, cached: true) == 0)

        // A build killed after swapping its site in, before writing its memo, leaves the memo of
        // the site before: its entries for files that changed no longer match them.
        let before = try Data(contentsOf: folders.memo)
        try folders.append("content/partners/alpha.md", "\nA new paragraph.\n")
        try folders.replace("themes/minimal/layouts/base.mustache", "</body>", "<p>v3</p></body>")
        try build(folders, into: folders.site, cached: true)
        try before.write(to: folders.memo)
        try build(folders, into: folders.site, cached: true)
        try expectSameAsUncached(folders, after: "a stale memo")

        // A killed build's half-written memo beside the real one: removed, and not read.
        let stray = URL(fileURLWithPath: folders.memo.path + ".tmp-999999")
        try Data("interact-site build memo 1\n".utf8).write(to: stray)
        #expect(try build(folders, into: folders.site, cached: true) > 0)
        #expect(!FileManager.default.fileExists(atPath: stray.path))
    }

    @Test func aSiteFileChangedByHandIsMadeAgain() throws {
        let folders = try Folders(fixture: "sites/typed")
        defer { try? FileManager.default.removeItem(at: folders.root) }
        try warmUp(folders)
        let page = folders.site.appendingPathComponent("en/partners/alpha/index.html")
        let handle = try FileHandle(forWritingTo: page)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("<!-- edited on the server -->".utf8))
        try handle.close()
        let search = try #require(
            FileManager.default.enumerator(atPath: folders.site.appendingPathComponent("en/search").path)?
                .allObjects.compactMap { $0 as? String }.first { $0.hasSuffix(".json") })
        try FileManager.default.removeItem(at: folders.site.appendingPathComponent("en/search/" + search))
        try build(folders, into: folders.site, cached: true)
        try expectSameAsUncached(folders, after: "editing the built site")
    }
}

extension BuildCacheTests {
    @Test func aLiveFileReplacedWhileABuildRunsFailsItRatherThanBePublished() throws {
        let folders = try Folders(fixture: "sites/typed")
        defer { try? FileManager.default.removeItem(at: folders.root) }
        try warmUp(folders)
        let path = "en/partners/alpha/index.html"
        let memo = try String(contentsOf: folders.memo, encoding: .utf8)
        let line = try #require(memo.split(separator: "\n").first { $0.contains("\t\(path)\t") })
        let key = String(line.split(separator: "\t")[0])
        // Without the spare (which holds the recorded file itself, and would be kept), the file
        // must be linked from the live site.
        try FileManager.default.removeItem(at: OutputWriter.spare(of: folders.site))
        var writer = OutputWriter(destination: folders.site.path, source: folders.source.path)
        writer.usesBuildCache = true
        writer.generator = "tests"
        let staged = try writer.begin()
        let reused = try #require(staged.unchangedFile(path, under: key))
        // Between the build's look at the live site and its writer's link: another build, a deploy.
        let live = folders.site.appendingPathComponent(path)
        try FileManager.default.removeItem(at: live)
        try Data("replaced".utf8).write(to: live)
        staged.add([reused])
        #expect(throws: BuildFailure.self) { try staged.commit() }
        #expect(try String(contentsOf: live, encoding: .utf8) == "replaced")
    }

    @Test func aBuildWithoutTheCacheRemovesTheMemoOfTheSiteItReplaces() throws {
        let folders = try Folders(fixture: "sites/typed")
        defer { try? FileManager.default.removeItem(at: folders.root) }
        try warmUp(folders)
        #expect(FileManager.default.fileExists(atPath: folders.memo.path))
        try build(folders, into: folders.site, cached: false)
        #expect(!FileManager.default.fileExists(atPath: folders.memo.path))
        #expect(try build(folders, into: folders.site, cached: true) == 0)
    }
}

@Suite struct RunningProgramTests {
    @Test func namesTheExecutableAndTheLibrariesThatMakeTheOutput() {
        let files = OutputWriter.programFiles()
        #expect(files.first?.hasSuffix("xctest") == true || files.first?.contains("PackageTests") == true)
        for library in ["libcmark-gfm", "libstemmer", "libqrencode", "libvips"] {
            #expect(files.contains { $0.contains(library) }, "\(library) is not in \(files)")
        }
        #expect(OutputWriter.runningProgram() == OutputWriter.runningProgram())
        #expect(OutputWriter.runningProgram().hasPrefix(files[0] + " "))
    }
}
