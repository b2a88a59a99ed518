import Foundation
import SiteCore

#if canImport(Glibc)
    import Glibc
#endif

/// A new site being written while the build still runs. Each stage hands its files over with
/// `add`; they are written to a temporary folder on other threads while the next stage computes,
/// and are not kept in memory afterwards. `commit()` waits for the writes and swaps the folder in
/// place of the previous site; `discard()` (after a failed build) removes it, leaving the previous
/// site as it was. Made by `OutputWriter.begin()`.
public final class StagedOutput: @unchecked Sendable {
    public let destination: URL
    let temporary: URL
    /// The site being replaced: files with the same bytes are hard-linked from it.
    let earlier: String?

    /// Writes happen in the order the batches were added, one batch at a time (each on every core).
    private let queue = DispatchQueue(label: "interact-site.staged-output")
    /// Folders made so far; only touched on `queue`.
    private var folders: Set<String> = [""]
    private let lock = NSLock()
    private var problem: String?
    private var added = 0

    init(destination: URL, temporary: URL, earlier: String?) {
        self.destination = destination
        self.temporary = temporary
        self.earlier = earlier
    }

    /// Files handed over so far.
    public var fileCount: Int { lock.withLock { added } }

    /// Queues `files` for writing and returns at once.
    public func add(_ files: [OutputFile]) {
        lock.withLock { added += files.count }
        queue.async { [self] in
            guard lock.withLock({ problem == nil }) else { return }
            do {
                for file in files { try makeFolder(RelativePath.directory(of: file.path)) }
                try Self.writeInParallel(files, into: temporary.path, reusingUnchangedFrom: earlier)
            } catch {
                lock.withLock { problem = problem ?? error.localizedDescription }
            }
        }
    }

    /// Makes `folder` and its parents in the temporary folder with `mkdir` (only on `queue`).
    /// FileManager's `createDirectory` looked at every parent on each call: a twentieth of a build.
    private func makeFolder(_ folder: String) throws {
        guard folders.insert(folder).inserted else { return }
        try makeFolder(RelativePath.directory(of: folder))
        let path = temporary.path + "/" + folder
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw CocoaError(
                .fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(path): \(String(cString: strerror(errno)))"]
            )
        }
    }

    /// Returns when every file added so far is written.
    public func waitForWrites() {
        queue.sync {}
    }

    /// Waits for every write, then puts the new site in place of the previous one.
    public func commit() throws(BuildFailure) {
        waitForWrites()
        let fileManager = FileManager.default
        if let problem = lock.withLock({ problem }) {
            try? fileManager.removeItem(at: temporary)
            throw Self.failure(
                "The site could not be written to \(temporary.deletingLastPathComponent().path): \(problem)",
                at: destination,
                hint: "Check that the folder is writable and the disk has room. The previous site is untouched.")
        }
        let previous = destination.deletingLastPathComponent().appendingPathComponent(
            ".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        let exists = fileManager.fileExists(atPath: destination.path)
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
            throw Self.failure(
                "The new site could not replace \(destination.path): \(error.localizedDescription)", at: destination,
                hint: "Check the folder's permissions. The previous site is untouched.")
        }
    }

    /// Waits for the writes in flight and removes the temporary folder.
    public func discard() {
        queue.sync {}
        try? FileManager.default.removeItem(at: temporary)
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

    /// Deletes the previous site, a folder per thread. (Unlinking tens of thousands of names is
    /// the kernel's work: `rm -rf` of the same tree takes as long.)
    static func removeInParallel(_ path: String) {
        let fileManager = FileManager.default
        let children = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
        DispatchQueue.concurrentPerform(iterations: children.count) { index in
            try? FileManager.default.removeItem(atPath: path + "/" + children[index])
        }
        try? fileManager.removeItem(atPath: path)
    }

    static func failure(_ message: String, at destination: URL, hint: String) -> BuildFailure {
        BuildFailure(
            diagnostics: [.error(message, at: SourcePosition(file: destination.path), hint: hint, stage: .write)],
            isConfigurationError: true)
    }
}
