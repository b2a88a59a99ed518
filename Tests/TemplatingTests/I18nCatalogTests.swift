import SiteCore
import Templating
import Testing

private let languages = [
    Language(code: "en", name: "English"),
    Language(code: "fr", name: "Français"),
    Language(code: "pl", name: "Polski"),
]

private let layouts: [String: String] = [
    "themes/t/layouts/home.mustache": "home",
    "themes/t/layouts/section.mustache": "section",
    "themes/t/layouts/page.mustache": "page",
    "themes/t/layouts/404.mustache": "404",
]

private let englishStrings = """
    home: Home
    languages: Languages
    fallbackNotice: "Shown in {language}."
    pageCount:
      one: "{count} page"
      other: "{count} pages"
    """

private let polishStrings = """
    home: Strona główna
    languages: Języki
    fallbackNotice: "Pokazano w języku: {language}."
    pageCount:
      one: "{count} strona"
      few: "{count} strony"
      many: "{count} stron"
      other: "{count} strony"
    """

private let frenchStrings = """
    home: Accueil
    pageCount:
      one: "{count} page"
      many: "{count} de pages"
      other: "{count} pages"
    """

private func catalog(_ i18n: [String: String]) throws -> I18nCatalog {
    let files = layouts.merging(i18n) { _, new in new }
    return try Theme.load(name: "t", languages: languages, defaultLanguage: "en", from: InMemoryFileSystem(files))
        .i18n
}

private func loadFailure(_ i18n: [String: String]) -> BuildFailure? {
    do {
        _ = try catalog(i18n)
        return nil
    } catch let error as BuildFailure {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

private let standardFiles = [
    "themes/t/i18n/en.yaml": englishStrings,
    "themes/t/i18n/fr.yaml": frenchStrings,
    "themes/t/i18n/pl.yaml": polishStrings,
    "i18n/fr.yaml": "home: \"Page d'accueil\"\n",
]

@Suite("I18nCatalog")
struct I18nCatalogTests {
    @Test("A site file overrides the theme's string key by key")
    func siteOverride() throws {
        let i18n = try catalog(standardFiles)
        #expect(i18n.defaultLanguage == "en")
        #expect(i18n.text("home", language: "fr") == "Page d'accueil")
        #expect(i18n.text("home", language: "pl") == "Strona główna")
        #expect(i18n.text("home", language: "en") == "Home")
        // The theme's other French strings survive the site's file.
        #expect(i18n.plural("pageCount", count: 2, language: "fr") == "2 pages")
    }

    @Test("A missing French key falls back to English with a warning")
    func fallbackWithWarning() throws {
        let i18n = try catalog(standardFiles)
        #expect(i18n.text("languages", language: "fr") == "Languages")
        #expect(i18n.lookup("languages", language: "fr") == "Languages")
        #expect(i18n.missingKeys(for: "fr") == ["fallbackNotice", "languages"])
        #expect(i18n.missingKeys(for: "pl").isEmpty)
        #expect(
            i18n.warnings.map(\.description) == [
                "i18n/fr.yaml:1:1: warning: Français has no translation for `fallbackNotice`, `languages`; "
                    + "the English text is shown instead.\n    hint: Add the missing keys to i18n/fr.yaml."
            ])
        #expect(i18n.warnings.allSatisfy { $0.severity == .warning })
    }

    @Test("A language without any file is warned about by its would-be theme file")
    func languageWithoutFile() throws {
        let i18n = try catalog(["themes/t/i18n/en.yaml": "home: Home\n", "themes/t/i18n/fr.yaml": "home: Accueil\n"])
        #expect(i18n.text("home", language: "pl") == "Home")
        #expect(
            i18n.warnings.map(\.description) == [
                "themes/t/i18n/pl.yaml:1:1: warning: Polski has no translation for `home`; the English text is shown instead.\n"
                    + "    hint: Add the missing keys to a new file themes/t/i18n/pl.yaml."
            ])
    }

    @Test("strings(for:) merges the default language under the language's own strings")
    func strings() throws {
        let i18n = try catalog(standardFiles)
        #expect(
            i18n.strings(for: "fr") == [
                "home": "Page d'accueil",
                "languages": "Languages",
                "fallbackNotice": "Shown in {language}.",
                "pageCount": "{count} pages",
            ])
        #expect(i18n.strings(for: "pl")["pageCount"] == "{count} strony")
    }

    @Test("Unknown keys give the key itself, or nil from lookup")
    func unknownKey() throws {
        let i18n = try catalog(standardFiles)
        #expect(i18n.text("nope", language: "fr") == "nope")
        #expect(i18n.lookup("nope", language: "fr") == nil)
        #expect(i18n.plural("nope", count: 3, language: "pl") == "nope")
    }

    @Test(
        "Polish plural forms",
        arguments: [
            (1, "1 strona"), (2, "2 strony"), (5, "5 stron"), (22, "22 strony"), (12, "12 stron"), (0, "0 stron"),
        ])
    func polishPlurals(_ count: Int, _ expected: String) throws {
        let i18n = try catalog(standardFiles)
        #expect(i18n.plural("pageCount", count: count, language: "pl") == expected)
    }

    @Test("English and French plural forms")
    func otherPlurals() throws {
        let i18n = try catalog(standardFiles)
        #expect(i18n.plural("pageCount", count: 1, language: "en") == "1 page")
        #expect(i18n.plural("pageCount", count: 0, language: "en") == "0 pages")
        #expect(i18n.plural("pageCount", count: 0, language: "fr") == "0 page")
        #expect(i18n.plural("pageCount", count: 1_000_000, language: "fr") == "1000000 de pages")
    }

    @Test("A plural key missing in a language uses the default language's rules")
    func pluralFallback() throws {
        let i18n = try catalog([
            "themes/t/i18n/en.yaml": englishStrings
                + "\nitemCount:\n  one: \"{count} item\"\n  other: \"{count} items\"\n",
            "themes/t/i18n/fr.yaml": frenchStrings,
            "themes/t/i18n/pl.yaml": polishStrings,
        ])
        // French would say `one` for 0, but the English text follows English rules.
        #expect(i18n.plural("itemCount", count: 0, language: "fr") == "0 items")
        #expect(i18n.plural("itemCount", count: 1, language: "pl") == "1 item")
    }

    @Test("A plural map missing a needed category warns and uses `other`")
    func missingCategory() throws {
        let polishWithoutMany = """
            home: Strona główna
            languages: Języki
            fallbackNotice: "Pokazano w języku: {language}."
            pageCount:
              one: "{count} strona"
              few: "{count} strony"
              other: "{count} stron(y)"
            """
        let i18n = try catalog([
            "themes/t/i18n/en.yaml": englishStrings,
            "themes/t/i18n/fr.yaml": englishStrings,
            "themes/t/i18n/pl.yaml": polishWithoutMany,
        ])
        #expect(i18n.plural("pageCount", count: 5, language: "pl") == "5 stron(y)")
        #expect(i18n.plural("pageCount", count: 3, language: "pl") == "3 strony")
        #expect(
            i18n.warnings.map(\.description) == [
                "themes/t/i18n/pl.yaml:1:1: warning: `pageCount` in Polski lacks the plural form(s) many, "
                    + "which Polski needs for some numbers.\n"
                    + "    hint: Add many under `pageCount`; until then `other` is used."
            ])
    }

    @Test("text fills {language} and other placeholders")
    func placeholders() throws {
        let i18n = try catalog(standardFiles)
        #expect(
            i18n.text("fallbackNotice", language: "pl", ["language": "angielski"]) == "Pokazano w języku: angielski.")
        #expect(i18n.text("fallbackNotice", language: "fr", ["language": "anglais"]) == "Shown in anglais.")
        #expect(i18n.text("fallbackNotice", language: "en") == "Shown in {language}.")
        #expect(i18n.plural("pageCount", count: 2, language: "en", ["count": "ignored"]) == "2 pages")
    }

    @Test("An unknown plural category is an error")
    func unknownCategory() throws {
        let failure = try #require(
            loadFailure([
                "themes/t/i18n/en.yaml": """
                home: Home
                pageCount:
                  one: "{count} page"
                  several: "{count} pages"
                  other: "{count} pages"
                """
            ]))
        #expect(failure.isConfigurationError)
        #expect(
            failure.diagnostics.filter { $0.severity == .error }.map(\.description) == [
                "themes/t/i18n/en.yaml:4:3: error: `several` is not a plural category.\n"
                    + "    hint: Use zero, one, two, few, many or other."
            ])
    }

    @Test("Plural forms without `other` are an error")
    func missingOther() throws {
        let failure = try #require(
            loadFailure(["themes/t/i18n/en.yaml": "home: Home\npageCount:\n  one: \"{count} page\"\n"]))
        #expect(
            failure.diagnostics.filter { $0.severity == .error }.map(\.description) == [
                "themes/t/i18n/en.yaml:3:3: error: The plural forms of `pageCount` need an `other` form.\n"
                    + "    hint: Add `other:` with the general form."
            ])
    }

    @Test("A list is neither a text nor plural forms")
    func listEntry() throws {
        let failure = try #require(loadFailure(["themes/t/i18n/en.yaml": "home: [a, b]\n"]))
        #expect(
            failure.diagnostics.filter { $0.severity == .error }.map(\.description) == [
                "themes/t/i18n/en.yaml:1:7: error: `home` must be a text or a set of plural forms.\n"
                    + "    hint: Write `home: \"text\"`, or plural forms such as `one:` and `other:` below it."
            ])
    }
}
