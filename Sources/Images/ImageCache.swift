import Foundation

/// A persistent on-disk cache of encoded variants, so a rebuild encodes only what changed. An
/// entry is a folder named by the SHA-256 of the source bytes, the options, the formats this
/// libvips writes and its version; it holds each variant's bytes and a manifest. What comes out of
/// the cache is byte for byte what encoding would give. The folder is injected (the site uses
/// `.cache/images/`), so tests use their own; nothing here is global.
public struct ImageCache: Sendable {
    /// The result of a lookup: the variants named for this use, the entry's key (to keep it when
    /// pruning) and whether it was a hit (nothing encoded).
    public struct Lookup: Sendable {
        public let variants: [ImageVariant]
        public let key: String
        public let hit: Bool
    }

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The cache key of `source` made with `variants`.
    public func key(source: Data, variants: ImageVariants) -> String {
        key(sourceHash: Vips.sha256(source), variants: variants)
    }

    /// The cache key from the source's `hash(of:)`: a caller that remembers the hash of an unchanged
    /// file need not read it again.
    public func key(sourceHash: String, variants: ImageVariants) -> String {
        let encoders = variants.encoders
        let parameters = [
            "interact-images-1", variants.options.fingerprint,
            "encoders=" + encoders.available.map(\.rawValue).joined(separator: ","),
            "libvips=" + encoders.libraryVersion,
        ].joined(separator: "\n")
        var material = Data(parameters.utf8)
        material.append(0)
        material.append(Data(sourceHash.utf8))
        return Vips.sha256(material)
    }

    /// The variants of `source` named `name`: from the cache when there, else made by
    /// `variants.make` and stored.
    public func variants(of source: Data, name: String, using variants: ImageVariants) throws(ImageError) -> Lookup {
        try self.variants(of: source, name: name, using: variants) { (source, name) throws(ImageError) in
            try variants.make(from: source, name: name)
        }
    }

    /// As above, with the encoding step given (tests count its calls: a hit makes none).
    public func variants(
        of source: Data, name: String, using variants: ImageVariants,
        encode: (Data, String) throws(ImageError) -> [ImageVariant]
    ) throws(ImageError) -> Lookup {
        let key = key(source: source, variants: variants)
        if let cached = read(key: key, name: name) {
            return Lookup(variants: cached, key: key, hit: true)
        }
        let made = try encode(source, name)
        try write(made, key: key)
        return Lookup(variants: made, key: key, hit: false)
    }

    /// The variants of the file at `url`, like `variants(of:name:using:)`, without reading the file
    /// when it is unchanged since it was last hashed: `.sources/` remembers each path's size,
    /// modification time, inode and SHA-256 (as git's index does), so a warm build reads only the
    /// cached variants. A file whose size, time or inode changed is read and hashed again.
    public func variants(ofFile url: URL, name: String, using variants: ImageVariants) throws(ImageError) -> Lookup {
        let memoFolder = directory.appendingPathComponent(".sources")
        let memo = memoFolder.appendingPathComponent(Vips.sha256(Data(url.standardizedFileURL.path.utf8)))
        let stamp = Self.stamp(of: url)
        if let stamp, let remembered = try? String(contentsOf: memo, encoding: .utf8) {
            let fields = remembered.split(separator: " ")
            if fields.count == 2, fields[0] == stamp {
                let key = key(sourceHash: String(fields[1]), variants: variants)
                if let cached = read(key: key, name: name) { return Lookup(variants: cached, key: key, hit: true) }
            }
        }
        let source: Data
        do {
            source = try Data(contentsOf: url)
        } catch {
            throw .unreadable(format: nil, detail: "\(url.path) cannot be read (\(error.localizedDescription))")
        }
        let lookup = try self.variants(of: source, name: name, using: variants)
        if let stamp {
            // (Written after the source was read: a change during the read gives a new stamp next time.)
            try? FileManager.default.createDirectory(at: memoFolder, withIntermediateDirectories: true)
            let temporary = memoFolder.appendingPathComponent(".tmp-\(UUID().uuidString)")
            if (try? FileOutput.write(Data("\(stamp) \(Vips.sha256(source))".utf8), to: temporary)) != nil {
                if rename(temporary.path, memo.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
            }
        }
        return lookup
    }

    /// A share card from the cache, or drawn and stored. The key holds the texts, the font files
    /// (path, size, time) and the libvips version. Returns the PNG, the key (to keep when
    /// pruning) and whether it was a hit.
    public func shareCard(
        _ text: ShareCard.Text, using card: ShareCard
    ) throws(ImageError) -> (png: Data, key: String, hit: Bool) {
        let fonts = [card.regularFont, card.boldFont].map { "\($0)=\(Self.stamp(of: URL(fileURLWithPath: $0)) ?? "")" }
        let material =
            (["interact-share-card-1", card.family, "libvips=" + Vips.version] + fonts + [
                text.title, text.section, text.project, text.fundingStatement,
            ]).joined(separator: "\n")
        let key = Vips.sha256(Data(material.utf8))
        let file = directory.appendingPathComponent(key).appendingPathComponent("card.png")
        if let png = try? Data(contentsOf: file), png.count > 8 { return (png, key, true) }
        let png = try card.render(text).png
        let folder = directory.appendingPathComponent(key)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try png.write(to: file, options: .atomic)
        } catch {
            throw .cacheFailure(path: folder.path, detail: "\(error)")
        }
        return (png, key, false)
    }

    /// size:mtime-seconds.nanoseconds:inode, or nil when the file cannot be examined.
    private static func stamp(of url: URL) -> String? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        #if os(Linux)
            let time = info.st_mtim
        #else
            let time = info.st_mtimespec
        #endif
        return "\(info.st_size):\(time.tv_sec).\(time.tv_nsec):\(info.st_ino)"
    }

    /// Removes every entry whose key is not in `keeping` (the keys this build used); returns how
    /// many were removed.
    @discardableResult
    public func prune(keeping: Set<String>) throws(ImageError) -> Int {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            if !FileManager.default.fileExists(atPath: directory.path) { return 0 }
            throw .cacheFailure(path: directory.path, detail: "\(error)")
        }
        var removed = 0
        // (.sources and unfinished .tmp- folders are not entries.)
        for name in names.sorted() where !keeping.contains(name) && !name.hasPrefix(".") {
            do {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
                removed += 1
            } catch {
                throw .cacheFailure(path: directory.appendingPathComponent(name).path, detail: "\(error)")
            }
        }
        return removed
    }

    /// The SHA-256 of a source, as `key(sourceHash:variants:)` takes it.
    public static func hash(of source: Data) -> String { Vips.sha256(source) }

    /// The variants stored under `key`, named `name`; nil when there is no complete entry.
    public func cached(key: String, name: String) -> [ImageVariant]? { read(key: key, name: name) }

    /// Each line: format width height hash file.
    private static let manifestName = "manifest"

    private func read(key: String, name: String) -> [ImageVariant]? {
        let folder = directory.appendingPathComponent(key)
        guard let manifest = try? String(contentsOf: folder.appendingPathComponent(Self.manifestName), encoding: .utf8)
        else { return nil }
        var variants: [ImageVariant] = []
        for line in manifest.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 5, let format = ImageFormat(rawValue: fields[0]), let width = Int(fields[1]),
                let height = Int(fields[2]), let data = try? Data(contentsOf: folder.appendingPathComponent(fields[4]))
            else { return nil }
            // A damaged entry (a file changed or cut short) is treated as a miss.
            guard String(Vips.sha256(data).prefix(8)) == fields[3] else { return nil }
            variants.append(
                ImageVariant(name: name, format: format, width: width, height: height, data: data, hash: fields[3]))
        }
        return variants
    }

    /// Written into a temporary folder, then renamed into place: a reader never sees half an entry,
    /// and two builds writing the same entry both succeed.
    private func write(_ variants: [ImageVariant], key: String) throws(ImageError) {
        let manager = FileManager.default
        let folder = directory.appendingPathComponent(key)
        let temporary = directory.appendingPathComponent(".tmp-\(key)-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
            var manifest = ""
            for (index, variant) in variants.enumerated() {
                let file = "\(index).\(variant.format.fileExtension)"
                try FileOutput.write(variant.data, to: temporary.appendingPathComponent(file))
                manifest += "\(variant.format.rawValue) \(variant.width) \(variant.height) \(variant.hash) \(file)\n"
            }
            try FileOutput.write(Data(manifest.utf8), to: temporary.appendingPathComponent(Self.manifestName))
            if manager.fileExists(atPath: folder.path) { try? manager.removeItem(at: folder) }
            do {
                try manager.moveItem(at: temporary, to: folder)
            } catch  where manager.fileExists(atPath: folder.appendingPathComponent(Self.manifestName).path) {
                try? manager.removeItem(at: temporary)  // another writer got there first
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw .cacheFailure(path: folder.path, detail: "\(error)")
        }
    }
}
