import Foundation
import SiteBuilder
import SiteCore
import Testing

/// `/translation-status/`: every original and translation by title, linked as published, with
/// progress per language, with the built-in template and in the site's theme.
@Suite struct TranslationStatusPageTests {
    static let stale =
        "<a href=\"/en/partners/alpha/\">Alpha</a> → <a href=\"/fr/partners/alpha/\" hreflang=\"fr\" lang=\"fr\">Alpha</a> <small><code>content/partners/alpha.fr.md</code></small>"
    static let notVerified =
        "<a href=\"/en/partners/\">Partners</a> → <a href=\"/fr/partners/\" hreflang=\"fr\" lang=\"fr\">Partenaires</a> <small><code>content/partners/_index.fr.md</code></small>"
    static let missing = "<a href=\"/en/partners/beta/\">Beta</a> <small><code>content/partners/beta.md</code></small>"

    func statusPage(_ files: InMemoryFileSystem) throws -> String {
        let result = try SiteBuilder(context: Fixtures.context(files)).build()
        let file = try #require(result.files.first { $0.path == "translation-status/index.html" })
        return String(decoding: file.contents, as: UTF8.self)
    }

    @Test func theBuiltInPageListsTitlesLinkedToBothVersions() throws {
        let html = try statusPage(Fixtures.fileSystem("sites/typed"))
        #expect(
            html.contains("<td>2 of 17 pages translated (11 %)</td><td>0</td><td>1</td><td>1</td><td>15</td><td>0</td>")
        )
        #expect(html.contains("<h3>Stale</h3><ul><li>\(Self.stale)</li></ul>"))
        #expect(html.contains("<h3>Not verified</h3><ul><li>\(Self.notVerified)</li></ul>"))
        #expect(html.contains("<li>\(Self.missing)</li>"))
        #expect(!html.contains("<li>content/"))
    }

    @Test func theShippedThemeShowsItInTheSiteLayout() throws {
        var files = Fixtures.fileSystem("sites/typed")
        for path in files.storage.keys where path.hasPrefix("themes/") || path.hasPrefix("layouts/") {
            files.storage[path] = nil
        }
        let config = try #require(files.text(of: "config.yaml"))
        files.storage["config.yaml"] = Data(
            config.replacingOccurrences(of: "theme: minimal", with: "theme: interact").utf8)
        let theme = LocalFileSystem(root: Fixtures.repositoryRoot.appendingPathComponent("themes/interact").path)
        for path in theme.files(under: "") { files.storage["themes/interact/" + path] = theme.contents(of: path) }

        let html = try statusPage(files)
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/css/site."))
        #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"))
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(html.contains("<div class=\"wrap translation-status\">"))
        #expect(
            html.contains(
                "<td><meter min=\"0\" max=\"17\" value=\"2\" aria-hidden=\"true\"></meter> 2 of 17 pages translated</td>"
            ))
        #expect(html.contains("<ul class=\"status-list\"><li>\(Self.stale)</li></ul>"))
        #expect(html.contains("<ul class=\"status-list\"><li>\(Self.notVerified)</li></ul>"))
        #expect(html.contains("<li>\(Self.missing)</li>"))
        // The Content-Security-Policy allows no inline style or script.
        #expect(!html.contains("style="))
        #expect(!html.contains("<style"))
        #expect(!html.contains("<script>"))
    }
}
