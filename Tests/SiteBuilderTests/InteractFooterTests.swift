import Foundation
import SiteBuilder
import SiteCore
import Testing

/// The interact theme's footer: `social` and `shortLinkOnScreen` from config.yaml.
@Suite struct InteractFooterTests {
    /// The multilingual fixture in the theme that ships, with `extra` added to its config.
    static func build(_ extra: String) throws -> BuildResult {
        var fileSystem = Fixtures.fileSystem("sites/multilingual")
        let config = try #require(fileSystem.text(of: "config.yaml"))
        fileSystem.storage["config.yaml"] = Data(
            (config.replacingOccurrences(of: "theme: minimal", with: "theme: interact") + extra).utf8)
        for path in fileSystem.storage.keys where path.hasPrefix("themes/") { fileSystem.storage[path] = nil }
        let theme = LocalFileSystem(root: Fixtures.repositoryRoot.appendingPathComponent("themes/interact").path)
        for path in theme.files(under: "") {
            fileSystem.storage["themes/interact/" + path] = theme.contents(of: path)
        }
        return try SiteBuilder(context: Fixtures.context(fileSystem)).build()
    }

    static func page(_ path: String, in result: BuildResult) -> String {
        result.files.first { $0.path == path }.map { String(decoding: $0.contents, as: UTF8.self) } ?? ""
    }

    @Test func theShortLinkIsForPrintUnlessAskedForOnScreen() throws {
        let printed = Self.page("en/about/index.html", in: try Self.build(""))
        let line = try #require(printed.split(separator: "\n").first { $0.contains("class=\"short-link") })
        // On this site's own address (a preview's too), not the published one.
        #expect(line.hasPrefix("<p class=\"short-link print-only\">Short link: <a href=\"/Q/"))
        #expect(line.contains(">consortium.example.eu/Q/"))
        let shown = Self.page("en/about/index.html", in: try Self.build("shortLinkOnScreen: true\n"))
        #expect(shown.contains("<p class=\"short-link\">Short link: <a href=\"/Q/"))
        let css = try #require(
            try Self.build("").files.first { $0.path.hasPrefix("css/site.") && $0.path.hasSuffix(".css") })
        #expect(
            String(decoding: css.contents, as: UTF8.self).contains("@media screen { .print-only { display: none; } }"))
    }

    @Test func socialAccountsAreLinksNamingTheirNetwork() throws {
        let result = try Self.build("social:\n  - {network: X, handle: \"@EuropeanCancer\"}\n")
        #expect(
            Self.page("en/about/index.html", in: result).contains(
                "<li><a href=\"https://x.com/EuropeanCancer\">@EuropeanCancer on X</a></li>"))
        #expect(
            Self.page("fr/a-propos/index.html", in: result).contains(
                "<li><a href=\"https://x.com/EuropeanCancer\">@EuropeanCancer sur X</a></li>"))
        #expect(!Self.page("en/about/index.html", in: try Self.build("")).contains("social-links"))
    }
}
