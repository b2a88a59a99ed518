import Foundation

/// Read access to the site's source tree, injected so tests can build sites held in memory.
///
/// Paths are relative to the root the file system was made for and use `/`; a path that would
/// leave the root is never read.
public protocol FileSystem: Sendable {
    /// The bytes of a file, or nil when there is no such file.
    func contents(of path: String) -> Data?
    /// Whether `path` is a directory.
    func isDirectory(_ path: String) -> Bool
    /// Every regular file below `directory`, recursively, relative to the root, sorted.
    func files(under directory: String) -> [String]
    /// `files(under:)` and, from the same walk, the symbolic links it leaves out, each with
    /// whether it leads outside the root: the build names them, so a missing page is explained.
    func listing(under directory: String) -> (files: [String], skippedLinks: [(path: String, leadsOutside: Bool)])
    /// `listing(under:)` without looking inside `skipped` (a folder relative to the root, such as
    /// the site being written below the site folder). See the extension's default.
    func listing(
        under directory: String, skipping skipped: String
    ) -> (files: [String], skippedLinks: [(path: String, leadsOutside: Bool)])
    /// See the extension's default (nil).
    func stamp(of path: String) -> String?
    /// `listing(under:skipping:)`'s files, each with its `stamp` (taken on the same walk where the
    /// file system can).
    func stampedFiles(under directory: String, skipping skipped: String?) -> [(path: String, stamp: String?)]
}

extension FileSystem {
    /// File systems without symbolic links skip none.
    public func listing(
        under directory: String
    ) -> (
        files: [String], skippedLinks: [(path: String, leadsOutside: Bool)]
    ) {
        (files(under: directory), [])
    }

    /// The whole listing with what is below `skipped` left out.
    public func listing(
        under directory: String, skipping skipped: String
    ) -> (files: [String], skippedLinks: [(path: String, leadsOutside: Bool)]) {
        let all = listing(under: directory)
        let prefix = skipped + "/"
        return (all.files.filter { !$0.hasPrefix(prefix) }, all.skippedLinks.filter { !$0.path.hasPrefix(prefix) })
    }

    public func stampedFiles(under directory: String, skipping skipped: String?) -> [(path: String, stamp: String?)] {
        let files = skipped.map { listing(under: directory, skipping: $0).files } ?? listing(under: directory).files
        return files.map { ($0, stamp(of: $0)) }
    }

    public func fileExists(_ path: String) -> Bool { contents(of: path) != nil }

    /// What identifies a file's version without reading it (size, modification time, inode, as
    /// git's index does), or nil when the file system cannot say: then the caller reads the file.
    public func stamp(of path: String) -> String? { nil }

    /// The text of a file decoded as UTF-8, or nil when absent.
    public func text(of path: String) -> String? {
        contents(of: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
