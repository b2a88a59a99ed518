import Foundation
import SiteBuilder
import SiteCore
import SiteOutput
import Testing

/// The write stage swaps in a complete new site; unchanged files are hard-linked from the old one.
@Suite struct OutputWriterTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func inode(_ url: URL) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    @Test func aSecondWriteReplacesTheSiteAndReusesUnchangedFiles() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appendingPathComponent("source")
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        let writer = OutputWriter(destination: site.path, source: source.path)
        try writer.write([
            OutputFile(path: "en/index.html", text: "home"), OutputFile(path: "en/a/index.html", text: "a"),
            OutputFile(path: "en/gone/index.html", text: "gone"),
        ])
        let unchanged = try inode(site.appendingPathComponent("en/index.html"))
        try writer.write([
            OutputFile(path: "en/index.html", text: "home"), OutputFile(path: "en/a/index.html", text: "a, changed"),
            OutputFile(path: "en/b/index.html", text: "b"),
        ])
        func text(_ path: String) -> String? {
            try? String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
        }
        #expect(text("en/index.html") == "home")
        #expect(text("en/a/index.html") == "a, changed")
        #expect(text("en/b/index.html") == "b")
        #expect(text("en/gone/index.html") == nil)
        #expect(try inode(site.appendingPathComponent("en/index.html")) == unchanged)
        // Beside the site: only the spare (the site replaced), no temporary folder.
        let beside = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(beside == [".site.spare", "site", "source"])
    }

    /// A file is taken from the live site only when it is a regular file with the same bytes:
    /// not through a symbolic link, not a pipe (which must not block the build), not a folder.
    @Test func sameBytesMeansTheRegularFileItself() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("page.html")
        try Data("home".utf8).write(to: file)
        #expect(StagedOutput.hasSameBytes(file.path, as: Data("home".utf8)))
        #expect(!StagedOutput.hasSameBytes(file.path, as: Data("hom".utf8)))
        #expect(!StagedOutput.hasSameBytes(file.path, as: Data("hone".utf8)))
        let empty = root.appendingPathComponent("empty.html")
        try Data().write(to: empty)
        #expect(StagedOutput.hasSameBytes(empty.path, as: Data()))
        let link = root.appendingPathComponent("link.html")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        #expect(!StagedOutput.hasSameBytes(link.path, as: Data("home".utf8)))
        let pipe = root.appendingPathComponent("pipe.html")
        #expect(mkfifo(pipe.path, 0o644) == 0)
        #expect(!StagedOutput.hasSameBytes(pipe.path, as: Data()))
        #expect(!StagedOutput.hasSameBytes(root.path, as: Data()))
        #expect(!StagedOutput.hasSameBytes(root.appendingPathComponent("missing").path, as: Data()))
    }

    /// Two files for one path fail the build, over a reused site as in a new folder (a reused
    /// site would otherwise keep the second silently), and the live site stays.
    @Test func twoFilesForOnePathFailTheBuild() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let writer = OutputWriter(destination: site.path, source: root.appendingPathComponent("source").path)
        for _ in 0..<3 { try writer.write([OutputFile(path: "en/index.html", text: "home")]) }
        #expect(throws: (any Error).self) {
            try writer.write([
                OutputFile(path: "en/index.html", text: "home"), OutputFile(path: "en/index.html", text: "other"),
            ])
        }
        #expect(try String(contentsOf: site.appendingPathComponent("en/index.html"), encoding: .utf8) == "home")
    }

    @Test func theOutputCannotBeTheSourceFolder() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: BuildFailure.self) {
            try OutputWriter(destination: root.path, source: root.appendingPathComponent("sub").path).write([])
        }
    }

    func filesOnDisk(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    /// Also with room for one byte between the build and the disk: every `add` then waits for
    /// the writes before it, and the build must still finish with every file.
    @Test(arguments: [64 << 20, 1])
    func aStreamedBuildWritesTheSameFilesAsABuildInMemory(pendingLimit: Int) throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let context = Fixtures.context(Fixtures.fileSystem("sites/multilingual"))
        let inMemory = try SiteBuilder(context: context).build()
        var writer = OutputWriter(destination: site.path, source: root.appendingPathComponent("src").path)
        writer.pendingLimit = pendingLimit
        let output = try writer.begin()
        let streamed = try SiteBuilder(context: context).build(into: output)
        try output.commit()
        #expect(streamed.files.isEmpty)
        #expect(streamed.fileCount == inMemory.files.count)
        let expected = Dictionary(uniqueKeysWithValues: inMemory.files.map { ($0.path, $0.contents) })
        #expect(try filesOnDisk(site) == expected)
    }

    @Test func aDiscardedOutputLeavesThePreviousSite() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let writer = OutputWriter(destination: site.path, source: root.appendingPathComponent("src").path)
        try writer.write([OutputFile(path: "en/index.html", text: "old")])
        let output = try writer.begin()
        output.add([OutputFile(path: "en/index.html", text: "new"), OutputFile(path: "en/b/index.html", text: "b")])
        output.discard()
        #expect(try filesOnDisk(site) == ["en/index.html": Data("old".utf8)])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
        // Once there is a spare, a discarded build puts it back for the next one.
        try writer.write([OutputFile(path: "en/b/index.html", text: "b")])
        let reusing = try writer.begin()
        reusing.add([OutputFile(path: "en/index.html", text: "newer")])
        reusing.discard()
        #expect(try filesOnDisk(site) == ["en/b/index.html": Data("b".utf8)])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".site.spare", "site"])
        try writer.write([OutputFile(path: "en/c/index.html", text: "c")])
        #expect(try filesOnDisk(site) == ["en/c/index.html": Data("c".utf8)])
    }

    /// Builds reuse the site the previous commit replaced: whatever changed is replaced (never
    /// written through a hard link into the live site), whatever the new site lacks is removed,
    /// folders may become files and files folders.
    @Test func reusedSitesHoldExactlyTheNewFiles() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let writer = OutputWriter(destination: site.path, source: root.appendingPathComponent("src").path)
        func files(_ pairs: [(String, String)]) -> [OutputFile] { pairs.map { OutputFile(path: $0.0, text: $0.1) } }
        func expected(_ pairs: [(String, String)]) -> [String: Data] {
            Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, Data($0.1.utf8)) })
        }
        let versions: [[(String, String)]] = [
            [("a.html", "a"), ("b/index.html", "b"), ("c/d/index.html", "d"), ("e.html", "e")],
            [("a.html", "a"), ("b/index.html", "b"), ("c/d/index.html", "d"), ("e.html", "e")],
            [("a.html", "a2"), ("b/index.html", "b"), ("c", "now a file"), ("e.html/index.html", "now a folder")],
            [("a.html", "a2"), ("f/g/h.html", "h")],
            [("a.html", "a3"), ("b/index.html", "b")],
        ]
        var previous: [(String, String)]?
        for version in versions {
            let output = try writer.begin()
            output.add(files(version))
            output.waitForWrites()
            // Until the commit the live site is the previous one, byte for byte.
            if let previous { #expect(try filesOnDisk(site) == expected(previous)) }
            try output.commit()
            #expect(try filesOnDisk(site) == expected(version))
            // No folder is left that the new site does not have.
            var folders = Set<String>()
            let enumerator = FileManager.default.enumerator(at: site, includingPropertiesForKeys: [.isDirectoryKey])
            while let url = enumerator?.nextObject() as? URL {
                if try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true {
                    folders.insert(String(url.path.dropFirst(site.path.count + 1)))
                }
            }
            var needed = Set<String>()
            for (path, _) in version {
                var folder = RelativePath.directory(of: path)
                while !folder.isEmpty {
                    needed.insert(folder)
                    folder = RelativePath.directory(of: folder)
                }
            }
            #expect(folders == needed)
            if let previous {
                #expect(try filesOnDisk(OutputWriter.spare(of: site)) == expected(previous))
            }
            previous = version
        }
    }

    /// A build that was killed leaves `.site.tmp-<process>`; the next build takes it over (its
    /// files are written over or removed) and nothing of it is left beside the site.
    @Test func theFolderOfAStoppedBuildIsTakenOver() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let writer = OutputWriter(destination: site.path, source: root.appendingPathComponent("src").path)
        try writer.write([OutputFile(path: "en/index.html", text: "old")])
        // No process has this number (above Linux's largest), so its build is not running.
        let stopped = root.appendingPathComponent(".site.tmp-2147483646")
        try FileManager.default.createDirectory(
            at: stopped.appendingPathComponent("en/half"), withIntermediateDirectories: true)
        try Data("half-written".utf8).write(to: stopped.appendingPathComponent("en/half/index.html"))
        try writer.write([OutputFile(path: "en/index.html", text: "new")])
        #expect(try filesOnDisk(site) == ["en/index.html": Data("new".utf8)])
        let beside = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(beside == [".site.spare", "site"])
    }
}
