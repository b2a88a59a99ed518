import Foundation
import SiteBuilder
import SiteCore
import Testing

/// Stages spread over every core; the bytes must not depend on it.
@Suite struct ParallelBuildTests {
    @Test(arguments: ["monolingual", "multilingual", "typed", "events"])
    func parallelBuildEqualsSingleThreadedBuild(name: String) throws {
        var serial = Fixtures.context(Fixtures.fileSystem("sites/\(name)"))
        serial.threads = 1
        let parallel = Fixtures.context(Fixtures.fileSystem("sites/\(name)"))
        let one = try SiteBuilder(context: serial).build().files
        let many = try SiteBuilder(context: parallel).build().files
        #expect(one.map(\.path) == many.map(\.path))
        for (a, b) in zip(one, many) where a.contents != b.contents {
            Issue.record("\(name): \(a.path) differs between a single-threaded and a parallel build")
        }
    }

    /// A generated site large enough that every thread gets many pages, with shared documents
    /// (untranslated pages shown in several languages, each with its own link targets).
    @Test func aLargerSiteBuildsTheSameOnEveryThreadCount() throws {
        var site = Fixtures.fileSystem("sites/multilingual")
        for index in 0..<300 {
            let next = (index + 1) % 300
            site.storage["content/partners/p\(index).md"] = Data(
                "---\ntitle: Page \(index)\ndate: 2024-01-\(10 + index % 18)\n---\n## Part \(index)\n\nSee [next](p\(next).md#part-\(next)) and [Alpha](alpha.md).\n"
                    .utf8)
            if index % 3 == 0 {
                site.storage["content/partners/p\(index).fr.md"] = Data(
                    "---\ntitle: Page \(index) (fr)\n---\n## Partie\n\nVoir [la suite](p\(next).md).\n".utf8)
            }
        }
        var serial = Fixtures.context(site)
        serial.threads = 1
        let one = try SiteBuilder(context: serial).build().files
        let many = try SiteBuilder(context: Fixtures.context(site)).build().files
        #expect(one.count == many.count)
        #expect(one == many)
    }
}
