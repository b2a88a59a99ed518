import ContentModel
import Foundation
import SiteBuilder
import SiteCore
import Testing

/// When a translation is stale, not verified or up to date, and how it is stamped. The typed fixture's
/// `partners/alpha.fr.md` translates `partners/alpha.md` (a partner: `name` is translatable, `country`,
/// `website` and `logo` are facts).
@Suite struct TranslationTests {
    let fixture = Fixtures.fileSystem("sites/typed")
    static let original = "content/partners/alpha.md"
    static let translation = "content/partners/alpha.fr.md"

    /// The fixture with alpha.fr.md stamped against alpha.md as it is.
    func stamped() throws -> InMemoryFileSystem {
        var files = fixture
        for (path, text) in try TranslationStamper(context: Fixtures.context(files)).stamp(
            language: "fr", paths: [Self.translation])
        {
            files.storage[path] = Data(text.utf8)
        }
        return files
    }

    func french(_ files: InMemoryFileSystem) throws -> TranslationStatus.LanguageStatus {
        let (graph, _) = try SiteBuilder(context: Fixtures.context(files)).validate()
        var warnings = DiagnosticList()
        return try #require(TranslationStatus.of(graph, warnings: &warnings).languages.first)
    }

    /// `files` with the original's text changed by `edit`.
    func editing(_ files: InMemoryFileSystem, _ edit: (String) -> String) throws -> InMemoryFileSystem {
        var files = files
        let text = try #require(files.text(of: Self.original))
        let edited = edit(text)
        #expect(edited != text, "the edit changes nothing")
        files.storage[Self.original] = Data(edited.utf8)
        return files
    }

    @Test func aStampedTranslationIsUpToDate() throws {
        let status = try french(try stamped())
        #expect(status.stale.isEmpty)
        #expect(!status.unstamped.contains(Self.translation))
        #expect(status.translated.contains(Self.translation))
    }

    @Test func factsAndLayoutOfTheOriginalDoNotMakeItStale() throws {
        let edits: [(String, (String) -> String)] = [
            ("country", { $0.replacingOccurrences(of: "country: BE", with: "country: FR") }),
            ("website", { $0.replacingOccurrences(of: "alpha.example.org", with: "alpha.example.com") }),
            ("type", { $0.replacingOccurrences(of: "type: society", with: "type: university") }),
            ("a new fact", { $0.replacingOccurrences(of: "---\nAlpha", with: "weight: 3\n---\nAlpha") }),
            ("byte order mark", { "\u{FEFF}" + $0 }),
            ("Windows line ends", { $0.replacingOccurrences(of: "\n", with: "\r\n") }),
            ("trailing whitespace", { $0.replacingOccurrences(of: "society.", with: "society.  \t") + "\n\n \n" }),
            ("quoting", { $0.replacingOccurrences(of: "name: Alpha Society", with: "name: \"Alpha Society\"") }),
        ]
        let base = try stamped()
        for (name, edit) in edits {
            let status = try french(try editing(base, edit))
            #expect(status.stale.isEmpty, "\(name) made the translation stale")
        }
    }

    @Test func whatATranslatorTranslatesMakesItStale() throws {
        let edits: [(String, (String) -> String)] = [
            ("title", { $0.replacingOccurrences(of: "title: Alpha", with: "title: Alpha Society") }),
            ("description", { $0.replacingOccurrences(of: "---\nAlpha", with: "description: A society.\n---\nAlpha") }),
            ("translatable field", { $0.replacingOccurrences(of: "name: Alpha Society", with: "name: Alpha Soc.") }),
            ("body", { $0.replacingOccurrences(of: "Alpha is a society.", with: "Alpha is a learned society.") }),
            ("a new paragraph", { $0 + "\nIt was founded in 1990.\n" }),
        ]
        let base = try stamped()
        for (name, edit) in edits {
            let status = try french(try editing(base, edit))
            #expect(status.stale == [Self.translation], "\(name) did not make the translation stale")
        }
    }

    @Test func aStampOfTheWholeFileStillHoldsWhileTheFileIsUnchanged() throws {
        var files = fixture
        let original = try #require(files.text(of: Self.original))
        let translation = try #require(files.text(of: Self.translation))
        files.storage[Self.translation] = Data(
            translation.replacingOccurrences(
                of: "translatedFrom: 000000000000", with: "translatedFrom: \(ContentHash.of(original))"
            ).utf8)
        #expect(try french(files).stale.isEmpty)
        #expect(try french(try editing(files, { $0 + "More.\n" })).stale == [Self.translation])
    }

    @Test func theFingerprintLeavesOutLineEndsTrailingBlanksAndAByteOrderMark() {
        let plain = TranslationFingerprint.body("One.\n\nTwo\n    code\n")
        #expect(TranslationFingerprint.body("\u{FEFF}One.\r\n\r\nTwo \r\n    code\t\r\n\r\n") == plain)
        #expect(TranslationFingerprint.body("\n\nOne.\r\rTwo\r    code") == plain)
        #expect(TranslationFingerprint.body("One.\nTwo\n    code\n") != plain)
        #expect(TranslationFingerprint.body("One.\n\nTwo\n  code\n") != plain)
        #expect(plain.count == 12)
    }

    /// One-off builds let each body go once it is parsed: the status must not depend on it.
    @Test func aOneOffBuildSeesTheSameStateAsCheck() throws {
        let files = try stamped()
        let result = try SiteBuilder(context: Fixtures.context(files)).build()
        #expect(!result.warnings.contains { $0.message.contains("older version") })
        let edited = try editing(files, { $0 + "\nMore.\n" })
        let again = try SiteBuilder(context: Fixtures.context(edited)).build()
        #expect(again.warnings.contains { $0.message.contains("older version") })
    }

    @Test func aTranslationWithoutAStampIsNotVerified() throws {
        var files = fixture
        let text = try #require(files.text(of: Self.translation))
        files.storage[Self.translation] = Data(
            text.replacingOccurrences(of: "translatedFrom: 000000000000\n", with: "").utf8)
        let status = try french(files)
        #expect(status.unstamped == ["content/partners/_index.fr.md", Self.translation])
        #expect(status.stale.isEmpty)
        #expect(status.upToDate == 0)
    }

    @Test func stampingAllStampsEveryTranslationOfTheLanguage() throws {
        var files = fixture
        let results = try TranslationStamper(context: Fixtures.context(files)).stampAll(language: "fr")
        #expect(results.map(\.path) == ["content/partners/_index.fr.md", Self.translation])
        for (path, text) in results { files.storage[path] = Data(text.utf8) }
        let status = try french(files)
        #expect(status.stale.isEmpty && status.unstamped.isEmpty)
        #expect(status.upToDate == 2)
    }

    @Test func stampingTakesSeveralFilesAndRefusesOtherLanguages() throws {
        let stamper = TranslationStamper(context: Fixtures.context(fixture))
        let results = try stamper.stamp(language: "fr", paths: [Self.translation, "content/partners/_index.fr.md"])
        #expect(results.count == 2)
        #expect(results.allSatisfy { $0.text.contains("translatedFrom: ") && !$0.text.contains("000000000000") })
        do {
            _ = try stamper.stampAll(language: "en")
            Issue.record("stamped the default language")
        } catch {
            #expect(error.isConfigurationError)
            #expect(error.diagnostics.first?.message.contains("default language") == true)
        }
        #expect(throws: BuildFailure.self) { try stamper.stampAll(language: "xx") }
    }

    @Test func stampingKeepsLineEndsAndAByteOrderMark() {
        #expect(
            TranslationStamp.apply("abc", to: "---\r\ntitle: T\r\n---\r\nBody\r\n")
                == "---\r\ntitle: T\r\ntranslatedFrom: abc\r\n---\r\nBody\r\n")
        #expect(
            TranslationStamp.apply("abc", to: "\u{FEFF}---\ntitle: T\n---\nBody")
                == "\u{FEFF}---\ntitle: T\ntranslatedFrom: abc\n---\nBody")
        #expect(
            TranslationStamp.apply("abc", to: "---\r\ntranslatedFrom: old\r\n---\r\n")
                == "---\r\ntranslatedFrom: abc\r\n---\r\n")
    }

    @Test func theStatusIsTakenEvenWhenTheContentHasErrors() throws {
        var files = fixture
        files.storage["content/partners/gamma.md"] = Data("---\ntitle: Gamma\ncountry: XX\n---\nBroken.\n".utf8)
        #expect(throws: BuildFailure.self) { try SiteBuilder(context: Fixtures.context(files)).validate() }
        let (graph, diagnostics) = try SiteBuilder(context: Fixtures.context(files)).assemble()
        #expect(diagnostics.hasErrors)
        var warnings = DiagnosticList()
        let status = TranslationStatus.of(graph, warnings: &warnings)
        #expect(status.total == 17)
        #expect(status.languages.first?.stale == [Self.translation])
    }

    @Test func theTextReportCountsEachState() throws {
        let (graph, _) = try SiteBuilder(context: Fixtures.context(fixture)).validate()
        var warnings = DiagnosticList()
        let status = TranslationStatus.of(graph, warnings: &warnings)
        #expect(
            status.text.contains(
                "fr Français: 2 of 17 pages translated (0 up to date, 1 stale, 1 not verified), 15 missing, 0 UI strings missing\n"
            ))
        #expect(status.text.contains("    not verified: content/partners/_index.fr.md\n"))
        #expect(status.text.contains("    stale:        content/partners/alpha.fr.md\n"))
        #expect(!status.text.contains("Note:"))
    }

    @Test func theTextReportEndsWithANoteWhenTheContentHasErrors() throws {
        let (graph, _) = try SiteBuilder(context: Fixtures.context(fixture)).validate()
        var warnings = DiagnosticList()
        var status = TranslationStatus.of(graph, warnings: &warnings)
        status.contentErrors = 2
        #expect(
            status.text.hasSuffix(
                "\nNote: the content has 2 errors, printed on standard error (`interact-site check` lists them too). Pages that could not be read are left out of these counts.\n"
            ))
    }
}
