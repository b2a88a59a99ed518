import Foundation
import SiteCore
import Testing

@Suite("InMemoryFileSystem")
struct InMemoryFileSystemTests {
    let fileSystem = InMemoryFileSystem([
        "content/b.md": "B",
        "content/a.md": "A",
        "content/docs/guide.md": "Guide",
        "contentx/other.md": "X",
        "config.yaml": "title: T",
    ])

    @Test("files(under:) is recursive, sorted and matches whole folder names")
    func files() {
        #expect(fileSystem.files(under: "content") == ["content/a.md", "content/b.md", "content/docs/guide.md"])
        #expect(fileSystem.files(under: "content/docs") == ["content/docs/guide.md"])
        #expect(fileSystem.files(under: "./content/docs/") == ["content/docs/guide.md"])
        #expect(
            fileSystem.files(under: "") == [
                "config.yaml", "content/a.md", "content/b.md", "content/docs/guide.md", "contentx/other.md",
            ])
        #expect(fileSystem.files(under: "missing").isEmpty)
    }

    @Test("Reading files and folders")
    func reading() {
        #expect(fileSystem.text(of: "content/a.md") == "A")
        #expect(fileSystem.text(of: "content/docs/../b.md") == "B")
        #expect(fileSystem.contents(of: "content/c.md") == nil)
        #expect(fileSystem.fileExists("config.yaml"))
        #expect(!fileSystem.fileExists("content"))
        #expect(fileSystem.isDirectory("content"))
        #expect(fileSystem.isDirectory("content/docs"))
        #expect(fileSystem.isDirectory(""))
        #expect(!fileSystem.isDirectory("content/a.md"))
        #expect(!fileSystem.isDirectory("cont"))
    }

    @Test("Paths escaping the root are never read")
    func escapingRoot() {
        #expect(fileSystem.contents(of: "../config.yaml") == nil)
        #expect(fileSystem.contents(of: "content/../../config.yaml") == nil)
        #expect(!fileSystem.isDirectory("../content"))
        #expect(fileSystem.files(under: "../content").isEmpty)
    }
}

@Suite("LocalFileSystem")
struct LocalFileSystemTests {
    /// Makes `<tmp>/<unique>/outside.txt` and a site root `<tmp>/<unique>/site` with some files.
    private func withTemporarySite(_ body: (String, LocalFileSystem) throws -> Void) throws {
        let manager = FileManager.default
        let base = manager.temporaryDirectory.appendingPathComponent("sitecore-tests-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: base) }
        let root = base.appendingPathComponent("site")
        let files = [
            "content/b.md": "B",
            "content/a.md": "A",
            "content/docs/guide.md": "Guide",
            "content/.hidden.md": "hidden",
            "content/.git/config": "git",
            "static/css/style.css": "body{}",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try Data("secret".utf8).write(to: base.appendingPathComponent("outside.txt"))
        try body(base.path, LocalFileSystem(root: root.path))
    }

    @Test("files(under:) is recursive and sorted and skips dotfiles")
    func files() throws {
        try withTemporarySite { _, fileSystem in
            #expect(fileSystem.files(under: "content") == ["content/a.md", "content/b.md", "content/docs/guide.md"])
            #expect(
                fileSystem.files(under: "") == [
                    "content/a.md", "content/b.md", "content/docs/guide.md", "static/css/style.css",
                ])
            #expect(fileSystem.files(under: "static/") == ["static/css/style.css"])
            #expect(fileSystem.files(under: "missing").isEmpty)
            #expect(fileSystem.files(under: "content/a.md").isEmpty)
        }
    }

    @Test("A listing can leave a folder out without walking it")
    func listingSkippingAFolder() throws {
        try withTemporarySite { _, fileSystem in
            #expect(
                fileSystem.listing(under: "", skipping: "content/docs").files == [
                    "content/a.md", "content/b.md", "static/css/style.css",
                ])
            #expect(fileSystem.listing(under: "", skipping: "content").files == ["static/css/style.css"])
            // A name that only starts like the folder is kept.
            #expect(fileSystem.listing(under: "content", skipping: "content/doc").files.count == 3)
            let memory = InMemoryFileSystem(["site/a.html": "", "content/a.md": ""])
            #expect(memory.listing(under: "", skipping: "site").files == ["content/a.md"])
            // The same walk with each file's stamp, and each link's own.
            try FileManager.default.createSymbolicLink(
                atPath: fileSystem.root.appendingPathComponent("content/linked.md").path,
                withDestinationPath: "a.md")
            let stamped = fileSystem.stampedFiles(under: "", skipping: "static")
            #expect(
                stamped.map(\.path) == ["content/a.md", "content/b.md", "content/docs/guide.md", "content/linked.md"])
            // The stamp, then the change time (which `chmod` moves too).
            #expect(stamped[0].stamp?.hasPrefix(try #require(fileSystem.stamp(of: "content/a.md")) + ":") == true)
            #expect(stamped[3].stamp?.hasPrefix("link ") == true)
            #expect(memory.stampedFiles(under: "", skipping: nil).map(\.path) == ["content/a.md", "site/a.html"])
        }
    }

    @Test("Symbolic links are not followed when listing")
    func symlinks() throws {
        try withTemporarySite { base, fileSystem in
            try FileManager.default.createSymbolicLink(
                atPath: fileSystem.root.appendingPathComponent("content/linked.md").path,
                withDestinationPath: base + "/outside.txt")
            #expect(fileSystem.files(under: "content") == ["content/a.md", "content/b.md", "content/docs/guide.md"])
        }
    }

    @Test("Reading files and folders")
    func reading() throws {
        try withTemporarySite { _, fileSystem in
            #expect(fileSystem.text(of: "content/a.md") == "A")
            #expect(fileSystem.text(of: "content/docs/../b.md") == "B")
            #expect(fileSystem.contents(of: "content/zzz.md") == nil)
            #expect(fileSystem.contents(of: "content") == nil)
            #expect(fileSystem.isDirectory("content/docs"))
            #expect(fileSystem.isDirectory(""))
            #expect(!fileSystem.isDirectory("content/a.md"))
            #expect(fileSystem.fileExists("static/css/style.css"))
        }
    }

    @Test("Links are read only when they lead inside the root; special files and sizes")
    func readingThroughLinks() throws {
        try withTemporarySite { base, fileSystem in
            let root = fileSystem.root.path
            let manager = FileManager.default
            try manager.createSymbolicLink(atPath: root + "/content/out.md", withDestinationPath: base + "/outside.txt")
            try manager.createSymbolicLink(atPath: root + "/content/outside", withDestinationPath: base)
            try manager.createSymbolicLink(atPath: root + "/content/in.md", withDestinationPath: root + "/content/a.md")
            #expect(fileSystem.contents(of: "content/out.md") == nil)
            #expect(fileSystem.contents(of: "content/outside/outside.txt") == nil)
            #expect(fileSystem.text(of: "content/in.md") == "A")
            // A named pipe would block a plain read until something writes to it.
            #expect(mkfifo(root + "/content/pipe.md", 0o644) == 0)
            #expect(fileSystem.contents(of: "content/pipe.md") == nil)
            try Data().write(to: URL(fileURLWithPath: root + "/content/empty.md"))
            #expect(fileSystem.contents(of: "content/empty.md") == Data())
            let large = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            try large.write(to: URL(fileURLWithPath: root + "/content/large.md"))
            #expect(fileSystem.contents(of: "content/large.md") == large)
        }
    }

    @Test("Paths escaping the root return nothing")
    func escapingRoot() throws {
        try withTemporarySite { base, fileSystem in
            #expect(FileManager.default.fileExists(atPath: base + "/outside.txt"))
            #expect(fileSystem.contents(of: "../outside.txt") == nil)
            #expect(fileSystem.contents(of: "content/../../outside.txt") == nil)
            #expect(!fileSystem.isDirectory(".."))
            #expect(fileSystem.files(under: "..").isEmpty)
        }
    }
}
