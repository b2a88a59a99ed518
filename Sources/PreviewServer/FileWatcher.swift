import Foundation

#if canImport(Glibc)
    import Glibc

    /// Watches a site's source folders with Linux inotify and reports batches of changed paths.
    ///
    /// inotify watches are not recursive, so every folder below the watched ones gets its own watch,
    /// and folders created later are added as they appear. Editors save through temporary files
    /// (`.file.swp`, `file~`, `4913`, `#file#`) and renames: those names are ignored, and events are
    /// gathered until `quietPeriod` passes without another, so one save is one rebuild.
    public final class FileWatcher: Sendable {
        /// Top-level folders of a site whose changes matter (config.yaml is watched by name).
        public static let watchedFolders = ["content", "themes", "layouts", "static", "i18n", "schemas", "data"]
        public static let watchedFiles = ["config.yaml"]

        let root: String
        let quietPeriod: Duration
        let descriptor: Int32
        let stopPipe: (read: Int32, write: Int32)

        /// Starts watching `root`; nil when inotify is unavailable.
        public init?(root: String, quietPeriod: Duration = .milliseconds(20)) {
            let descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0 else { return nil }
            var pipeEnds: [Int32] = [0, 0]
            guard pipe(&pipeEnds) == 0 else {
                close(descriptor)
                return nil
            }
            self.root = URL(fileURLWithPath: root).standardizedFileURL.path
            self.quietPeriod = quietPeriod
            self.descriptor = descriptor
            self.stopPipe = (pipeEnds[0], pipeEnds[1])
        }

        deinit {
            close(descriptor)
            close(stopPipe.read)
            close(stopPipe.write)
        }

        /// Ends `changes()`.
        public func stop() {
            var byte: UInt8 = 1
            _ = write(stopPipe.write, &byte, 1)
        }

        /// Batches of changed paths, relative to the root, sorted. Reads on a thread of its own, so a
        /// slow consumer never loses events (the kernel queues them meanwhile).
        public func changes() -> AsyncStream<[String]> {
            let (stream, continuation) = AsyncStream.makeStream(of: [String].self)
            let thread = Thread { [self] in
                self.readLoop { continuation.yield($0) }
                continuation.finish()
            }
            thread.name = "interact-site file watcher"
            thread.start()
            return stream
        }

        private static let mask = UInt32(
            IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MODIFY
                | IN_ATTRIB)

        /// Whether an editor's scratch file: changes to it are not changes to the site.
        public static func isScratch(_ name: String) -> Bool {
            name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name.hasSuffix(".swp")
                || name.hasSuffix(".swx") || name.hasSuffix(".tmp") || name == "4913"
        }

        private func readLoop(_ emit: ([String]) -> Void) {
            var folders: [Int32: String] = [:]
            func watch(_ relative: String) {
                let absolute = relative.isEmpty ? root : root + "/" + relative
                let wd = inotify_add_watch(descriptor, absolute, Self.mask)
                guard wd >= 0 else { return }
                folders[wd] = relative
                let children = (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []
                for child in children.sorted() where !Self.isScratch(child) {
                    let path = relative.isEmpty ? child : relative + "/" + child
                    guard relative.isEmpty ? Self.watchedFolders.contains(child) : true else { continue }
                    var isFolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder),
                        isFolder.boolValue
                    {
                        watch(path)
                    }
                }
            }
            watch("")

            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            var pending: Set<String> = []
            let quietMilliseconds =
                Int32(quietPeriod.components.seconds * 1000)
                + Int32(quietPeriod.components.attoseconds / 1_000_000_000_000_000)
            while true {
                var polled = [
                    pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0),
                ]
                // Wait for ever while idle; once something changed, only for the quiet period.
                let ready = poll(&polled, 2, pending.isEmpty ? -1 : quietMilliseconds)
                if ready < 0 {
                    if errno == EINTR { continue }
                    return
                }
                if polled[1].revents != 0 { return }
                if ready == 0 {
                    emit(pending.sorted())
                    pending = []
                    continue
                }
                let count = read(descriptor, &buffer, buffer.count)
                guard count > 0 else { continue }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let (wd, eventMask, length) = buffer.withUnsafeBytes { raw in
                        let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        return (event.wd, event.mask, Int(event.len))
                    }
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = buffer[nameStart..<min(nameStart + length, count)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    offset = nameStart + length
                    guard let folder = folders[wd] else { continue }
                    if eventMask & UInt32(IN_IGNORED) != 0 {
                        folders[wd] = nil
                        continue
                    }
                    guard !name.isEmpty, !Self.isScratch(name) else { continue }
                    if folder.isEmpty, !Self.watchedFolders.contains(name), !Self.watchedFiles.contains(name) {
                        continue
                    }
                    let path = folder.isEmpty ? name : folder + "/" + name
                    if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        watch(path)
                    }
                    pending.insert(path)
                }
            }
        }
    }
#endif
