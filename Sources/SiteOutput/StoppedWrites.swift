import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a writer stopped mid-write leaves (killed, or the machine went down): a temporary file
/// or folder named `<prefix><process number>`. Builds name their temporary outputs after their
/// process, so one whose process is gone will never be finished; one whose process still runs
/// belongs to a build writing now and is left alone.
public enum StoppedWrites {
    /// The names in `folder` that start with `prefix` and end in the number of a process that
    /// no longer runs.
    public static func names(in folder: URL, prefix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { name in
            guard name.hasPrefix(prefix), let process = Int32(name.dropFirst(prefix.count)) else { return false }
            return kill(process, 0) != 0 && errno == ESRCH
        }
    }

    /// Removes the files among `names(in:prefix:)`.
    public static func removeFiles(in folder: URL, prefix: String) {
        for name in names(in: folder, prefix: prefix) { unlink(folder.appendingPathComponent(name).path) }
    }
}
