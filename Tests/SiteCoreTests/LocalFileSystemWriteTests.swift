import Foundation
import SiteCore
import Testing

/// The source folder's writes (QR ledger, stamps, `new`) stay inside it, like its reads.
@Suite struct LocalFileSystemWriteTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    @Test func writesBelowTheRootCreatingFolders() throws {
        let folder = LocalFileSystem(root: root.path)
        try folder.write(Data("a".utf8), to: "content/news/a.md")
        #expect(folder.text(of: "content/news/a.md") == "a")
        try folder.write(Data("b".utf8), to: "content/news/a.md")
        #expect(folder.text(of: "content/news/a.md") == "b")
    }

    @Test func refusesToReplaceWhenAskedNotTo() throws {
        let folder = LocalFileSystem(root: root.path)
        try folder.write(Data("a".utf8), to: "x.md")
        #expect(throws: LocalFileSystem.WriteFailure.self) {
            try folder.write(Data("b".utf8), to: "x.md", replacing: false)
        }
        #expect(folder.text(of: "x.md") == "a")
    }

    @Test func refusesPathsThatLeaveTheRoot() throws {
        let folder = LocalFileSystem(root: root.appendingPathComponent("site").path)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("site"), withIntermediateDirectories: true)
        #expect(throws: LocalFileSystem.WriteFailure.self) { try folder.write(Data("x".utf8), to: "../escaped.md") }
        #expect(throws: LocalFileSystem.WriteFailure.self) { try folder.write(Data("x".utf8), to: "") }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("escaped.md").path))
    }

    @Test func refusesAFolderLinkLeadingOutside() throws {
        let outside = root.appendingPathComponent("outside")
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: site.appendingPathComponent("content"), withDestinationURL: outside)
        let folder = LocalFileSystem(root: site.path)
        #expect(throws: LocalFileSystem.WriteFailure.self) { try folder.write(Data("x".utf8), to: "content/a.md") }
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent("a.md").path))
    }
}
