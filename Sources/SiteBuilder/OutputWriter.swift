import Foundation
import SiteCore

#if canImport(Glibc)
    import Glibc
#endif

/// The `write` stage: writes a built site to a temporary folder beside the output and swaps it
/// in only when every file was written, so a failed build never leaves a half-built site and
/// never loses the previous one.
public struct OutputWriter: Sendable {
    public let destination: URL
    /// The site's source folder, which the output must never replace.
    public let source: URL

    public init(destination: String, source: String) {
        self.destination = URL(fileURLWithPath: destination, isDirectory: true).standardizedFileURL
        self.source = URL(fileURLWithPath: source, isDirectory: true).standardizedFileURL
    }

    public func write(_ files: [OutputFile]) throws(BuildFailure) {
        let fileManager = FileManager.default
        let sourcePath = source.resolvingSymlinksInPath().path
        let destinationPath = destination.resolvingSymlinksInPath().path
        if sourcePath == destinationPath || sourcePath.hasPrefix(destinationPath + "/") || destinationPath == "/" {
            throw failure(
                "The output folder \(destination.path) holds the site's sources; writing there would delete them.",
                hint: "Choose another --output, such as the default `site`.")
        }
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        let process = ProcessInfo.processInfo.processIdentifier
        let temporary = parent.appendingPathComponent(".\(name).tmp-\(process)")
        let previous = parent.appendingPathComponent(".\(name).old-\(process)")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: temporary)
            try fileManager.createDirectory(at: temporary, withIntermediateDirectories: true)
            var created: Set<String> = [""]
            for file in files {
                let folder = RelativePath.directory(of: file.path)
                if created.insert(folder).inserted {
                    try fileManager.createDirectory(
                        at: temporary.appendingPathComponent(folder), withIntermediateDirectories: true)
                }
            }
            var isFolder: ObjCBool = false
            let earlier =
                fileManager.fileExists(atPath: destination.path, isDirectory: &isFolder) && isFolder.boolValue
                ? destination.path : nil
            try Self.writeInParallel(files, into: temporary.path, reusingUnchangedFrom: earlier)
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw failure(
                "The site could not be written to \(parent.path): \(error.localizedDescription)",
                hint: "Check that the folder is writable and the disk has room. The previous site is untouched.")
        }
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: destination.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            try? fileManager.removeItem(at: temporary)
            throw failure(
                "\(destination.path) exists and is not a folder.", hint: "Move it away or choose another --output.")
        }
        do {
            if exists { try fileManager.moveItem(at: destination, to: previous) }
            do {
                try fileManager.moveItem(at: temporary, to: destination)
            } catch {
                if exists { try? fileManager.moveItem(at: previous, to: destination) }
                throw error
            }
            if exists { Self.removeInParallel(previous.path) }
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw failure(
                "The new site could not replace \(destination.path): \(error.localizedDescription)",
                hint: "Check the folder's permissions. The previous site is untouched.")
        }
    }

    /// Writes every file with plain POSIX calls on every core: tens of thousands of small files
    /// are dominated by system calls, which Foundation's `Data.write` adds to.
    ///
    /// A file whose bytes equal the same file in the `earlier` site is hard-linked from it instead:
    /// a rebuild after a small change then creates few new files, and deleting the earlier site
    /// frees few (both are what costs most on ext4 with tens of thousands of files).
    static func writeInParallel(
        _ files: [OutputFile], into root: String, reusingUnchangedFrom earlier: String?
    )
        throws
    {
        let failures = ParallelMap.chunks(count: files.count, perCore: 4) { range -> [String] in
            for index in range {
                let file = files[index]
                let path = root + "/" + file.path
                if let earlier, Self.hasSameBytes(earlier + "/" + file.path, as: file.contents),
                    link(earlier + "/" + file.path, path) == 0
                {
                    continue
                }
                let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard descriptor >= 0 else { return ["\(path): \(String(cString: strerror(errno)))"] }
                let complete = file.contents.withUnsafeBytes { buffer -> Bool in
                    var offset = 0
                    while offset < buffer.count {
                        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            return false
                        }
                        offset += written
                    }
                    return true
                }
                let closed = close(descriptor) == 0
                guard complete && closed else { return ["\(path): \(String(cString: strerror(errno)))"] }
            }
            return []
        }
        if let failure = failures.first {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
        }
    }

    /// Whether the file at `path` holds exactly `contents` (a regular file, not a link elsewhere).
    static func hasSameBytes(_ path: String, as contents: Data) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == contents.count
        else { return false }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: contents.count)
        var offset = 0
        while offset < buffer.count {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return buffer.withUnsafeBytes { old in
            contents.withUnsafeBytes { new in
                old.count == 0 || memcmp(old.baseAddress!, new.baseAddress!, old.count) == 0
            }
        }
    }

    /// Deletes the previous site, a folder per thread.
    static func removeInParallel(_ path: String) {
        let fileManager = FileManager.default
        let children = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
        DispatchQueue.concurrentPerform(iterations: children.count) { index in
            try? FileManager.default.removeItem(atPath: path + "/" + children[index])
        }
        try? fileManager.removeItem(atPath: path)
    }

    private func failure(_ message: String, hint: String) -> BuildFailure {
        BuildFailure(
            diagnostics: [.error(message, at: SourcePosition(file: destination.path), hint: hint, stage: .write)],
            isConfigurationError: true)
    }
}
