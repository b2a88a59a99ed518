import Foundation
import Images

/// The checked-in images of Tests/Fixtures/images (made by its make-fixtures.py).
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/images")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    /// A fresh empty folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Strings that only the fixture's metadata contains: none may survive into a variant.
    static let metadataMarkers = [
        "Exif\0\0", "FixtureCam", "secret place", "http://ns.adobe.com/xap", "GPSLatitude", "ICC_PROFILE", "iCCP",
        "eXIf",
    ]

    static func contains(_ data: Data, _ marker: String) -> Bool {
        data.range(of: Data(marker.utf8)) != nil
    }
}
