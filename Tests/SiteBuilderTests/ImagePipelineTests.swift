import Foundation
import Images
import SiteBuilder
import SiteCore
import SiteOutput
import Testing

/// The images fixture built as a whole site: every encoded file decodes to what its name says,
/// carries no metadata, and the pages' markup reserves each image's box.
@Suite struct ImagePipelineTests {
    static let fixture = "sites/images"

    static func build(cache: URL? = nil) throws -> BuildResult {
        var context = Fixtures.context(Fixtures.fileSystem(Self.fixture))
        context.imageCache = cache
        return try SiteBuilder(context: context).build()
    }

    /// One uncached build shared by the tests that only read it (encoding is the slow part).
    static let shared = Result { try build() }

    func build() throws -> BuildResult { try Self.shared.get() }

    func page(_ path: String, in result: BuildResult) throws -> String {
        let file = try #require(result.files.first { $0.path == path }, "\(path) was not built")
        return String(decoding: file.contents, as: UTF8.self)
    }

    @Test func everyVariantDecodesToItsFormatAndWidthWithoutMetadata() throws {
        let result = try build()
        let images = result.files.filter { GoldenSiteTests.isEncodedImage($0.path) }
        // eco.png: 320 and 480 (its width), the photo 320/640, the poster 320/400,
        // each in every format this libvips writes; plus the originals' addresses and the cards.
        #expect(images.count >= 12)
        let named = /-(?<width>[0-9]+)\.(?<ext>[a-z]+)$/
        for file in images {
            let probe = try ImageProbe(data: file.contents)
            let ext = file.path.split(separator: ".").last.map(String.init) ?? ""
            #expect(probe.format.fileExtension == (ext == "jpeg" ? "jpg" : ext), "\(file.path)")
            #expect(probe.metadata.isEmpty, "\(file.path) keeps \(probe.metadata)")
            #expect(!file.contents.contains(Data("GPS".utf8)), "\(file.path)")
            if let match = file.path.firstMatch(of: named), !file.path.hasPrefix("images/share/") {
                #expect(probe.width == Int(match.output.width), "\(file.path)")
            }
        }
        // The photo's own address serves its largest JPEG, stripped: the camera's GPS is gone.
        let original = try #require(result.files.first { $0.path == "news/images/kick-off.jpg" })
        let probe = try ImageProbe(data: original.contents)
        // (The camera held it on its side: EXIF orientation 6 turns 800 × 600 upright, 600 × 800.)
        #expect(probe.width == 600 && probe.height == 800 && probe.metadata.isEmpty)
        let source = try Data(
            contentsOf: Fixtures.root.appendingPathComponent(Self.fixture + "/content/news/images/kick-off.jpg"))
        #expect(try ImageProbe(data: source).metadata.contains("exif"), "the fixture photo must carry EXIF")
    }

    /// A photo in `image` without `imageAlt` is an error at its line, saying what to add (as an
    /// image in the text without its description is).
    @Test func aPhotoWithoutADescriptionIsAnError() throws {
        var site = Fixtures.fileSystem(Self.fixture)
        let path = "content/news/kick-off.md"
        let text = String(decoding: site.storage[path]!, as: UTF8.self)
        site.storage[path] = Data(
            text.replacingOccurrences(of: "imageAlt: \"The partners around the table in Brussels\"\n", with: "").utf8)
        let (_, diagnostics) = try SiteBuilder(context: Fixtures.context(site)).assemble()
        let warning = try #require(diagnostics.items.first { $0.message.contains("no description") })
        #expect(warning.severity == .error)
        #expect(warning.position.file == path && warning.position.line == 4 && warning.position.column == 1)
        #expect(warning.hint?.contains("imageAlt: \"") == true)
        // With it, no warning.
        let (_, described) = try SiteBuilder(context: Fixtures.context(Fixtures.fileSystem(Self.fixture))).validate()
        #expect(!described.items.contains { $0.message.contains("no description") })
    }

    /// A translation describes the photo in its own language (the field is translatable); one that
    /// does not is warned that its readers hear the original's language.
    @Test func aTranslationDescribesThePhotoInItsLanguage() throws {
        var site = Fixtures.fileSystem(Self.fixture)
        let path = "content/news/kick-off.el.md"
        site.storage[path] = Data("---\ntitle: Εναρκτήρια συνάντηση\n---\nΟι εταίροι συναντήθηκαν.\n".utf8)
        let (_, inherited) = try SiteBuilder(context: Fixtures.context(site)).validate()
        let warning = try #require(inherited.items.first { $0.message.contains("original's language only") })
        #expect(warning.severity == .warning && warning.position.file == path && warning.position.line == 2)

        site.storage[path] = Data(
            "---\ntitle: Εναρκτήρια συνάντηση\nimageAlt: \"Οι εταίροι γύρω από το τραπέζι στις Βρυξέλλες\"\n---\nΟι εταίροι συναντήθηκαν.\n"
                .utf8)
        let result = try SiteBuilder(context: Fixtures.context(site)).build()
        #expect(!result.warnings.contains { $0.message.contains("original's language only") })
        let greek = try page("el/news/kick-off/index.html", in: result)
        let lead = try #require(greek.range(of: "class=\"lead-image\""))
        #expect(
            greek[lead.lowerBound...].prefix { $0 != ">" }.contains(
                "alt=\"Οι εταίροι γύρω από το τραπέζι στις Βρυξέλλες\""))
    }

    @Test func markupReservesTheBoxAndLoadsTheFirstImageFirst() throws {
        let result = try build()
        let about = try page("en/about/index.html", in: result)
        #expect(about.contains("<picture><source type=\"image/"))
        let photo = try #require(about.range(of: "<img src=\"/news/images/kick-off-"), "src is the hashed version")
        let photoTag = about[photo.lowerBound...].prefix { $0 != ">" }
        #expect(photoTag.contains("width=\"600\" height=\"800\""))
        #expect(photoTag.contains("fetchpriority=\"high\"") && !photoTag.contains("loading="))
        #expect(photoTag.contains("alt=\"The partners around the table at the kick-off meeting\""))
        #expect(about.contains("</picture>"))
        let logo = try #require(about.range(of: "<img src=\"/partners/logos/esmo.svg\""))
        let logoTag = about[logo.lowerBound...].prefix { $0 != ">" }
        #expect(logoTag.contains("width=\"200\" height=\"80\"") && logoTag.contains("loading=\"lazy\""))

        let news = try page("en/news/kick-off/index.html", in: result)
        let lead = try #require(news.range(of: "class=\"lead-image\""))
        #expect(
            news[lead.lowerBound...].prefix { $0 != ">" }.contains("alt=\"The partners around the table in Brussels\""))
        #expect(news.contains("<meta property=\"og:image:alt\" content=\"The partners around the table in Brussels\">"))
        let poster = try #require(news.range(of: "<img src=\"/news/images/poster-"))
        #expect(news[poster.lowerBound...].prefix { $0 != ">" }.contains("loading=\"lazy\""))
        // The page's own image wins over a card, at the width link previews show best.
        #expect(news.contains("<meta property=\"og:image\" content=\"https://images.example.org/news/images/kick-off-"))
        #expect(news.contains("-600.jpg\">"))

        let partner = try page("en/partners/eco/index.html", in: result)
        #expect(partner.contains("class=\"partner-logo\""))
        #expect(partner.contains("width=\"480\" height=\"160\""))
    }

    @Test func thePartnersListShowsLogosOrMonograms() throws {
        let list = try page("en/partners/index.html", in: try build())
        #expect(list.contains("<ul class=\"logo-cards\">"))
        #expect(list.contains("<span class=\"card-logo\"><picture><source type=\"image/"))
        #expect(list.contains("<img src=\"/partners/logos/esmo.svg\" width=\"200\" height=\"80\""))
        // Example University has no logo and no short name: its initials stand in.
        #expect(list.contains("<span class=\"monogram\" aria-hidden=\"true\">EU</span>"))
        // It has no country either: it is listed under "Other", after the countries, not left out.
        let other = try #require(list.range(of: "id=\"country-other\">Other"))
        #expect(list[other.upperBound...].contains("Example University"))
    }

    @Test func everyPageHasADrawnShareCardInItsLanguage() throws {
        let result = try build()
        let greek = try page("el/partners/eco/index.html", in: result)
        let match = try #require(
            greek.firstMatch(
                of: /og:image" content="https:\/\/images\.example\.org\/(images\/share\/[0-9a-f]{16}\.png)"/))
        let card = try #require(result.files.first { $0.path == String(match.output.1) })
        let probe = try ImageProbe(data: card.contents)
        #expect(probe.width == ShareCard.width && probe.height == ShareCard.height)
        #expect(greek.contains("<meta property=\"og:image:alt\" content=\"Ευρωπαϊκός Οργανισμός για τον Καρκίνο"))
        let english = try page("en/partners/eco/index.html", in: result)
        #expect(!english.contains(String(match.output.1)), "each language has its own card")
    }

    @Test func theCacheGivesTheSameBytesAndEncodesNothingTheSecondTime() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("image-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let uncached = try build()
        let first = try Self.build(cache: folder)
        let second = try Self.build(cache: folder)
        #expect(first.files == uncached.files)
        #expect(second.files == uncached.files)
        #expect(first.imageReport?.contains("0 from the cache") == true)
        #expect(second.imageReport?.contains("0 encoded") == true, "\(second.imageReport ?? "")")
        #expect(second.imageReport?.contains("(0 drawn)") == true, "\(second.imageReport ?? "")")
    }
}

/// A rebuild with the cache neither reads nor decodes an unchanged image; a changed one is checked again.
@Suite struct ImageRebuildTests {
    /// The real disk, counting which files were read.
    final class CountingFileSystem: FileSystem, @unchecked Sendable {
        let base: LocalFileSystem
        private let lock = NSLock()
        private(set) var reads: [String] = []

        init(_ base: LocalFileSystem) { self.base = base }

        func contents(of path: String) -> Data? {
            lock.lock()
            reads.append(path)
            lock.unlock()
            return base.contents(of: path)
        }
        func isDirectory(_ path: String) -> Bool { base.isDirectory(path) }
        func files(under directory: String) -> [String] { base.files(under: directory) }
        func listing(under directory: String) -> (files: [String], skippedLinks: [(path: String, leadsOutside: Bool)]) {
            base.listing(under: directory)
        }
        func stamp(of path: String) -> String? { base.stamp(of: path) }
    }

    @Test func unchangedImagesAreNotReadAgainAndChangedOnesAreChecked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("images-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, data) in Fixtures.fileSystem(ImagePipelineTests.fixture).storage {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        func build() throws(BuildFailure) -> (BuildResult, [String]) {
            let files = CountingFileSystem(LocalFileSystem(root: folder.path))
            var context = Fixtures.context(files)
            context.imageCache = folder.appendingPathComponent(".cache/images")
            let result = try SiteBuilder(context: context).build()
            return (result, files.reads.filter { $0.hasPrefix("content/") && GoldenSiteTests.isEncodedImage($0) })
        }
        let (first, firstReads) = try build()
        #expect(firstReads.contains("content/news/images/kick-off.jpg"))
        let (second, secondReads) = try build()
        #expect(secondReads == [], "a warm build read \(secondReads)")
        #expect(second.files == first.files)

        // The photo is cut short in place: the next build reads it again and finds it damaged.
        let photo = folder.appendingPathComponent("content/news/images/kick-off.jpg")
        let bytes = try Data(contentsOf: photo)
        try bytes.prefix(bytes.count / 2).write(to: photo)
        #expect(throws: BuildFailure.self) { try build() }
    }
}
