import Foundation

/// One file of the built site, held in memory until the whole build has succeeded.
public struct OutputFile: Sendable, Hashable {
    /// Relative to the output folder, `/`-separated.
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}
