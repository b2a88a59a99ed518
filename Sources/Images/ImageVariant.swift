import Foundation

/// One encoded size of an image in one format, ready to write: `fileName` carries a hash of the
/// bytes (`photo-1a2b3c4d-640.webp`), so the file can be cached by browsers for ever.
public struct ImageVariant: Sendable, Equatable {
    public let format: ImageFormat
    public let width: Int
    public let height: Int
    public let data: Data
    /// The first 8 hex digits of the SHA-256 of `data`.
    public let hash: String
    /// `<name>-<hash>-<width>.<extension>`.
    public let fileName: String

    public init(name: String, format: ImageFormat, width: Int, height: Int, data: Data) {
        self.init(
            name: name, format: format, width: width, height: height, data: data,
            hash: String(Vips.sha256(data).prefix(8)))
    }

    /// Writes `data` as `folder/fileName` (replacing a file of that name) and returns its URL.
    /// Plain POSIX writes: Foundation's `Data.write` syncs every file to disk, which made a warm
    /// build of 375 variants spend most of its time waiting for the disk.
    @discardableResult
    public func write(into folder: URL) throws(ImageError) -> URL {
        let url = folder.appendingPathComponent(fileName)
        try FileOutput.write(data, to: url)
        return url
    }

    init(name: String, format: ImageFormat, width: Int, height: Int, data: Data, hash: String) {
        self.format = format
        self.width = width
        self.height = height
        self.data = data
        self.hash = hash
        self.fileName = "\(name)-\(hash)-\(width).\(format.fileExtension)"
    }
}
