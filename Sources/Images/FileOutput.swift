import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files without syncing each to disk (Foundation's `Data.write` does, at a few hundred
/// microseconds a file). A cache entry is renamed into place when complete, so a crash leaves at
/// worst a missing entry, never a half one that is read.
enum FileOutput {
    static func write(_ data: Data, to url: URL) throws(ImageError) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cacheFailure(path: url.path, detail: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let failure: Int32? = data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw .cacheFailure(path: url.path, detail: String(cString: strerror(failure))) }
    }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(descriptor, bytes, count)
    #else
        return Darwin.write(descriptor, bytes, count)
    #endif
}
