import Foundation
import SiteCore

#if canImport(Glibc)
    import Glibc
#endif

/// What each file of the live site was made from, kept between builds (the build cache in
/// `.cache/build/`): a key that names everything a file's bytes depend on (a page's template
/// model and templates, a language's search documents) and the identity of the file the build
/// left (device, inode, size, modification time). A later build that computes the same key
/// hard-links the live file instead of making it again.
///
/// Nothing in it is trusted blindly: a memo from another generator or format, cut short, or not
/// ending in its checksum is ignored whole; an entry whose file is no longer the one recorded
/// (edited, replaced, gone) is not used. Files in the output are never written through (see
/// `StagedOutput`), so a file that still has the recorded identity still has the recorded bytes.
public struct OutputMemo: Sendable {
    /// A file as `lstat` sees it; equal identities are the same unchanged file.
    public struct Identity: Sendable, Hashable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int64
        var modifiedNanoseconds: Int64

        /// The regular file at `path`, or nil.
        public static func of(_ path: String) -> Identity? {
            var status = stat()
            guard lstat(path, &status) == 0 else { return nil }
            return of(status)
        }

        /// The open file `descriptor`, or nil.
        public static func of(descriptor: Int32) -> Identity? {
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { return nil }
            return of(status)
        }

        /// The file `status` describes, or nil when it is not a regular file.
        static func of(_ status: stat) -> Identity? {
            guard status.st_mode & S_IFMT == S_IFREG else { return nil }
            return Identity(
                device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
                modifiedSeconds: Int64(status.st_mtim.tv_sec), modifiedNanoseconds: Int64(status.st_mtim.tv_nsec))
        }
    }

    struct Entry: Sendable {
        var path: String
        var identity: Identity
    }

    /// Bumped when the file's format or the meaning of its keys changes.
    static let format = "interact-site build memo 1"

    /// The generator that wrote the live site (see `OutputWriter.generator`): any other version's
    /// memo is ignored, since the same key may give other bytes.
    public let generator: String
    private(set) var entries: [String: [Entry]] = [:]
    /// The keys each file was recorded under (a page is recorded under two: see `OutputFile.otherMemoKeys`).
    private var keysByPath: [String: [String]] = [:]

    public init(generator: String) {
        self.generator = generator
    }

    /// The live site's files made under `key`, when every one of them is still the file
    /// recorded; nil otherwise. `site` is the live site's folder. Each keeps the other keys it
    /// was recorded under that name none but these files (`CarriedKeys`).
    func unchangedFiles(under key: String, in site: String) -> [OutputFile]? {
        guard let files = entries[key], !files.isEmpty else { return nil }
        // A stage's files (thousands of posters, a language's index) are looked at on every core.
        let changed = ParallelMap.chunks(count: files.count, perCore: 2) { range -> [Bool] in
            [range.contains { Identity.of(site + "/" + files[$0].path) != files[$0].identity }]
        }
        if changed.contains(true) { return nil }
        var carried = CarriedKeys(memo: self, paths: Set(files.map(\.path)), besides: key)
        return files.map {
            var reused = OutputFile.reused($0.path, key: key, identity: $0.identity)
            reused.otherMemoKeys = carried.keys(of: $0.path)
            return reused
        }
    }

    /// The keys a reused file keeps besides the one it was found by: those that name none but
    /// files reused with it. A key naming others too (a stage's files, a language's index) would,
    /// carried by some of its files, name only part of what it made, and a later build would
    /// take that part for the whole.
    private struct CarriedKeys {
        let memo: OutputMemo
        let paths: Set<String>
        let besides: String
        private var verdicts: [String: Bool] = [:]

        init(memo: OutputMemo, paths: Set<String>, besides: String) {
            self.memo = memo
            self.paths = paths
            self.besides = besides
        }

        mutating func keys(of path: String) -> [String] {
            (memo.keysByPath[path] ?? []).filter { key in
                guard key != besides else { return false }
                if let verdict = verdicts[key] { return verdict }
                let verdict = (memo.entries[key] ?? []).allSatisfy { paths.contains($0.path) }
                verdicts[key] = verdict
                return verdict
            }
        }
    }

    /// The live file `path` when it was made under `key` and is unchanged since.
    func unchangedFile(_ path: String, under key: String, in site: String) -> OutputFile? {
        guard let file = entries[key]?.first(where: { $0.path == path }),
            Identity.of(site + "/" + path) == file.identity
        else { return nil }
        var reused = OutputFile.reused(path, key: key, identity: file.identity)
        var carried = CarriedKeys(memo: self, paths: [path], besides: key)
        reused.otherMemoKeys = carried.keys(of: path)
        return reused
    }

    /// Records that `path`, now with `identity`, was made under `key`.
    mutating func record(_ path: String, key: String, identity: Identity) {
        entries[key, default: []].append(Entry(path: path, identity: identity))
        keysByPath[path, default: []].append(key)
    }

    /// The memo as text: a header, a line per file, and a last line with the count and a
    /// checksum of everything before it (a memo cut short by a killed build does not end in it).
    public var text: String {
        // Written as bytes: forty thousand lines of interpolated text were a tenth of a second.
        var bytes = Array("\(Self.format)\ngenerator\t\(generator)\n".utf8)
        bytes.reserveCapacity(entries.count * 128)
        var count = 0
        for key in entries.keys.sorted() {
            for entry in entries[key]! {
                let identity = entry.identity
                bytes += key.utf8
                for field in [
                    entry.path, String(identity.device), String(identity.inode), String(identity.size),
                    String(identity.modifiedSeconds), String(identity.modifiedNanoseconds),
                ] {
                    bytes.append(9)
                    bytes += field.utf8
                }
                bytes.append(10)
                count += 1
            }
        }
        let body = String(decoding: bytes, as: UTF8.self)
        return body + "end\t\(count)\t\(StableHash.of(body))\n"
    }

    /// Reads a memo written by `text`; an empty memo for `generator` when the text is not one,
    /// is from another generator, or was cut short.
    public static func read(_ text: String, generator: String) -> OutputMemo {
        var memo = OutputMemo(generator: generator)
        guard let endLine = text.dropLast().lastIndex(of: "\n") else { return memo }
        let body = String(text[..<text.index(after: endLine)])
        let end = text[text.index(after: endLine)...].split(separator: "\t", omittingEmptySubsequences: false)
        guard text.hasSuffix("\n"), end.count == 3, end[0] == "end", end[2] == StableHash.of(body) + "\n"
        else { return memo }
        // Forty thousand lines for ten thousand pages: read as bytes (splitting Substrings into
        // Characters showed in a warm build's profile).
        let bytes = Array(body.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            let lines = buffer.split(separator: 10, omittingEmptySubsequences: false).dropLast()
            guard lines.count >= 2, String(decoding: lines[0], as: UTF8.self) == format,
                String(decoding: lines[1], as: UTF8.self) == "generator\t" + generator,
                Int(end[1]) == lines.count - 2
            else { return memo }
            for line in lines.dropFirst(2) {
                let fields = line.split(separator: 9, omittingEmptySubsequences: false)
                guard fields.count == 7, let device = number(fields[2]), let inode = number(fields[3]),
                    let size = signed(fields[4]), let seconds = signed(fields[5]), let nanoseconds = signed(fields[6])
                else { return OutputMemo(generator: generator) }
                memo.record(
                    String(decoding: fields[1], as: UTF8.self), key: String(decoding: fields[0], as: UTF8.self),
                    identity: Identity(
                        device: device, inode: inode, size: size, modifiedSeconds: seconds,
                        modifiedNanoseconds: nanoseconds))
            }
            return memo
        }
    }

    /// Decimal digits, as `UInt64.init(_:)` reads them from text (nil when not one, or too large).
    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard (48...57).contains(byte) else { return nil }
            let (times, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowedAgain) = times.addingReportingOverflow(UInt64(byte - 48))
            guard !overflowed, !overflowedAgain else { return nil }
            value = sum
        }
        return value
    }

    /// An optional minus sign, then digits (`Int64.init(_:)`).
    private static func signed(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Int64? {
        let negative = text.first == 45
        guard let magnitude = number(negative ? text.dropFirst() : text[...]) else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The memo at `file` for `generator` (empty when there is none or it is not usable). Removes
    /// what builds killed while writing one left beside it.
    public static func load(from file: URL, generator: String) -> OutputMemo {
        StoppedWrites.removeFiles(in: file.deletingLastPathComponent(), prefix: file.lastPathComponent + ".tmp-")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return OutputMemo(generator: generator)
        }
        return read(String(decoding: data, as: UTF8.self), generator: generator)
    }

    /// Writes `memo` to `file` through a temporary name, so that `file` is always a whole memo.
    static func store(_ memo: OutputMemo, at file: URL) {
        let temporary = file.path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(memo.text.utf8).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, file.path) != 0 { unlink(temporary) }
        } catch {
            unlink(temporary)
        }
    }

    /// Whether `text` can stand in a memo line (keys and paths hold no tab or line feed).
    static func fits(_ text: String) -> Bool {
        !text.utf8.contains(9) && !text.utf8.contains(10) && !text.isEmpty
    }
}
