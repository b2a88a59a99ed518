import Foundation
import MarkdownRendering
import SiteCore
import SiteOutput

#if canImport(Glibc)
    import Glibc
#endif

/// The parsed Markdown of the last build, kept in the build cache (`.cache/build/markdown.cache`)
/// by the text each page was parsed from, so a build reads the pages that did not change instead
/// of parsing them again (on 10,000 pages, parsing is a fifth of a build with nothing edited).
///
/// Like the output memo (`OutputMemo`), nothing in it is trusted blindly: a file from another
/// program (`generator`: the executable and its libraries, cmark-gfm among them) or format, or
/// not ending in its index, is not used; an entry whose checksum does not match its bytes is
/// parsed again. It is written to a temporary name and renamed, so a build killed while writing
/// it leaves the previous file, or none.
struct MarkdownCache: Sendable {
    /// 128 bits of a page's Markdown and of whether raw HTML is allowed (which changes the parse).
    struct Key: Hashable, Sendable {
        var high: UInt64
        var low: UInt64

        init(high: UInt64, low: UInt64) {
            self.high = high
            self.low = low
        }

        init(body: String, allowRawHTML: Bool) {
            var body = body
            let seeds: (UInt64, UInt64) = allowRawHTML ? (0x5EED_0001, 0x5EED_0002) : (0x5EED_0003, 0x5EED_0004)
            (high, low) = body.withUTF8 { bytes in
                (
                    StableHash.bytes(UnsafeRawBufferPointer(bytes), seed: seeds.0),
                    StableHash.bytes(UnsafeRawBufferPointer(bytes), seed: seeds.1)
                )
            }
        }
    }

    let file: URL
    /// The program whose parse the file holds (`OutputMemo.generator`).
    let generator: String

    private static let format = "interact-site markdown cache 1"
    /// The last eight bytes of a complete file.
    private static let endMark: UInt64 = 0x696E_7465_7261_6374

    /// The file's documents, read on demand by the threads that parse.
    final class Stored: @unchecked Sendable {
        fileprivate struct Slot {
            var offset: Int
            var length: Int
            var checksum: UInt64
        }

        private let descriptor: Int32
        fileprivate let slots: [Key: Slot]
        /// Where the documents end and the index starts.
        fileprivate let indexOffset: Int

        fileprivate init(descriptor: Int32, slots: [Key: Slot], indexOffset: Int) {
            self.descriptor = descriptor
            self.slots = slots
            self.indexOffset = indexOffset
        }

        deinit { close(descriptor) }

        var count: Int { slots.count }

        /// The document parsed from the text `key` names, or nil when the file has none (or a damaged one).
        func document(for key: Key) -> MarkdownDocument? {
            guard let slot = slots[key] else { return nil }
            var bytes = [UInt8](repeating: 0, count: slot.length)
            let read = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress, slot.length, off_t(slot.offset))
            }
            guard read == slot.length else { return nil }
            return bytes.withUnsafeBytes { buffer in
                StableHash.bytes(buffer, seed: 0) == slot.checksum ? MarkdownDocument(stored: buffer) : nil
            }
        }
    }

    /// The file as the last build left it, or nil when there is none this program can use.
    /// Removes what builds killed while writing one left beside it.
    func open() -> Stored? {
        StoppedWrites.removeFiles(in: file.deletingLastPathComponent(), prefix: temporaryPrefix)
        let descriptor = Glibc.open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        let header = Array("\(Self.format)\n\(generator)\n".utf8)
        guard fstat(descriptor, &status) == 0, Int(status.st_size) >= header.count + 24,
            let head = Self.read(descriptor, at: 0, count: header.count), head == header,
            let end = Self.read(descriptor, at: Int(status.st_size) - 24, count: 24)
        else {
            close(descriptor)
            return nil
        }
        let words = end.withUnsafeBytes { bytes in
            (0..<3).map { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
        let (indexOffset, count) = (Int(clamping: words[0]), Int(clamping: words[1]))
        guard words[2] == Self.endMark, count >= 0, count <= Int(status.st_size) / 40, indexOffset >= header.count,
            indexOffset + count * 40 + 24 == Int(status.st_size),
            let index = Self.read(descriptor, at: indexOffset, count: count * 40)
        else {
            close(descriptor)
            return nil
        }
        var slots: [Key: Stored.Slot] = [:]
        slots.reserveCapacity(count)
        index.withUnsafeBytes { bytes in
            for entry in 0..<count {
                let word = { (field: Int) in
                    UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: entry * 40 + field * 8, as: UInt64.self))
                }
                let slot = Stored.Slot(
                    offset: Int(clamping: word(2)), length: Int(clamping: word(3)), checksum: word(4))
                guard slot.offset >= header.count, slot.length >= 0, slot.offset <= indexOffset - slot.length else {
                    continue
                }
                slots[Key(high: word(0), low: word(1))] = slot
            }
        }
        return Stored(descriptor: descriptor, slots: slots, indexOffset: indexOffset)
    }

    /// Replaces the file with `documents` (each once, by key), written one at a time, so the
    /// site's parsed pages are never held twice.
    func save(_ documents: [(key: Key, document: MarkdownDocument)]) {
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(
            temporaryPrefix + "\(ProcessInfo.processInfo.processIdentifier)")
        let descriptor = Glibc.open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var written = true
        var buffer = Array("\(Self.format)\n\(generator)\n".utf8)
        var offset = 0
        var index: [UInt8] = []
        var seen = Set<Key>()
        var stored: [UInt8] = []
        func flush() {
            if written, !buffer.isEmpty { written = Self.write(descriptor, buffer) }
            offset += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
        for (key, document) in documents where seen.insert(key).inserted {
            stored.removeAll(keepingCapacity: true)
            document.store(into: &stored)
            let checksum = stored.withUnsafeBytes { StableHash.bytes($0, seed: 0) }
            for word in [key.high, key.low, UInt64(offset + buffer.count), UInt64(stored.count), checksum] {
                withUnsafeBytes(of: word.littleEndian) { index += $0 }
            }
            buffer += stored
            if buffer.count >= 1 << 20 { flush() }
        }
        flush()
        for word in [UInt64(offset), UInt64(seen.count), Self.endMark] {
            withUnsafeBytes(of: word.littleEndian) { index += $0 }
        }
        if written { written = Self.write(descriptor, index) }
        close(descriptor)
        if !written || rename(temporary.path, file.path) != 0 { unlink(temporary.path) }
    }

    /// Brings the file as `opened` to `documents`: the documents it lacks are written after the
    /// ones it has, then a new index of those still used (a body edit writes one page, not the
    /// whole file). The file is written whole again (`save`) when the documents no longer used
    /// would be more than half of it. A build killed while appending leaves a file without its
    /// index at the end, which `open` does not use.
    func update(_ opened: Stored, to documents: [(key: Key, document: MarkdownDocument)]) {
        var kept: [(key: Key, slot: Stored.Slot)] = []
        var added: [(key: Key, document: MarkdownDocument)] = []
        var seen = Set<Key>()
        for (key, document) in documents where seen.insert(key).inserted {
            if let slot = opened.slots[key] { kept.append((key, slot)) } else { added.append((key, document)) }
        }
        let keptBytes = kept.reduce(0) { $0 + $1.slot.length }
        guard keptBytes * 2 >= opened.indexOffset else { return save(documents) }
        let descriptor = Glibc.open(file.path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return save(documents) }
        defer { close(descriptor) }
        // The old index goes first: until the new one is written the file is not used.
        guard ftruncate(descriptor, off_t(opened.indexOffset)) == 0,
            lseek(descriptor, off_t(opened.indexOffset), SEEK_SET) == off_t(opened.indexOffset)
        else { return }
        var index: [UInt8] = []
        func entry(_ key: Key, offset: Int, length: Int, checksum: UInt64) {
            for word in [key.high, key.low, UInt64(offset), UInt64(length), checksum] {
                withUnsafeBytes(of: word.littleEndian) { index += $0 }
            }
        }
        for (key, slot) in kept { entry(key, offset: slot.offset, length: slot.length, checksum: slot.checksum) }
        var offset = opened.indexOffset
        var stored: [UInt8] = []
        for (key, document) in added {
            stored.removeAll(keepingCapacity: true)
            document.store(into: &stored)
            entry(
                key, offset: offset, length: stored.count,
                checksum: stored.withUnsafeBytes { StableHash.bytes($0, seed: 0) })
            guard Self.write(descriptor, stored) else { return }
            offset += stored.count
        }
        for word in [UInt64(offset), UInt64(kept.count + added.count), Self.endMark] {
            withUnsafeBytes(of: word.littleEndian) { index += $0 }
        }
        _ = Self.write(descriptor, index)
    }

    private var temporaryPrefix: String { ".\(file.lastPathComponent).tmp-" }

    private static func read(_ descriptor: Int32, at offset: Int, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return read == count ? bytes : nil
    }

    private static func write(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let wrote = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if wrote <= 0 { return false }
                done += wrote
            }
            return true
        }
    }
}
