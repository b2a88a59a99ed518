import Foundation
import SiteBuilder
import SiteCore
import Testing

@Suite struct GoldenSiteTests {
    @Test(arguments: ["monolingual", "multilingual", "typed", "events", "book"])
    func buildMatchesGoldenOutput(name: String) throws {
        let result = try SiteBuilder(context: Fixtures.context(Fixtures.fileSystem("sites/\(name)"))).build()
        try Fixtures.assertMatchesGolden(result.files, name: name)
    }

    @Test(arguments: ["monolingual", "multilingual", "typed", "events", "book"])
    func buildIsDeterministic(name: String) throws {
        let fileSystem = Fixtures.fileSystem("sites/\(name)")
        let first = try SiteBuilder(context: Fixtures.context(fileSystem)).build()
        let second = try SiteBuilder(context: Fixtures.context(fileSystem)).build()
        #expect(first.files == second.files)
    }
}
