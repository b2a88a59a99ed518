import Foundation
import Images

/// What the `images` check learnt about an unchanged file, so that a rebuild neither reads nor
/// decodes it again: per source path, its stamp (size, time, inode), SHA-256, format and upright
/// size, in `.cache/images/.checked/`. A file whose stamp changed is checked again; an entry that
/// cannot be read is a miss. `check` keeps no memo: a pull request's check decodes every image.
struct ImageCheckMemo {
    struct Entry: Equatable {
        let hash: String
        let format: ImageFormat
        let width: Int
        let height: Int
    }

    let folder: URL

    init(cache: URL) {
        folder = cache.appendingPathComponent(".checked")
    }

    private func file(for path: String) -> URL {
        folder.appendingPathComponent(ImageCache.hash(of: Data(path.utf8)))
    }

    func entry(path: String, stamp: String) -> Entry? {
        guard let text = try? String(contentsOf: file(for: path), encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ").map(String.init)
        guard fields.count == 5, fields[0] == stamp, let format = ImageFormat(rawValue: fields[2]),
            let width = Int(fields[3]), let height = Int(fields[4]), width > 0, height > 0
        else { return nil }
        return Entry(hash: fields[1], format: format, width: width, height: height)
    }

    /// Written to a temporary file and renamed, so a killed build leaves an entry whole or absent.
    func remember(_ entry: Entry, path: String, stamp: String) {
        let line = "\(stamp) \(entry.hash) \(entry.format.rawValue) \(entry.width) \(entry.height)"
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".tmp-\(UUID().uuidString)")
        guard (try? Data(line.utf8).write(to: temporary)) != nil else { return }
        if rename(temporary.path, file(for: path).path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }
}
