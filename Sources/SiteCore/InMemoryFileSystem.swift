import Foundation

/// A source tree held in memory, for tests that need no disk.
public struct InMemoryFileSystem: FileSystem {
    public var storage: [String: Data]

    public init(_ files: [String: String] = [:]) {
        storage = files.mapValues { Data($0.utf8) }
    }

    public func contents(of path: String) -> Data? {
        RelativePath.normalize(path).flatMap { storage[$0] }
    }

    public func isDirectory(_ path: String) -> Bool {
        guard let path = RelativePath.normalize(path) else { return false }
        if path.isEmpty { return true }
        return storage.keys.contains { $0.hasPrefix(path + "/") }
    }

    public func files(under directory: String) -> [String] {
        guard let directory = RelativePath.normalize(directory) else { return [] }
        let prefix = directory.isEmpty ? "" : directory + "/"
        return storage.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
