import ContentModel
import Foundation
import SiteBuilder
import SiteCore
import Testing

@Suite struct TypedContentTests {
    let fileSystem = Fixtures.fileSystem("sites/typed")

    func built() throws -> (files: [String: String], warnings: [String]) {
        let result = try SiteBuilder(context: Fixtures.context(fileSystem)).build()
        return (
            Dictionary(
                uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) }),
            result.warnings.map(\.description)
        )
    }

    @Test func translationsInheritWhatTheyDoNotTranslate() throws {
        let page = try #require(try built().files["fr/partners/alpha/index.html"])
        #expect(
            page.contains("<p class=\"facts\">Société Alpha · Belgique (BE) · Société savante · /logos/alpha.svg</p>"))
    }

    @Test func referencesBecomeBacklinksAndTrees() throws {
        let files = try built().files
        #expect(
            files["en/partners/beta/index.html"]?.contains("<li><a href=\"/en/news/launch/\">Launch</a> (news)</li>")
                == true)
        #expect(
            files["en/courses/index.html"]?.contains(
                "<li>Basics<ul><li>Talking with patients<ul><li>Leading a team meeting [leader]</li><li>Listening [communicator]</li></ul></li></ul></li>"
            ) == true)
    }

    @Test func sectionsGroupByLocalisedCountry() throws {
        let french = try #require(try built().files["fr/centres/index.html"])
        let finland = try #require(french.range(of: "Finlande (1 page)"))
        let portugal = try #require(french.range(of: "Portugal (1 page)"))
        #expect(finland.lowerBound < portugal.lowerBound)
    }

    @Test func staleTranslationsAreWarnedAbout() throws {
        let warnings = try built().warnings
        #expect(
            warnings.contains(
                "content/partners/alpha.fr.md:4:17: warning: This translation was made from an older version of content/partners/alpha.md.\n    hint: Bring it up to date with content/partners/alpha.md, then run `interact-site translations --stamp fr content/partners/alpha.fr.md`."
            ))
    }

    @Test func translationStatusCountsTranslatedMissingAndStale() throws {
        let (graph, _) = try SiteBuilder(context: Fixtures.context(fileSystem)).validate()
        var warnings = DiagnosticList()
        let status = TranslationStatus.of(graph, warnings: &warnings)
        let french = try #require(status.languages.first)
        #expect(status.total == 17)
        #expect(french.translated == ["content/partners/_index.fr.md", "content/partners/alpha.fr.md"])
        #expect(french.stale == ["content/partners/alpha.fr.md"])
        #expect(french.missing.count == 15)
        #expect(french.missing.contains("content/partners/beta.md"))
        #expect(french.unstamped == ["content/partners/_index.fr.md"])
        #expect(french.missingStrings.isEmpty)
    }

    @Test func stampingRecordsTheOriginalsHash() throws {
        var stamped = fileSystem
        let results = try TranslationStamper(context: Fixtures.context(stamped)).stamp(
            language: "fr", paths: ["content/partners/alpha.fr.md"])
        let (graph, _) = try SiteBuilder(context: Fixtures.context(stamped)).validate()
        let original = try #require(graph.sourcesByContentPath["partners/alpha.md"])
        let fingerprint = TranslationFingerprint.of(original, schema: try #require(graph.schemas["partner"]))
        let text = try #require(results.first?.text)
        #expect(text.contains("translatedFrom: \(fingerprint)\n"))
        #expect(!text.contains("000000000000"))
        stamped.storage["content/partners/alpha.fr.md"] = Data(text.utf8)
        let result = try SiteBuilder(context: Fixtures.context(stamped)).build()
        #expect(!result.warnings.contains { $0.message.contains("older version") })
    }

    @Test func stampingRejectsFilesThatAreNotTranslations() throws {
        #expect(throws: BuildFailure.self) {
            try TranslationStamper(context: Fixtures.context(fileSystem)).stamp(
                language: "fr", paths: ["content/partners/alpha.md"])
        }
    }

    @Test func translationStampReplacesOrInserts() {
        #expect(
            TranslationStamp.apply("abc", to: "---\ntitle: T\n---\nBody")
                == "---\ntitle: T\ntranslatedFrom: abc\n---\nBody")
        #expect(
            TranslationStamp.apply("abc", to: "---\ntranslatedFrom: old\ntitle: T\n---\n")
                == "---\ntranslatedFrom: abc\ntitle: T\n---\n")
        #expect(TranslationStamp.apply("abc", to: "no front matter") == nil)
    }

    @Test func contentHashIgnoresLineEndingsButNotEdits() {
        #expect(ContentHash.of("a\r\nb\n") == ContentHash.of("a\nb\n"))
        #expect(ContentHash.of("a\nb\n") != ContentHash.of("a\nc\n"))
        #expect(ContentHash.of("x").count == 12)
    }

    @Test func scaffoldListsFieldsWithWhatTheyExpect() throws {
        let config = try SiteConfig.load(from: fileSystem)
        let schemas = try ContentSchema.loadAll(from: fileSystem)
        let (path, text) = try PageScaffold.make(
            kind: "partner", name: "Delta Institute", language: nil, config: config, schemas: schemas)
        #expect(path == "content/partners/delta-institute.md")
        #expect(text.contains("# country (required): a two-letter country code (ISO 3166-1, e.g. BE).\ncountry:\n"))
        #expect(text.contains("# website (optional): an https:// address.\n# website: https://example.org/\n"))
        let (translationPath, translation) = try PageScaffold.make(
            kind: "partner", name: "Delta Institute", language: "fr", config: config, schemas: schemas)
        #expect(translationPath == "content/partners/delta-institute.fr.md")
        #expect(translation.contains("# name (optional)"))
        #expect(!translation.contains("country"))
        #expect(throws: BuildFailure.self) {
            try PageScaffold.make(kind: "partnr", name: "X", language: nil, config: config, schemas: schemas)
        }
    }

    /// A translation asked for with the original's title as reworded since: the error names the
    /// original that shares most of its words (a partner followed the hint and nearly made a
    /// second page).
    @Test func aTranslationOfARewordedTitleSuggestsTheOriginal() throws {
        let config = try SiteConfig.load(from: fileSystem)
        let schemas = try ContentSchema.loadAll(from: fileSystem)
        let files: Set<String> = [
            "content/partners/pilot-course-in-lisbon.md", "content/partners/course-in-turku.md",
            "content/partners/kick-off.md",
        ]
        func hint(_ name: String) -> String? {
            do {
                _ = try PageScaffold.make(
                    kind: "partner", name: name, language: "fr", config: config, schemas: schemas,
                    existingFiles: files)
                return nil
            } catch {
                return error.diagnostics.first?.hint
            }
        }
        #expect(
            hint("Pilot course on communication and leadership in Lisbon")?.contains(
                "Did you mean content/partners/pilot-course-in-lisbon.md?") == true)
        // One word in common is not enough, and a tie names neither.
        #expect(hint("A course in Ghent")?.contains("Did you mean") == false)
        #expect(hint("Course in Lisbon and Turku")?.contains("Did you mean") == false)
    }

    /// The real site's news scaffold offers a photo as a JPEG next to the page, and its description.
    @Test func aNewsScaffoldOffersAPhotoAndItsDescription() throws {
        let site = LocalFileSystem(root: Fixtures.repositoryRoot.path)
        let (_, text) = try PageScaffold.make(
            kind: "news", name: "Pilot course", language: nil, config: try SiteConfig.load(from: site),
            schemas: try ContentSchema.loadAll(from: site))
        #expect(text.contains("\n# image: images/pilot-course.jpg\n"))
        #expect(text.contains("\n# imageAlt (optional): a text. Needed with `image`"))
    }

    @Test func aScaffoldedPageOnlyNeedsItsRequiredFieldsFilled() throws {
        var site = fileSystem
        let config = try SiteConfig.load(from: site)
        let schemas = try ContentSchema.loadAll(from: site)
        let (path, text) = try PageScaffold.make(
            kind: "partner", name: "Delta", language: nil, config: config, schemas: schemas)
        site.storage[path] = Data(text.utf8)
        do {
            _ = try SiteBuilder(context: Fixtures.context(site)).validate()
            Issue.record("an unfilled scaffold should not pass")
        } catch {
            #expect(
                error.diagnostics.filter { $0.severity == .error }.map(\.message).sorted() == [
                    "The required field `country` is empty.",
                    "The required field `name` is empty.",
                    "This page still has the placeholder text that `interact-site new` wrote.",
                ])
        }
        let filled = text.replacingOccurrences(of: "\ncountry:\n", with: "\ncountry: LU\n")
            .replacingOccurrences(of: PageScaffold.placeholder, with: "Delta is a partner.")
            .replacingOccurrences(of: "\nname:\n", with: "\nname: Delta\n")
        site.storage[path] = Data(filled.utf8)
        _ = try SiteBuilder(context: Fixtures.context(site)).validate()
    }
}
