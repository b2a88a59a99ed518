import Foundation

/// One file of the built site, held in memory until the whole build has succeeded.
public struct OutputFile: Sendable, Hashable {
    /// Relative to the output folder, `/`-separated.
    public var path: String
    public var contents: Data
    /// What the bytes were made from, for the build cache (`OutputMemo`); nil: not remembered.
    public var memoKey: String?
    /// Further keys the same bytes are recorded under: a page is found again by what it is made
    /// from (before its model is built) as well as by its model.
    public var otherMemoKeys: [String] = []
    /// The live site's file at `path` is this file, unchanged (`contents` is then empty): the
    /// writer links it rather than writing bytes.
    public private(set) var isReused = false
    /// For a reused file: the live file as the build cache recorded it; linked only if it still is.
    public private(set) var expected: OutputMemo.Identity?

    public init(path: String, contents: Data, memoKey: String? = nil) {
        self.path = path
        self.contents = contents
        self.memoKey = memoKey
    }

    public init(path: String, text: String, memoKey: String? = nil) {
        self.init(path: path, contents: Data(text.utf8), memoKey: memoKey)
    }

    /// This file, also recorded under `key` (a key naming every file a stage made).
    public func recorded(alsoUnder key: String) -> OutputFile {
        var file = self
        if file.memoKey != key, !file.otherMemoKeys.contains(key) { file.otherMemoKeys.append(key) }
        return file
    }

    /// The live site's `path`, which the build cache found unchanged with `identity`
    /// (`StagedOutput.unchangedFiles(under:)`).
    static func reused(_ path: String, key: String, identity: OutputMemo.Identity) -> OutputFile {
        var file = OutputFile(path: path, contents: Data(), memoKey: key)
        file.isReused = true
        file.expected = identity
        return file
    }
}
