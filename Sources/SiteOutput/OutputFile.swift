import Foundation

/// One file of the built site, held in memory until the whole build has succeeded.
public struct OutputFile: Sendable, Hashable {
    /// Relative to the output folder, `/`-separated.
    public var path: String
    public var contents: Data
    /// What the bytes were made from, for the build cache (`OutputMemo`); nil: not remembered.
    public var memoKey: String?
    /// The live site's file at `path` is this file, unchanged (`contents` is then empty): the
    /// writer links it rather than writing bytes.
    public private(set) var isReused = false

    public init(path: String, contents: Data, memoKey: String? = nil) {
        self.path = path
        self.contents = contents
        self.memoKey = memoKey
    }

    public init(path: String, text: String, memoKey: String? = nil) {
        self.init(path: path, contents: Data(text.utf8), memoKey: memoKey)
    }

    /// The live site's `path`, which `StagedOutput.unchangedFiles(under: key)` found unchanged.
    public static func reused(_ path: String, key: String) -> OutputFile {
        var file = OutputFile(path: path, contents: Data(), memoKey: key)
        file.isReused = true
        return file
    }
}
