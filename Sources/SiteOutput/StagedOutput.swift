import Foundation
import SiteCore

#if canImport(Glibc)
    import Glibc
#endif

/// A new site being written while the build still runs. Each stage hands its files over with
/// `add`; they are written to a temporary folder on other threads while the next stage computes,
/// and are not kept in memory afterwards. `commit()` waits for the writes and swaps the folder in
/// place of the previous site; `discard()` (after a failed build) puts it aside, leaving the
/// previous site as it was. Made by `OutputWriter.begin()`.
///
/// The site that a commit replaces is not deleted: it is kept beside the output as a spare
/// (`.site.spare`), and the next build writes into it. Its folders are reused as they are, a file
/// whose bytes did not change is left in place, a changed one is replaced (unlinked first: it may
/// be a hard link to the live site's file, which must not change), and at the commit whatever the
/// new site does not have is removed. Deleting and recreating tens of thousands of files and folders
/// on every build was most of the time spent writing (ext4 also searches past recently deleted
/// inodes for each new one).
public final class StagedOutput: @unchecked Sendable {
    public let destination: URL
    public let temporary: URL
    /// The live site: a new file with the same bytes as its file is hard-linked from it.
    public let earlier: String?
    /// Where the replaced site is kept for the next build.
    public let spare: URL
    /// The temporary folder is an earlier site being reused, not an empty folder.
    public let recycled: Bool

    /// Writes happen in the order the batches were added, one batch at a time (each on every core).
    private let queue = DispatchQueue(label: "interact-site.staged-output")
    /// Folders the new site has, and its files; only touched on `queue`.
    private var folders: Set<String> = [""]
    private var written: Set<String> = []
    private let lock = NSLock()
    private var problem: String?
    private var added = 0
    private var reusedFiles = 0
    /// Bytes handed over but not yet written, and how many may wait: when the disk is slower
    /// than the build, `add` waits rather than holding the whole site in memory.
    private let room = NSCondition()
    private var pendingBytes = 0
    public let pendingLimit: Int

    /// What the reused site held when this build took it, listed while the first stages run.
    private var inventory: (files: [String], folders: [String]) = ([], [])

    /// What the live site's files were made from (the build cache); empty without one.
    public let memo: OutputMemo
    /// Where the memo of this output is kept. Removed before the new site is swapped in (it
    /// describes the site being replaced), and written again after when `usesBuildCache`.
    public let memoFile: URL?
    /// The build takes unchanged files from the live site and records what it made.
    public let usesBuildCache: Bool
    /// This build's files with a memo key, in the order written (only touched on `queue`).
    private var keyed: [(path: String, key: String)] = []
    /// Each file's identity as it was put in place (only touched on `queue`): the memo records
    /// it without a second look at 40,000 paths.
    private var placed: [String: OutputMemo.Identity] = [:]

    public init(
        destination: URL, temporary: URL, earlier: String?, spare: URL, recycled: Bool,
        pendingLimit: Int = 64 << 20, memo: OutputMemo? = nil, memoFile: URL? = nil, usesBuildCache: Bool = false
    ) {
        self.memo = memo ?? OutputMemo(generator: "")
        self.memoFile = memoFile
        // A build with no previous site (CI on a fresh checkout, the first build) makes no keys:
        // it would hash every page for a memo that only a later build over this site could use,
        // and most such builds have no later one. The build after it records them.
        self.usesBuildCache = usesBuildCache && memoFile != nil && earlier != nil
        self.pendingLimit = pendingLimit
        self.destination = destination
        self.temporary = temporary
        self.earlier = earlier
        self.spare = spare
        self.recycled = recycled
        if recycled { queue.async { [self] in inventory = Self.list(temporary.path) } }
    }

    /// Files handed over so far.
    public var fileCount: Int { lock.withLock { added } }
    /// Of those, the live site's files taken unchanged (the build cache's hits).
    public var reusedCount: Int { lock.withLock { reusedFiles } }

    /// The live site's files made under `key` when all are unchanged since, to hand over as
    /// they are; nil: make them again.
    public func unchangedFiles(under key: String) -> [OutputFile]? {
        guard usesBuildCache, let earlier else { return nil }
        return memo.unchangedFiles(under: key, in: earlier)
    }

    /// The live site's `path` when it was made under `key` and is unchanged since, to hand
    /// over as it is; nil: make it again.
    public func unchangedFile(_ path: String, under key: String) -> OutputFile? {
        guard usesBuildCache, let earlier else { return nil }
        return memo.unchangedFile(path, under: key, in: earlier)
    }

    /// Queues `files` for writing and returns at once, unless more than `pendingLimit` bytes are
    /// still waiting to be written: then it waits for the writes to catch up first.
    public func add(_ files: [OutputFile]) {
        let reused = files.reduce(0) { $0 + ($1.isReused ? 1 : 0) }
        lock.withLock {
            added += files.count
            reusedFiles += reused
        }
        let bytes = files.reduce(0) { $0 + $1.contents.count }
        room.lock()
        while pendingBytes > 0 && pendingBytes + bytes > pendingLimit { room.wait() }
        pendingBytes += bytes
        room.unlock()
        queue.async { [self] in
            defer {
                room.lock()
                pendingBytes -= bytes
                room.broadcast()
                room.unlock()
            }
            guard lock.withLock({ problem == nil }) else { return }
            do {
                for file in files {
                    try makeFolder(RelativePath.directory(of: file.path))
                    // Two files for one path: in a reused site the second would replace the first
                    // (and the memo name it by the first's keys), in a new one it would fail.
                    guard written.insert(file.path).inserted else {
                        throw CocoaError(
                            .fileWriteFileExists,
                            userInfo: [NSLocalizedDescriptionKey: "\(file.path): the build made two files for it"])
                    }
                    if let key = file.memoKey { keyed.append((file.path, key)) }
                    for key in file.otherMemoKeys { keyed.append((file.path, key)) }
                }
                for (path, identity) in try Self.writeInParallel(
                    files, into: temporary.path, reusingUnchangedFrom: earlier, replacing: recycled)
                {
                    placed[path] = identity
                }
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
        if mkdir(path, 0o755) == 0 { return }
        var status = stat()
        if errno == EEXIST, lstat(path, &status) == 0 {
            if status.st_mode & S_IFMT == S_IFDIR { return }
            // A file of the reused site where this site has a folder.
            if unlink(path) == 0, mkdir(path, 0o755) == 0 { return }
        }
        throw Self.posixError(path)
    }

    /// The paths of the files added so far (waiting for the writes in flight).
    public func paths() -> Set<String> {
        queue.sync { written }
    }

    /// Returns when every file added so far is written.
    public func waitForWrites() {
        queue.sync {}
    }

    /// Waits for every write, then puts the new site in place of the previous one, which is kept
    /// as the spare for the next build.
    public func commit() throws(BuildFailure) {
        waitForWrites()
        let fileManager = FileManager.default
        if recycled, lock.withLock({ problem == nil }) { removeWhatTheSiteLacks() }
        if let problem = lock.withLock({ problem }) {
            discard()
            throw Self.failure(
                "The site could not be written to \(temporary.deletingLastPathComponent().path): \(problem)",
                at: destination,
                hint: "Check that the folder is writable and the disk has room. The previous site is untouched.")
        }
        let exists = fileManager.fileExists(atPath: destination.path)
        // One atomic step where the system has it: a build killed at any moment leaves either
        // the previous site or the new one in place, never neither (the two renames below have
        // an instant without a site). The previous site, now in the temporary folder, becomes
        // the spare; a build killed before that leaves it to the next build to take over.
        // The memo describes the site about to be replaced: it goes first, so that a build killed
        // from here on leaves no memo rather than one of another site. Its successor is read from
        // the new site before the swap (renaming keeps inodes and times): files another build
        // might swap in meanwhile are not recorded as this one's.
        let next = nextMemo()
        if let memoFile { unlink(memoFile.path) }
        if exists && Self.exchange(temporary.path, destination.path) {
            if fileManager.fileExists(atPath: spare.path) { Self.removeInParallel(spare.path) }
            if (try? fileManager.moveItem(at: temporary, to: spare)) == nil { Self.removeInParallel(temporary.path) }
            if let next, let memoFile { OutputMemo.store(next, at: memoFile) }
            return
        }
        do {
            if exists {
                // A spare left by a build running at the same time is not needed.
                if fileManager.fileExists(atPath: spare.path) { Self.removeInParallel(spare.path) }
                try fileManager.moveItem(at: destination, to: spare)
            }
            do {
                try fileManager.moveItem(at: temporary, to: destination)
            } catch {
                if exists { try? fileManager.moveItem(at: spare, to: destination) }
                throw error
            }
            if let next, let memoFile { OutputMemo.store(next, at: memoFile) }
        } catch {
            discard()
            throw Self.failure(
                "The new site could not replace \(destination.path): \(error.localizedDescription)", at: destination,
                hint: "Check the folder's permissions. The previous site is untouched.")
        }
    }

    /// What each keyed file of the new site was made from, read from the temporary folder; nil
    /// without the build cache. (Written to a temporary name and renamed; a memo that cannot be
    /// written is not an error: the next build makes everything.)
    private func nextMemo() -> OutputMemo? {
        guard usesBuildCache else { return nil }
        var next = OutputMemo(generator: memo.generator)
        for (path, key) in keyed where OutputMemo.fits(path) && OutputMemo.fits(key) {
            if let identity = placed[path] ?? OutputMemo.Identity.of(temporary.path + "/" + path) {
                next.record(path, key: key, identity: identity)
            }
        }
        return next
    }

    /// Waits for the writes in flight, then removes the temporary folder, or, when it was the
    /// spare, puts it back (the next build reuses it like any earlier site).
    public func discard() {
        waitForWrites()
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: temporary.path) else { return }
        if !recycled || fileManager.fileExists(atPath: spare.path)
            || (try? fileManager.moveItem(at: temporary, to: spare)) == nil
        {
            Self.removeInParallel(temporary.path)
        }
    }

    /// Removes every file and folder of the reused site that the new site does not have. (One
    /// that became a folder or a file was replaced while writing; removing it again fails harmlessly.)
    private func removeWhatTheSiteLacks() {
        for file in inventory.files where !written.contains(file) { unlink(temporary.path + "/" + file) }
        // Listed parents first, so removed in reverse: children before their parents.
        for folder in inventory.folders.reversed() where !folders.contains(folder) {
            rmdir(temporary.path + "/" + folder)
        }
    }

    /// The files and folders below `root`, relative to it, folders parents first. Uses `readdir`
    /// without a `stat` per entry.
    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    public static func list(_ root: String) -> (files: [String], folders: [String]) {
        var folders = [""]
        var files: [String] = []
        var next = 0
        while next < folders.count {
            let relative = folders[next]
            next += 1
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard let directory = opendir(folder) else { continue }
            while let entry = readdir(directory) {
                // Read in place, up to its NUL: a record can be shorter than `dirent`, so copying
                // the whole `d_name` array read past its end (AddressSanitizer found it).
                let name = String(
                    cString: UnsafeRawPointer(entry).advanced(by: Self.nameOffset).assumingMemoryBound(to: CChar.self))
                guard name != "." && name != ".." else { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    isFolder = lstat(folder + "/" + name, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
                }
                if isFolder { folders.append(path) } else { files.append(path) }
            }
            closedir(directory)
        }
        return (files, Array(folders.dropFirst()))
    }

    /// Writes every file with plain POSIX calls on every core: tens of thousands of small files
    /// are dominated by system calls, which Foundation's `Data.write` adds to.
    ///
    /// With `replacing` (a reused site), a file already there with the same bytes is kept; any
    /// other is unlinked before the new one is made, never written through (it may be a hard
    /// link to the live site's file). A file whose bytes equal the same file in the `earlier`
    /// (live) site is hard-linked from it.
    @discardableResult
    public static func writeInParallel(
        _ files: [OutputFile], into root: String, reusingUnchangedFrom earlier: String?, replacing: Bool = false
    ) throws -> [(path: String, identity: OutputMemo.Identity)] {
        let outcomes = ParallelMap.chunks(count: files.count, perCore: 4) { range -> [Placement] in
            var placed: [Placement] = []
            for index in range {
                let file = files[index]
                let path = root + "/" + file.path
                if file.isReused {
                    switch link(file, from: earlier, into: root, replacing: replacing) {
                    case .success(let identity): placed.append(.file(file.path, identity))
                    case .failure(let problem): return [.failure(problem.text)]
                    }
                    continue
                }
                if replacing {
                    if let identity = identityIfSameBytes(path, as: file.contents) {
                        placed.append(.file(file.path, identity))
                        continue
                    }
                    var status = stat()
                    if lstat(path, &status) == 0 {
                        if status.st_mode & S_IFMT == S_IFDIR {
                            // A folder of the reused site where this site has a file.
                            removeInParallel(path)
                        } else if unlink(path) != 0 {
                            return [.failure("\(path): \(String(cString: strerror(errno)))")]
                        }
                    }
                }
                // A hard link is the same inode: its identity is the earlier file's.
                if let earlier, let identity = identityIfSameBytes(earlier + "/" + file.path, as: file.contents),
                    Glibc.link(earlier + "/" + file.path, path) == 0
                {
                    placed.append(.file(file.path, identity))
                    continue
                }
                let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                guard descriptor >= 0 else { return [.failure("\(path): \(String(cString: strerror(errno)))")] }
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
                // Taken after the last write: closing does not change the times.
                let identity = OutputMemo.Identity.of(descriptor: descriptor)
                let closed = close(descriptor) == 0
                guard complete && closed else { return [.failure("\(path): \(String(cString: strerror(errno)))")] }
                if let identity { placed.append(.file(file.path, identity)) }
            }
            return placed
        }
        var placed: [(path: String, identity: OutputMemo.Identity)] = []
        placed.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            switch outcome {
            case .file(let path, let identity): placed.append((path, identity))
            case .failure(let failure):
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure])
            }
        }
        return placed
    }

    /// A file put in place, or why it could not be.
    private enum Placement {
        case file(String, OutputMemo.Identity)
        case failure(String)
    }

    /// Why a live file could not be taken.
    private struct LinkProblem: Error {
        let text: String
    }

    /// Puts the live site's file in the new site, as the build cache recorded it: nothing to do
    /// when the reused site already has that file (the same inode), else a hard link, else (another
    /// file system) a copy. The live file is checked again as it is taken: if it was replaced
    /// since the build looked (another build, a deploy), the build fails rather than publish
    /// bytes it did not make. Returns the file's identity in the new site, or the problem.
    private static func link(
        _ file: OutputFile, from earlier: String?, into root: String, replacing: Bool
    ) -> Result<OutputMemo.Identity, LinkProblem> {
        let path = root + "/" + file.path
        guard let earlier, let expected = file.expected else {
            return .failure(LinkProblem(text: "\(path): no earlier site to reuse it from"))
        }
        let source = earlier + "/" + file.path
        let changed = LinkProblem(
            text:
                "\(source) changed while this build ran (another build or a deploy?). Nothing was replaced; build again."
        )
        if replacing {
            var status = stat()
            if lstat(path, &status) == 0 {
                if OutputMemo.Identity.of(status) == expected { return .success(expected) }
                if status.st_mode & S_IFMT == S_IFDIR {
                    removeInParallel(path)
                } else if unlink(path) != 0 {
                    return .failure(LinkProblem(text: "\(path): \(String(cString: strerror(errno)))"))
                }
            }
        }
        if Glibc.link(source, path) == 0 {
            // A hard link is the same inode: it has the identity the live file has now.
            return OutputMemo.Identity.of(path) == expected ? .success(expected) : .failure(changed)
        }
        let descriptor = open(source, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(changed) }
        defer { close(descriptor) }
        guard OutputMemo.Identity.of(descriptor: descriptor) == expected,
            let contents = try? FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).readToEnd()
        else { return .failure(changed) }
        let copy = OutputFile(path: file.path, contents: contents)
        guard let identity = (try? writeInParallel([copy], into: root, reusingUnchangedFrom: nil))?.first?.identity
        else { return .failure(LinkProblem(text: "\(path): could not be copied from the live site")) }
        return .success(identity)
    }

    /// Whether the file at `path` holds exactly `contents` (a regular file, not a link elsewhere).
    public static func hasSameBytes(_ path: String, as contents: Data) -> Bool {
        identityIfSameBytes(path, as: contents) != nil
    }

    /// The identity of the file at `path` when it holds exactly `contents`, else nil.
    static func identityIfSameBytes(_ path: String, as contents: Data) -> OutputMemo.Identity? {
        // Opened without following a symbolic link, then looked at: one lookup of the path, and
        // the identity is that of the bytes compared.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            Int(status.st_size) == contents.count, let identity = OutputMemo.Identity.of(status)
        else { return nil }
        var buffer = [UInt8](repeating: 0, count: contents.count)
        var offset = 0
        while offset < buffer.count {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            offset += count
        }
        let same = buffer.withUnsafeBytes { old in
            contents.withUnsafeBytes { new in
                old.count == 0 || memcmp(old.baseAddress!, new.baseAddress!, old.count) == 0
            }
        }
        return same ? identity : nil
    }

    /// Swaps two paths atomically with Linux's `renameat2(RENAME_EXCHANGE)`; false where the
    /// system or the file system lacks it (the caller then renames twice).
    public static func exchange(_ first: String, _ second: String) -> Bool {
        typealias RenameAt2 =
            @convention(c) (
                Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
            ) -> Int32
        // glibc declares it only for _GNU_SOURCE, which Swift's Glibc module lacks.
        guard let renameat2 = SystemFunction.named("renameat2", as: RenameAt2.self) else { return false }
        let currentDirectory: Int32 = -100  // AT_FDCWD
        let renameExchange: UInt32 = 2  // RENAME_EXCHANGE
        return renameat2(currentDirectory, first, currentDirectory, second, renameExchange) == 0
    }

    /// Deletes a folder, a subfolder per thread.
    public static func removeInParallel(_ path: String) {
        let fileManager = FileManager.default
        let children = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
        DispatchQueue.concurrentPerform(iterations: children.count) { index in
            try? FileManager.default.removeItem(atPath: path + "/" + children[index])
        }
        try? fileManager.removeItem(atPath: path)
    }

    public static func posixError(_ path: String) -> CocoaError {
        CocoaError(
            .fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(path): \(String(cString: strerror(errno)))"])
    }

    public static func failure(_ message: String, at destination: URL, hint: String) -> BuildFailure {
        BuildFailure(
            diagnostics: [.error(message, at: SourcePosition(file: destination.path), hint: hint, stage: .write)],
            isConfigurationError: true)
    }
}
