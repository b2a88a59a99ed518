import Foundation
import SiteBuilder
import SiteCore
import Testing

@Suite struct GoldenSiteTests {
    @Test(arguments: ["monolingual", "multilingual", "typed", "events", "images", "book"])
    func buildMatchesGoldenOutput(name: String) throws {
        let result = try SiteBuilder(context: Fixtures.context(Fixtures.fileSystem("sites/\(name)"))).build()
        // Encoded images are compared by what they are (ImagePipelineTests decodes each one), not by
        // their bytes, which a libvips or libaom update may change; their names and the pages are golden.
        try Fixtures.assertMatchesGolden(result.files.filter { !Self.isEncodedImage($0.path) }, name: name)
    }

    static func isEncodedImage(_ path: String) -> Bool {
        ["png", "jpg", "jpeg", "webp", "avif"].contains { path.hasSuffix("." + $0) }
    }

    @Test(arguments: ["monolingual", "multilingual", "typed", "events", "images", "book"])
    func buildIsDeterministic(name: String) throws {
        let fileSystem = Fixtures.fileSystem("sites/\(name)")
        let first = try SiteBuilder(context: Fixtures.context(fileSystem)).build()
        let second = try SiteBuilder(context: Fixtures.context(fileSystem)).build()
        #expect(first.files == second.files)
    }
}
