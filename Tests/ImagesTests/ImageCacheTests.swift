import Foundation
import Images
import Testing

@Suite struct ImageCacheTests {
    func setUp() throws -> (cache: ImageCache, variants: ImageVariants, folder: URL) {
        let folder = try Fixtures.temporaryFolder()
        let encoders = try ImageEncoders.detect()
        // WebP and the fallback keep these tests quick; the cache does not care which formats.
        let variants = try ImageVariants(encoders: encoders, options: .init(formats: [.webp, .jpeg, .png]))
        return (ImageCache(directory: folder.appendingPathComponent("images")), variants, folder)
    }

    @Test func aHitEncodesNothingAndGivesTheSameBytes() throws {
        let (cache, variants, folder) = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try Fixtures.data("photo-gps.jpg")
        var encoded = 0
        func lookup() throws -> ImageCache.Lookup {
            try cache.variants(of: source, name: "photo", using: variants) { (data, name) throws(ImageError) in
                encoded += 1
                return try variants.make(from: data, name: name)
            }
        }
        let miss = try lookup()
        #expect(!miss.hit && encoded == 1)
        let hit = try lookup()
        #expect(hit.hit && encoded == 1)
        #expect(hit.key == miss.key)
        #expect(hit.variants == miss.variants)
        // With and without the cache: the same bytes and names.
        #expect(try variants.make(from: source, name: "photo") == hit.variants)
        // The name is the caller's, not the cache's.
        let renamed = try cache.variants(of: source, name: "other", using: variants)
        #expect(renamed.hit && renamed.variants.allSatisfy { $0.fileName.hasPrefix("other-") })
    }

    @Test func keyChangesWithBytesOptionsAndLibvips() throws {
        let (cache, variants, folder) = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try Fixtures.data("logo.png")
        let key = cache.key(source: source, variants: variants)
        var changed = source
        changed[changed.count - 20] ^= 1
        #expect(cache.key(source: changed, variants: variants) != key)
        let otherQuality = try ImageVariants(
            encoders: variants.encoders, options: .init(quality: 50, formats: [.webp, .jpeg, .png]))
        #expect(cache.key(source: source, variants: otherQuality) != key)
        let otherLibrary = try ImageVariants(
            encoders: ImageEncoders(available: variants.encoders.available, libraryVersion: "9.0.0"),
            options: variants.options)
        #expect(cache.key(source: source, variants: otherLibrary) != key)
        #expect(cache.key(source: source, variants: variants) == key)
    }

    @Test func pruneRemovesWhatThisBuildDidNotUse() throws {
        let (cache, variants, folder) = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let photo = try cache.variants(of: try Fixtures.data("photo-gps.jpg"), name: "photo", using: variants)
        let logo = try cache.variants(of: try Fixtures.data("logo.png"), name: "logo", using: variants)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cache.directory.path).sorted()
                == [logo.key, photo.key].sorted())
        #expect(try cache.prune(keeping: [logo.key]) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.directory.path) == [logo.key])
        #expect(try cache.variants(of: try Fixtures.data("logo.png"), name: "logo", using: variants).hit)
        #expect(try !cache.variants(of: try Fixtures.data("photo-gps.jpg"), name: "photo", using: variants).hit)
        // A cache folder that does not exist yet prunes nothing.
        #expect(try ImageCache(directory: folder.appendingPathComponent("none")).prune(keeping: []) == 0)
    }

    @Test func aDamagedEntryIsAMiss() throws {
        let (cache, variants, folder) = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try Fixtures.data("logo.png")
        let first = try cache.variants(of: source, name: "logo", using: variants)
        let entry = cache.directory.appendingPathComponent(first.key)
        let file = try FileManager.default.contentsOfDirectory(atPath: entry.path).first { $0.hasSuffix(".webp") }!
        try Data("cut".utf8).write(to: entry.appendingPathComponent(file))
        let again = try cache.variants(of: source, name: "logo", using: variants)
        #expect(!again.hit)
        #expect(again.variants == first.variants)
    }
}

@Suite struct ImageCacheFileTests {
    @Test func anUnchangedFileIsNotReadAgainAndAChangedOneIs() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ImageCache(directory: folder.appendingPathComponent("cache"))
        let variants = try ImageVariants(
            encoders: try ImageEncoders.detect([.webp, .png]), options: .init(formats: [.webp, .png]))
        let file = folder.appendingPathComponent("logo.png")
        let original = try Fixtures.data("logo.png")
        try original.write(to: file)

        let miss = try cache.variants(ofFile: file, name: "logo", using: variants)
        #expect(!miss.hit)
        #expect(miss.key == cache.key(source: original, variants: variants))
        let hit = try cache.variants(ofFile: file, name: "logo", using: variants)
        #expect(hit.hit && hit.variants == miss.variants)

        // Other bytes of the same size written in place with the old time: the remembered stamp
        // (size, time, inode) still matches, so the file is not read (the documented trade-off).
        var before = stat()
        #expect(stat(file.path, &before) == 0)
        var other = original
        other[other.count - 30] ^= 0xFF
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: other)
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, file.path, &times, 0) == 0)
        #expect(try cache.variants(ofFile: file, name: "logo", using: variants).key == miss.key)

        // A new time: read and hashed again (another valid PNG: the 320-pixel variant).
        let replacement = try #require(miss.variants.first { $0.format == .png && $0.width == 320 }).data
        try replacement.write(to: file)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: file.path)
        let changed = try cache.variants(ofFile: file, name: "logo", using: variants)
        #expect(!changed.hit)
        #expect(changed.key == cache.key(source: replacement, variants: variants) && changed.key != miss.key)

        // Pruning keeps the remembered stamps (they are not entries).
        #expect(try cache.prune(keeping: [changed.key]) == 1)
        #expect(FileManager.default.fileExists(atPath: cache.directory.appendingPathComponent(".sources").path))

        let missing = #expect(throws: ImageError.self) {
            try cache.variants(ofFile: folder.appendingPathComponent("none.png"), name: "none", using: variants)
        }
        #expect(missing?.message.contains("none.png") == true)
    }
}
