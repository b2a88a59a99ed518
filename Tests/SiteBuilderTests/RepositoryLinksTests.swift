import ContentModel
import Foundation
import SiteBuilder
import SiteCore
import Testing

/// "Edit this page" and "Translate this page" (config.yaml `repository`), exactly as built.
@Suite struct RepositoryLinksTests {
    let fileSystem = Fixtures.fileSystem("sites/multilingual")
    let result: BuildResult

    init() throws {
        // A one-off build, which lets Markdown go once parsed: the translate link still has the text.
        result = try SiteBuilder(context: Fixtures.context(fileSystem)).build()
    }

    func page(_ path: String) -> String {
        result.files.first { $0.path == path }.map { String(decoding: $0.contents, as: UTF8.self) } ?? ""
    }

    @Test func everyPageFromAFileLinksToItsEditor() {
        #expect(
            page("en/about/index.html").contains(
                "<a href=\"https://github.com/example/consortium/edit/main/content/about.md\">Edit this page</a>"))
        #expect(
            page("fr/a-propos/index.html").contains(
                "<a href=\"https://github.com/example/consortium/edit/main/content/about.fr.md\">Modifier cette page</a>"
            ))
        // A page shown untranslated is edited in its original.
        #expect(
            page("de/partners/index.html").contains(
                "<a href=\"https://github.com/example/consortium/edit/main/content/partners/_index.md\">Diese Seite bearbeiten</a>"
            ))
        // Pages the generator makes have no file to edit.
        #expect(!page("en/404.html").contains("/edit/"))
    }

    @Test func aPageShownUntranslatedLinksToItsTranslationPrefilled() throws {
        let original = try #require(fileSystem.text(of: "content/partners/_index.md"))
        let hash = ContentHash.of(original)
        // The whole link, as a template writes it into href (`&` escaped as `&amp;`).
        let expected =
            "https://github.com/example/consortium/new/main/content/partners?filename=_index.de.md&amp;value="
            + "---%0Atitle%3A%20Partners%0AtranslatedFrom%3A%20\(hash)%0A---%0A"
            + "All%20%5Bpartners%5D%28alpha.md%29%20of%20the%20consortium.%0A"
        #expect(
            page("de/partners/index.html").contains(
                "<a href=\"\(expected)\">Diese Seite übersetzen (Deutsch)</a>"))
        // Translated pages and pages in their own language have none.
        #expect(!page("fr/partenaires/index.html").contains("/new/"))
        #expect(!page("en/partners/index.html").contains("/new/"))
        #expect(!page("de/partners/delta-klinik/index.html").contains("/new/"))
    }

    @Test func withoutARepositoryThereAreNoLinks() throws {
        var fileSystem = fileSystem
        fileSystem.storage["config.yaml"] = try #require(fileSystem.text(of: "config.yaml")).replacingOccurrences(
            of: "repository: {url: \"https://github.com/example/consortium\", branch: main}\n", with: ""
        ).data(using: .utf8)
        let result = try SiteBuilder(context: Fixtures.context(fileSystem)).build()
        for file in result.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.contents, as: UTF8.self)
            #expect(!html.contains("github.com"), "\(file.path)")
        }
    }

    @Test func theDraftKeepsOnlyWhatATranslationGivesAsWritten() throws {
        var fileSystem = Fixtures.fileSystem("sites/typed")
        let original = """
            ---
            # The partner's page.
            title: "Alpha: the society"
            description: >
              A society
              of two lines.
            translationKey: alpha
            name: Alpha Society   # official
            # Facts, taken from here by translations
            country: BE
            type: society
            weight: 3

            ---
            Alpha is a society.
            """
        fileSystem.storage["content/partners/alpha.md"] = Data(original.utf8)
        fileSystem.storage["content/partners/alpha.fr.md"] = nil
        let (graph, _) = try SiteBuilder(context: Fixtures.context(fileSystem)).validate()
        let source = try #require(graph.sourcesByContentPath["partners/alpha.md"])
        let schema = try #require(graph.schemas["partner"])
        #expect(
            TranslationDraft.frontMatter(of: source, schema: schema) == """
                ---
                title: "Alpha: the society"
                description: >
                  A society
                  of two lines.
                translationKey: alpha
                name: Alpha Society   # official
                translatedFrom: \(ContentHash.of(original))
                ---

                """)
        #expect(TranslationDraft.fileName(of: source, language: "fr") == "alpha.fr.md")
    }

    @Test func aFrontMatterWrittenInFlowStyleIsWrittenAgainKeyByKey() throws {
        var fileSystem = Fixtures.fileSystem("sites/typed")
        let original = "---\n{title: Alpha, name: Alpha Society, country: BE}\n---\nAlpha.\n"
        fileSystem.storage["content/partners/alpha.md"] = Data(original.utf8)
        fileSystem.storage["content/partners/alpha.fr.md"] = nil
        let (graph, _) = try SiteBuilder(context: Fixtures.context(fileSystem)).validate()
        let source = try #require(graph.sourcesByContentPath["partners/alpha.md"])
        let schema = try #require(graph.schemas["partner"])
        #expect(
            TranslationDraft.frontMatter(of: source, schema: schema)
                == "---\ntitle: Alpha\nname: Alpha Society\ntranslatedFrom: \(ContentHash.of(original))\n---\n")
    }

    @Test func pageActionsInThePagesLanguage() throws {
        let result = try InteractFooterTests.build("")
        let german = InteractFooterTests.page("de/partners/index.html", in: result)
        #expect(german.contains("<ul class=\"page-actions\">"))
        #expect(german.contains("\">Diese Seite übersetzen (Deutsch)</a></li>"))
        #expect(german.contains("/edit/main/content/partners/_index.md\">Diese Seite bearbeiten</a></li>"))
        #expect(!InteractFooterTests.page("fr/partenaires/index.html", in: result).contains("Traduire cette page"))
    }
}
