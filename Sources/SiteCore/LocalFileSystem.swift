import Foundation

/// The real disk below one root folder.
public struct LocalFileSystem: FileSystem {
    public let root: URL

    /// The root with symbolic links resolved, when it existed on creation.
    private let resolvedRoot: String?

    public init(root: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
        self.resolvedRoot = Self.resolved(self.root.path)
    }

    private static func resolved(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func url(_ path: String) -> URL? {
        guard let safe = RelativePath.normalize(path) else { return nil }
        return safe.isEmpty ? root : root.appendingPathComponent(safe)
    }

    /// Writes a file below the root, atomically, creating its folder: the QR ledger, translation
    /// stamps and `new` pages are written here, so every write stays inside the site folder as
    /// every read does. `replacing: false` refuses to overwrite a file that exists.
    public func write(_ data: Data, to path: String, replacing: Bool = true) throws(WriteFailure) {
        guard let url = url(path), RelativePath.normalize(path)?.isEmpty == false else {
            throw WriteFailure(path: path, reason: "it is not a path inside the site folder")
        }
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteFailure(path: path, reason: error.localizedDescription)
        }
        guard let resolvedFolder = Self.resolved(folder.path), let base = resolvedRoot ?? Self.resolved(root.path),
            resolvedFolder == base || resolvedFolder.hasPrefix(base == "/" ? "/" : base + "/")
        else { throw WriteFailure(path: path, reason: "its folder leads outside the site folder") }
        if !replacing && FileManager.default.fileExists(atPath: url.path) {
            throw WriteFailure(path: path, reason: "it already exists")
        }
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw WriteFailure(path: path, reason: error.localizedDescription)
        }
    }

    /// Why `write` wrote nothing.
    public struct WriteFailure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "Could not write \(path): \(reason)." }
    }

    /// A regular file's bytes, read through one descriptor: what is checked (a regular file,
    /// inside the root once links are followed) is what is read, and a FIFO cannot block the build.
    public func contents(of path: String) -> Data? {
        guard let safe = RelativePath.normalize(path), !safe.isEmpty else { return nil }
        let file = root.path == "/" ? "/" + safe : root.path + "/" + safe
        let descriptor = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
            isInside(openFile: descriptor, path: file)
        else { return nil }
        return Self.readAll(descriptor, expected: Int(info.st_size))
    }

    /// Everything up to the end of the file, which may have grown or shrunk since it was measured.
    private static func readAll(_ descriptor: Int32, expected: Int) -> Data? {
        // One byte more than expected, so that the end is seen without growing the buffer.
        var data = Data(count: max(expected, 0) + 1)
        var filled = 0
        while true {
            if filled == data.count { data.count += max(data.count, 4096) }
            let count = data.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return data
    }

    public func stamp(of path: String) -> String? {
        guard let url = url(path), isInside(url) else { return nil }
        var info = stat()
        guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Self.stamp(info)
    }

    private static func stamp(_ info: stat) -> String {
        #if os(Linux)
            let time = info.st_mtim
        #else
            let time = info.st_mtimespec
        #endif
        return "\(info.st_size):\(time.tv_sec).\(time.tv_nsec):\(info.st_ino)"
    }

    /// The inode's change time (`chmod`, a rename, a write), which no tool sets back.
    private static func changeTime(_ info: stat) -> String {
        #if os(Linux)
            let time = info.st_ctim
        #else
            let time = info.st_ctimespec
        #endif
        return "\(time.tv_sec).\(time.tv_nsec)"
    }

    /// The walk's own `lstat` gives each file's stamp, with the change time after it (and each
    /// symbolic link's, as a link): no file is looked up twice.
    public func stampedFiles(under directory: String, skipping skipped: String?) -> [(path: String, stamp: String?)] {
        guard let base = url(directory), isDirectory(directory) else { return [] }
        var found: [String] = []
        var links: [String] = []
        var stamps: [String: String]? = [:]
        collect(
            base, relative: RelativePath.normalize(directory) ?? "", skipping: skipped.flatMap(RelativePath.normalize),
            into: &found, links: &links, stamps: &stamps)
        // Links too, by their own stamp: one made to lead elsewhere is a new link.
        return (found + links).sorted().map { ($0, stamps?[$0]) }
    }

    /// Whether `url`, symbolic links followed, is still below the root: content from a pull
    /// request may hold a link to `/etc/passwd` or `~/.ssh`, which must read as no file at all.
    private func isInside(_ url: URL) -> Bool {
        guard let file = Self.resolved(url.path), let base = resolvedRoot ?? Self.resolved(root.path) else {
            return false
        }
        return file.hasPrefix(base == "/" ? "/" : base + "/")
    }

    /// `isInside` for a file already open: on Linux the kernel names the file the descriptor
    /// holds (one call, where `realpath` looks at each folder on the way).
    private func isInside(openFile descriptor: Int32, path: String) -> Bool {
        #if os(Linux)
            var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = buffer.withUnsafeMutableBufferPointer { target in
                target.withMemoryRebound(to: CChar.self) {
                    readlink("/proc/self/fd/\(descriptor)", $0.baseAddress!, $0.count - 1)
                }
            }
            if count > 0, let base = resolvedRoot ?? Self.resolved(root.path) {
                let file = String(decoding: buffer[..<count], as: UTF8.self)
                return file.hasPrefix(base == "/" ? "/" : base + "/")
            }
        #endif
        return isInside(URL(fileURLWithPath: path))
    }

    public func isDirectory(_ path: String) -> Bool {
        guard let url = url(path) else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public func files(under directory: String) -> [String] { listing(under: directory).files }

    public func listing(
        under directory: String
    ) -> (
        files: [String], skippedLinks: [(path: String, leadsOutside: Bool)]
    ) {
        listing(under: directory, skippingFolder: nil)
    }

    /// Does not walk `skipped` at all (a site of forty thousand files below the site folder).
    public func listing(
        under directory: String, skipping skipped: String
    ) -> (files: [String], skippedLinks: [(path: String, leadsOutside: Bool)]) {
        listing(under: directory, skippingFolder: RelativePath.normalize(skipped))
    }

    private func listing(
        under directory: String, skippingFolder skipped: String?
    ) -> (files: [String], skippedLinks: [(path: String, leadsOutside: Bool)]) {
        guard let base = url(directory), isDirectory(directory) else { return ([], []) }
        var found: [String] = []
        var links: [String] = []
        var stamps: [String: String]?
        collect(
            base, relative: RelativePath.normalize(directory) ?? "", skipping: skipped, into: &found, links: &links,
            stamps: &stamps)
        // A link to nothing leads nowhere inside either.
        return (found.sorted(), links.sorted().map { ($0, url($0).map { !isInside($0) } ?? true) })
    }

    /// With `stamps`, each file's stamp is recorded too.
    private func collect(
        _ folder: URL, relative: String, skipping skipped: String?, into found: inout [String],
        links: inout [String], stamps: inout [String: String]?
    ) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where !name.hasPrefix(".") {
            let child = folder.path + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            if childRelative == skipped { continue }
            // Symbolic links are not followed (`lstat`): they could point outside the source tree.
            // (FileManager's attributesOfItem also looked up the owner's name for every file.)
            var status = stat()
            guard lstat(child, &status) == 0 else { continue }
            if status.st_mode & S_IFMT == S_IFDIR {
                collect(
                    URL(fileURLWithPath: child, isDirectory: true), relative: childRelative, skipping: skipped,
                    into: &found, links: &links, stamps: &stamps)
            } else if status.st_mode & S_IFMT == S_IFREG {
                found.append(childRelative)
                if stamps != nil { stamps?[childRelative] = Self.stamp(status) + ":" + Self.changeTime(status) }
            } else if status.st_mode & S_IFMT == S_IFLNK {
                links.append(childRelative)
                if stamps != nil {
                    stamps?[childRelative] = "link " + Self.stamp(status) + ":" + Self.changeTime(status)
                }
            }
        }
    }
}
