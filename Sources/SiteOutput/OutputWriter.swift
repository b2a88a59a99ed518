import Foundation
import SiteCore

#if canImport(Glibc)
    import Glibc
#endif

/// The `write` stage: a built site goes to a temporary folder beside the output and is swapped
/// in only when every file was written, so a failed build never leaves a half-built site and
/// never loses the previous one.
///
/// `begin()` opens that folder for a build to stream its files into as its stages make them
/// (`StagedOutput`); `write(_:)` does all of it at once for files already in memory.
public struct OutputWriter: Sendable {
    public let destination: URL
    /// The site's source folder, which the output must never replace.
    public let source: URL

    /// Bytes a build may hand over before they are written (see `StagedOutput.add`).
    public var pendingLimit = 16 << 20
    /// Take unchanged files from the live site, by the build cache's memo of what they were made
    /// from (`OutputMemo`, in `memoFile`); without, every file is made anew (and a memo left by
    /// an earlier build is removed when this site replaces the one it describes).
    public var usesBuildCache = false
    /// `.cache/build/output-<hash of the output folder>.memo` in the source folder.
    public var memoFile: URL { Self.memoFile(for: destination.path, source: source) }
    /// Names the program making the site: a memo written by another is not used. Nil: the
    /// running program (`runningProgram()`), worked out only when a memo is read.
    public var generator: String?

    public init(destination: String, source: String) {
        self.destination = URL(fileURLWithPath: destination, isDirectory: true).standardizedFileURL
        self.source = URL(fileURLWithPath: source, isDirectory: true).standardizedFileURL
    }

    /// Writes `files` as the whole new site.
    public func write(_ files: [OutputFile]) throws(BuildFailure) {
        let output = try begin()
        output.add(files)
        try output.commit()
    }

    /// Opens the temporary folder a build writes into; nothing outside it changes until `commit()`.
    public func begin() throws(BuildFailure) -> StagedOutput {
        let fileManager = FileManager.default
        let sourcePath = source.resolvingSymlinksInPath().path
        let destinationPath = destination.resolvingSymlinksInPath().path
        if sourcePath == destinationPath || sourcePath.hasPrefix(destinationPath + "/") || destinationPath == "/" {
            throw StagedOutput.failure(
                "The output folder \(destination.path) holds the site's sources; writing there would delete them.",
                at: destination, hint: "Choose another --output, such as the default `site`.")
        }
        var isFolder: ObjCBool = false
        let exists = fileManager.fileExists(atPath: destination.path, isDirectory: &isFolder)
        if exists && !isFolder.boolValue {
            throw StagedOutput.failure(
                "\(destination.path) exists and is not a folder.", at: destination,
                hint: "Move it away or choose another --output.")
        }
        let parent = destination.deletingLastPathComponent()
        let process = ProcessInfo.processInfo.processIdentifier
        let temporary = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(process)")
        let spare = Self.spare(of: destination)
        var recycled = false
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: temporary)
            adoptFoldersOfStoppedBuilds(in: parent, spare: spare)
            // The site an earlier build replaced is written over rather than made anew (see
            // StagedOutput); a spare that is not a folder is not used.
            var isSpareFolder: ObjCBool = false
            if fileManager.fileExists(atPath: spare.path, isDirectory: &isSpareFolder), isSpareFolder.boolValue,
                rename(spare.path, temporary.path) == 0
            {
                recycled = true
            } else {
                try fileManager.createDirectory(at: temporary, withIntermediateDirectories: true)
            }
        } catch {
            throw StagedOutput.failure(
                "The site could not be written to \(parent.path): \(error.localizedDescription)", at: destination,
                hint: "Check that the folder is writable and the disk has room. The previous site is untouched.")
        }
        // Without a live site there is nothing to reuse (and `StagedOutput` makes no keys).
        let memo =
            usesBuildCache && exists
            ? OutputMemo.load(from: memoFile, generator: generator ?? Self.runningProgram()) : nil
        return StagedOutput(
            destination: destination, temporary: temporary, earlier: exists ? destination.path : nil, spare: spare,
            recycled: recycled, pendingLimit: pendingLimit, memo: memo, memoFile: memoFile,
            usesBuildCache: usesBuildCache)
    }

    /// A build that was stopped (killed, or the machine went down) leaves its temporary folder
    /// `.site.tmp-<process>`: it becomes the spare, since any tree can be written over, or is
    /// removed when there is a spare already. Folders of builds still running are left alone.
    private func adoptFoldersOfStoppedBuilds(in parent: URL, spare: URL) {
        let fileManager = FileManager.default
        for name in StoppedWrites.names(in: parent, prefix: ".\(destination.lastPathComponent).tmp-") {
            let stopped = parent.appendingPathComponent(name)
            if !fileManager.fileExists(atPath: spare.path), rename(stopped.path, spare.path) == 0 { continue }
            StagedOutput.removeInParallel(stopped.path)
        }
    }

    /// The running executable and every library it has loaded (libcmark-gfm, libstemmer,
    /// libqrencode, libvips, Swift's runtime…), each by path, size and modification time: a
    /// rebuilt program or an upgraded library may make other bytes from the same key (a search
    /// index from the same documents, with another stemmer). The executable's path stays readable.
    public static func runningProgram() -> String {
        let files = programFiles()
        let identities = files.map { path -> String in
            let identity = OutputMemo.Identity.of(path)
            return "\(path) \(identity.map { "\($0.size) \($0.modifiedSeconds).\($0.modifiedNanoseconds)" } ?? "-")"
        }
        return "\(files.first ?? "unknown") \(StableHash.of(identities))"
    }

    /// The executable, then the other files mapped into the process (`/proc/self/maps`), sorted.
    public static func programFiles() -> [String] {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        // Read to the end: /proc files report a size of 0, and a read of that size stops early.
        let handle = FileHandle(forReadingAtPath: "/proc/self/maps")
        let maps = String(decoding: (try? handle?.readToEnd()) ?? Data(), as: UTF8.self)
        try? handle?.close()
        var mapped = Set<String>()
        for line in maps.split(separator: "\n") {
            // The path is the sixth field; it may hold spaces, so take everything from the first "/".
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = String(line[slash...])
            if path != executable, !path.hasSuffix(" (deleted)") { mapped.insert(path) }
        }
        return [executable] + mapped.sorted()
    }

    /// The memo file for the output `destination` in the source folder's `.cache/build/`.
    public static func memoFile(for destination: String, source: URL) -> URL {
        let absolute = URL(fileURLWithPath: destination, isDirectory: true).standardizedFileURL.path
        return source.appendingPathComponent(".cache/build/output-\(StableHash.of(absolute)).memo")
    }

    /// `.site.spare` beside `site`: the site the last build replaced, kept for the next one to reuse.
    public static func spare(of destination: URL) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).spare")
    }
}
