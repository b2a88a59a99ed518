import Foundation
import SiteBuilder
import SiteCore
import Testing

@Suite struct BuildOptionsTests {
    func build(
        _ fileSystem: InMemoryFileSystem, drafts: Bool = false, baseURL: String? = nil
    ) throws -> [String: String] {
        var context = Fixtures.context(fileSystem, drafts: drafts)
        context.baseURLOverride = baseURL
        let result = try SiteBuilder(context: context).build()
        return Dictionary(
            uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    }

    @Test func draftsAreLeftOutUnlessAsked() throws {
        let fileSystem = Fixtures.fileSystem("sites/monolingual")
        #expect(try build(fileSystem)["en/docs/draft/index.html"] == nil)
        #expect(try build(fileSystem, drafts: true)["en/docs/draft/index.html"] != nil)
    }

    @Test func baseURLCanBeOverridden() throws {
        let files = try build(Fixtures.fileSystem("sites/monolingual"), baseURL: "https://preview.example.org")
        #expect(files["en/index.html"]?.contains("href=\"https://preview.example.org/en/\"") == true)
    }

    @Test func rawHTMLIsKeptOnlyWhenTheConfigAllowsIt() throws {
        var fileSystem = Fixtures.fileSystem("sites/monolingual")
        #expect(try build(fileSystem)["en/docs/guide/index.html"]?.contains("<!-- raw HTML omitted -->") == true)
        let config = fileSystem.text(of: "config.yaml")! + "allowRawHTML: true\n"
        fileSystem.storage["config.yaml"] = Data(config.utf8)
        fileSystem.storage["content/docs/faq.md"] = Data("---\ntitle: FAQ\n---\n<aside>Kept</aside>\n".utf8)
        let files = try build(fileSystem)
        #expect(files["en/docs/faq/index.html"]?.contains("<aside>Kept</aside>") == true)
    }

    @Test func aliasesRedirectToTheirPage() throws {
        let files = try build(Fixtures.fileSystem("sites/monolingual"))
        #expect(
            files["old/guide/index.html"]?.contains("<meta http-equiv=\"refresh\" content=\"0; url=/en/docs/guide/\">")
                == true)
        #expect(files["legacy.html"]?.contains("url=/en/docs/guide/") == true)
    }

    @Test func contentAssetsAreCopiedAndLinkedAbsolutely() throws {
        let files = try build(Fixtures.fileSystem("sites/monolingual"))
        #expect(files["docs/images/steps.svg"] != nil)
        #expect(files["en/docs/guide/index.html"]?.contains("<img src=\"/docs/images/steps.svg\"") == true)
    }

    @Test func siteFilesOverrideThemeFiles() throws {
        var fileSystem = Fixtures.fileSystem("sites/monolingual")
        fileSystem.storage["static/css/style.css"] = Data("site wins".utf8)
        fileSystem.storage["layouts/404.mustache"] = Data("custom 404 {{language.code}}".utf8)
        let files = try build(fileSystem)
        let css = try #require(files.keys.first { $0.hasPrefix("css/style.") && $0.hasSuffix(".css") })
        #expect(css == "css/style.\(ContentHash.of("site wins")).css")
        #expect(files[css] == "site wins")
        #expect(files["en/index.html"]?.contains("<link rel=\"stylesheet\" href=\"/\(css)\">") == true)
        #expect(files["en/404.html"] == "custom 404 en")
    }

    @Test func menusResolvePagesAndOrderByWeight() throws {
        let html = try build(Fixtures.fileSystem("sites/monolingual"))["en/news/launch/index.html"] ?? ""
        #expect(
            html.contains(
                "<nav><a href=\"/en/docs/\">Docs</a> <a href=\"/en/news/\" aria-current=\"page\">News</a> <a href=\"https://example.org/source\">Source</a> </nav>"
            ))
    }

    @Test func feedsListDatedPagesNewestFirst() throws {
        let feed = try build(Fixtures.fileSystem("sites/monolingual"))["en/news/atom.xml"] ?? ""
        let update = try #require(feed.range(of: "<title>Update</title>"))
        let launch = try #require(feed.range(of: "<title>Launch</title>"))
        #expect(update.lowerBound < launch.lowerBound)
        #expect(feed.contains("<updated>2024-11-20T00:00:00Z</updated>"))
    }
}

@Suite struct NestedSectionTests {
    @Test func nestedSectionsHaveTheirOwnPagesAndBreadcrumbs() throws {
        let result = try SiteBuilder(context: Fixtures.context(Fixtures.fileSystem("sites/monolingual"))).build()
        let files = Dictionary(
            uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
        let tuning = try #require(files["en/docs/advanced/tuning/index.html"])
        #expect(
            tuning.contains(
                "<nav><a href=\"/en/\">Welcome</a> / <a href=\"/en/docs/\">Documentation</a> / <a href=\"/en/docs/advanced/\">Advanced</a> / </nav>"
            ))
        #expect(tuning.contains("<a href=\"/en/docs/guide/\">guide</a>"))
        let docs = try #require(files["en/docs/index.html"])
        #expect(docs.contains("<li class=\"section\"><a href=\"/en/docs/advanced/\">Advanced</a></li>"))
        #expect(!docs.contains("Tuning"))
    }

    @Test func progressIsReportedUpToTheLastPage() throws {
        // Reports come from every core; the lock keeps the recorder itself free of races.
        final class Recorder: @unchecked Sendable {
            private let lock = NSLock()
            private var reports: [BuildProgress] = []
            func add(_ report: BuildProgress) { lock.withLock { reports.append(report) } }
            var all: [BuildProgress] { lock.withLock { reports } }
        }
        let recorder = Recorder()
        var context = Fixtures.context(Fixtures.fileSystem("sites/monolingual"))
        context.progress = { recorder.add($0) }
        _ = try SiteBuilder(context: context).build()
        let completed = recorder.all.map(\.completed)
        #expect(completed == completed.sorted(), "progress went backwards: \(completed)")
        let last = try #require(recorder.all.last)
        #expect(last.stage == .render)
        #expect(last.completed == last.total)
        #expect(last.total == 9)
    }
}

@Suite struct TranslationOrderTests {
    @Test func translationsInheritWeightAndDate() throws {
        var fileSystem = Fixtures.fileSystem("sites/multilingual")
        // The French Beta page has its own weight; remove it: it must still sort after Alpha.
        let beta = try #require(fileSystem.text(of: "content/partners/beta.fr.md"))
        fileSystem.storage["content/partners/beta.fr.md"] = Data(
            beta.replacingOccurrences(of: "weight: 2\n", with: "").utf8)
        let alpha = try #require(fileSystem.text(of: "content/partners/alpha.fr.md"))
        fileSystem.storage["content/partners/alpha.fr.md"] = Data(
            alpha.replacingOccurrences(of: "weight: 1\n", with: "").replacingOccurrences(
                of: "date: 2024-05-17\n", with: ""
            ).utf8)
        let result = try SiteBuilder(context: Fixtures.context(fileSystem)).build()
        let list = try #require(result.files.first { $0.path == "fr/partenaires/index.html" })
        let html = String(decoding: list.contents, as: UTF8.self)
        let alphaAt = try #require(html.range(of: "Institut Alpha"))
        let betaAt = try #require(html.range(of: "Université Beta"))
        #expect(alphaAt.lowerBound < betaAt.lowerBound)
        #expect(html.contains("17 mai 2024"))
    }
}
