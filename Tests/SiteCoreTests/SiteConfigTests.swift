import SiteCore
import Testing

/// Loads `config.yaml` text and returns the thrown failure, or nil when loading succeeded.
private func failure(loading text: String) -> BuildFailure? {
    failure(from: InMemoryFileSystem(["config.yaml": text]))
}

private func failure(from fileSystem: InMemoryFileSystem) -> BuildFailure? {
    do {
        _ = try SiteConfig.load(from: fileSystem)
        return nil
    } catch {
        return error
    }
}

private let knownKeysHint =
    "Known keys: title, baseURL, defaultLanguage, theme, allowRawHTML, languages, params, qrErrorCorrection, limits, repository, social, shortLinkOnScreen, images."
private let languageCodeHint =
    "Use a two-letter ISO 639-1 code in lower case, such as `en`, `fr`, `de` or `pt-BR`."

@Suite("SiteConfig")
struct SiteConfigTests {
    static let valid = """
        title: Interact
        baseURL: https://example.org
        defaultLanguage: fr
        theme: interact
        allowRawHTML: yes
        params:
          colour: blue
          max: 3
        languages:
          fr:
            name: Français
            locale: fr-BE
            menus:
              main:
                - name: Zeta
                  page: zeta.md
                - name: Alpha
                  url: https://alpha.example/
                  weight: 20
                - name: Beta
                  page: beta.md
                  weight: 10
                - name: Gamma
                  page: gamma.md
                  weight: 10
              footer:
                - name: Legal
                  page: legal.md
          en:
            name: English
          ar:
            name: العربية
            direction: rtl
            title: موقع

        """

    @Test("A valid config is read with its languages in order")
    func validConfig() throws {
        let config = try SiteConfig.load(from: InMemoryFileSystem(["config.yaml": Self.valid]))
        #expect(config.title == "Interact")
        #expect(config.baseURL == "https://example.org/")
        #expect(config.defaultLanguage == "fr")
        #expect(config.theme == "interact")
        #expect(config.allowRawHTML)
        #expect(config.languages.map(\.code) == ["fr", "en", "ar"])
        #expect(config.languages.map(\.name) == ["Français", "English", "العربية"])
        #expect(config.defaultLanguageValue.code == "fr")
        #expect(config.params["colour"] == .string("blue"))
        #expect(config.params["max"] == .int(3))
        #expect(config.language("de") == nil)
    }

    @Test("Locale defaults to the code; direction and title are read")
    func languageDetails() throws {
        let config = try SiteConfig.load(from: InMemoryFileSystem(["config.yaml": Self.valid]))
        let fr = try #require(config.language("fr"))
        let en = try #require(config.language("en"))
        let ar = try #require(config.language("ar"))
        #expect(fr.locale == "fr-BE")
        #expect(en.locale == "en")
        #expect(en.direction == .ltr)
        #expect(en.title == nil)
        #expect(ar.direction == .rtl)
        #expect(ar.title == "موقع")
        #expect(en.menus.isEmpty)
    }

    @Test("Menus keep config order; entries sort by weight, stable, unweighted last")
    func menus() throws {
        let config = try SiteConfig.load(from: InMemoryFileSystem(["config.yaml": Self.valid]))
        let fr = try #require(config.language("fr"))
        #expect(fr.menus.map(\.name) == ["main", "footer"])
        let main = fr.menus[0].entries
        #expect(main.map(\.name) == ["Beta", "Gamma", "Alpha", "Zeta"])
        #expect(main.map(\.weight) == [10, 10, 20, 0])
        #expect(main[0].page == "beta.md")
        #expect(main[0].url == nil)
        #expect(main[2].url == "https://alpha.example/")
        #expect(main[2].page == nil)
        #expect(main[0].position.description == "config.yaml:20:11")
        #expect(fr.menus[1].entries.map(\.name) == ["Legal"])
    }

    @Test("baseURL keeps an existing trailing slash")
    func baseURLSlash() {
        #expect(
            SiteConfig(title: "T", baseURL: "https://e.org/", defaultLanguage: "en", theme: "t", languages: [])
                .baseURL == "https://e.org/")
        #expect(
            SiteConfig(title: "T", baseURL: "/site", defaultLanguage: "en", theme: "t", languages: []).baseURL
                == "/site/")
    }

    @Test("An unknown top-level key is reported with the closest known key")
    func unknownTopLevelKey() throws {
        let thrown = try #require(
            failure(
                loading: """
                    title: T
                    baseURL: https://e.org/
                    defaultLanguage: en
                    theme: t
                    theem: x
                    languages:
                      en:
                        name: English
                    """))
        #expect(thrown.isConfigurationError)
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:5:1: error: Unknown key `theem` in config.yaml.\n    hint: Did you mean `theme`? "
                    + knownKeysHint
            ])
        #expect(thrown.diagnostics.first?.severity == .error)
        #expect(thrown.diagnostics.first?.stage == .config)
    }

    @Test("An unknown key with nothing close lists the known keys")
    func unknownKeyWithoutSuggestion() throws {
        let thrown = try #require(
            failure(
                loading: """
                    title: T
                    baseURL: https://e.org/
                    defaultLanguage: en
                    theme: t
                    languages:
                      en:
                        name: English
                    colour: red
                    """))
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:8:1: error: Unknown key `colour` in config.yaml.\n    hint: " + knownKeysHint
            ])
    }

    @Test("An unknown key inside a language is reported")
    func unknownLanguageKey() throws {
        let thrown = try #require(
            failure(
                loading: """
                    title: T
                    baseURL: https://e.org/
                    defaultLanguage: en
                    theme: t
                    languages:
                      en:
                        name: English
                        dir: rtl
                    """))
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:8:5: error: Unknown key `dir` in language `en`.\n"
                    + "    hint: Known keys: name, locale, direction, title, menus."
            ])
    }

    @Test("Unknown language codes are reported at their key")
    func unknownLanguageCodes() throws {
        let thrown = try #require(
            failure(
                loading: """
                    title: T
                    baseURL: https://e.org/
                    defaultLanguage: en
                    theme: t
                    languages:
                      en:
                        name: English
                      xx:
                        name: Nowhere
                      english:
                        name: English again
                    """))
        #expect(thrown.isConfigurationError)
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:8:3: error: `xx` is not a known language code.\n    hint: " + languageCodeHint,
                "config.yaml:10:3: error: `english` is not a known language code.\n    hint: " + languageCodeHint,
            ])
    }

    @Test("Language codes: ISO 639-1 with an optional region")
    func knownCodes() {
        #expect(Language.isKnownCode("en"))
        #expect(Language.isKnownCode("pt-BR"))
        #expect(Language.isKnownCode("ga"))
        #expect(!Language.isKnownCode("xx"))
        #expect(!Language.isKnownCode("english"))
        #expect(!Language.isKnownCode("EN"))
        #expect(!Language.isKnownCode("pt-BRA"))
        #expect(!Language.isKnownCode("pt-BR-x"))
    }

    @Test("A default language that is not configured is an error")
    func defaultLanguageNotListed() throws {
        let thrown = try #require(
            failure(
                loading: """
                    title: Broken
                    baseURL: https://broken.example.org/
                    defaultLanguage: de
                    theme: minimal
                    languages:
                      en:
                        name: English
                      fr:
                        name: Français
                    """))
        #expect(thrown.isConfigurationError)
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:3:18: error: The default language `de` is not one of the configured languages.\n"
                    + "    hint: Use one of: en, fr, or add it under `languages`."
            ])
    }

    @Test("A missing config.yaml is reported")
    func missingFile() throws {
        let thrown = try #require(failure(from: InMemoryFileSystem(["content/_index.md": "# Hi"])))
        #expect(thrown.isConfigurationError)
        #expect(
            thrown.description
                == "config.yaml:1:1: error: There is no config.yaml in the source folder.\n"
                + "    hint: Run the command from the site's folder or pass --source with the folder that holds config.yaml."
        )
    }

    @Test("A missing title is reported at the top of the file")
    func missingTitle() throws {
        let thrown = try #require(
            failure(
                loading: """
                    baseURL: https://e.org/
                    defaultLanguage: en
                    theme: t
                    languages:
                      en:
                        name: English
                    """))
        #expect(thrown.isConfigurationError)
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:1:1: error: config.yaml needs a `title`.\n    hint: Add a line `title: My site`."
            ])
    }

    @Test("A missing languages block is reported")
    func missingLanguages() throws {
        let thrown = try #require(
            failure(
                loading: """
                    title: T
                    baseURL: https://e.org/
                    defaultLanguage: en
                    theme: t
                    """))
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:1:1: error: config.yaml needs a `languages` block.\n"
                    + "    hint: Add `languages:` with one entry per language, e.g. `en: {name: English}`."
            ])
    }

    @Test("A relative baseURL is rejected")
    func relativeBaseURL() throws {
        let thrown = try #require(
            failure(
                loading: """
                    title: T
                    baseURL: example.org
                    defaultLanguage: en
                    theme: t
                    languages:
                      en:
                        name: English
                    """))
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:2:10: error: `baseURL` must be an absolute address such as https://example.org/, not `example.org`.\n"
                    + "    hint: Start it with https://."
            ])
    }

    @Test("A tab used for indentation is reported at its line")
    func tabIndentation() throws {
        let thrown = try #require(
            failure(
                loading:
                    "title: T\nbaseURL: https://e.org/\ndefaultLanguage: en\ntheme: t\nlanguages:\n  en:\n\tname: English\n"
            ))
        #expect(thrown.isConfigurationError)
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:7:1: error: YAML does not allow tabs for indentation.\n"
                    + "    hint: Delete the tab: fields start at the beginning of the line. Where a line must be indented (under a list), indent it with spaces."
            ])
    }

    @Test("A duplicated key is reported at the repeated key")
    func duplicatedKey() throws {
        let thrown = try #require(
            failure(
                loading: """
                    title: T
                    baseURL: https://e.org/
                    defaultLanguage: en
                    theme: t
                    title: Again
                    languages:
                      en:
                        name: English
                    """))
        #expect(thrown.isConfigurationError)
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:5:1: error: The key `title` appears more than once in the same block.\n"
                    + "    hint: Keep one of them and delete the others."
            ])
    }

    @Test("Invalid YAML is reported in plain words where the broken construct starts")
    func invalidYAML() throws {
        // libyaml gives up on line 2; the `[` that is never closed is on line 1.
        let thrown = try #require(failure(loading: "title: [Interact\nbaseURL: https://e.org/\n"))
        #expect(thrown.isConfigurationError)
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:1:8: error: The `[` here opens a list that is never closed with `]`.\n"
                    + "    hint: Close it with `]` on the same line, e.g. `workPackages: [2, 3]`; if the `[` is part of the text, put the whole value in double quotes."
            ])
    }

    @Test(
        "Common YAML mistakes are explained at their line",
        arguments: [
            (
                "title: a\nname: ESSO: Society\n", "2:7",
                "The value of `name` contains `: `, which YAML reads as the start of another field.",
                "Put the value in double quotes: `name: \"ESSO: Society\"`."
            ),
            ("title: \"abc\nname: x\n", "1:8", "The quotation mark `\"` here is never closed.", nil),
            ("title: {a: 1\nname: x\n", "1:8", "The `{` here opens a group that is never closed with `}`.", nil),
            (
                "title: @x\n", "1:8", "A value cannot start with `@` unless it is in quotes: YAML gives `@` a meaning.",
                "Put the whole value in double quotes: `title: \"@x\"`."
            ),
            (
                "title: a\n  name: b\n", "2:1", "This line is indented, so YAML reads it as part of the field above.",
                nil
            ),
            ("title a\nname: b\n", "1:1", "This line has no `:` after its field name.", nil),
            ("title: x\n- b\n", "2:1", "This line is not lined up with the fields above it.", nil),
            (
                "title: 'it's'\n", "1:12",
                "The value in quotes ends before the end of the line; the rest is not part of it.", nil
            ),
        ] as [(String, String, String, String?)])
    func commonYAMLMistakes(yaml: String, position: String, message: String, hint: String?) throws {
        var diagnostics = DiagnosticList()
        #expect(YAMLObject.parse(yaml, file: "f.md", lineOffset: 1, stage: .load, diagnostics: &diagnostics) == nil)
        let found = try #require(diagnostics.items.first)
        // One line below: the front matter starts under its `---`.
        let parts = position.split(separator: ":").compactMap { Int($0) }
        #expect(found.position == SourcePosition(file: "f.md", line: parts[0] + 1, column: parts[1]))
        #expect(found.message == message)
        if let hint { #expect(found.hint == hint) }
    }

    @Test("A top level that is not a mapping is reported")
    func notAMapping() throws {
        let thrown = try #require(failure(loading: "- a\n- b\n"))
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:1:1: error: Expected `key: value` lines here, but found a list.\n"
                    + "    hint: Write one `key: value` per line, for example `title: My page`."
            ])
    }

    @Test("Several problems are all reported in one throw, in reading order")
    func severalProblems() throws {
        let thrown = try #require(
            failure(
                loading: """
                    titel: Interact
                    baseURL: https://example.org/
                    defaultLanguage: en
                    theme: interact
                    languages:
                      en:
                        name: English
                        nmae: Anglais
                      xx:
                        name: Nowhere
                    """))
        #expect(thrown.isConfigurationError)
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:1:1: error: Unknown key `titel` in config.yaml.\n    hint: Did you mean `title`? "
                    + knownKeysHint,
                "config.yaml:1:1: error: config.yaml needs a `title`.\n    hint: Add a line `title: My site`.",
                "config.yaml:8:5: error: Unknown key `nmae` in language `en`.\n"
                    + "    hint: Did you mean `name`? Known keys: name, locale, direction, title, menus.",
                "config.yaml:9:3: error: `xx` is not a known language code.\n    hint: " + languageCodeHint,
            ])
        #expect(thrown.description == thrown.diagnostics.map(\.description).joined(separator: "\n"))
    }

    @Test("Wrong value types are reported")
    func wrongTypes() throws {
        let thrown = try #require(
            failure(
                loading: """
                    title: T
                    baseURL: https://e.org/
                    defaultLanguage: en
                    theme: t
                    allowRawHTML: sometimes
                    languages:
                      en:
                        name: English
                        direction: sideways
                    """))
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:5:15: error: `allowRawHTML` must be true or false, but here it is `sometimes`.\n"
                    + "    hint: Write it as `allowRawHTML: true`.",
                "config.yaml:9:16: error: `direction` must be `ltr` or `rtl`, not `sideways`.",
            ])
    }

    @Test("A menu entry needs a name and exactly one of page or url")
    func badMenuEntry() throws {
        let thrown = try #require(
            failure(
                loading: """
                    title: T
                    baseURL: https://e.org/
                    defaultLanguage: en
                    theme: t
                    languages:
                      en:
                        name: English
                        menus:
                          main:
                            - name: Both
                              page: a.md
                              url: https://a.example/
                    """))
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:10:11: error: A menu entry needs a `name` and either a `page` or a `url`.\n"
                    + "    hint: For example `- {name: About, page: about/_index.md}`."
            ])
    }

    @Test("shortLinkOnScreen is off unless set, and must be true or false")
    func shortLinkOnScreen() throws {
        let base =
            "title: T\nbaseURL: https://e.org/\ndefaultLanguage: en\ntheme: t\nlanguages: {en: {name: English}}\n"
        #expect(try SiteConfig.load(from: InMemoryFileSystem(["config.yaml": base])).shortLinkOnScreen == false)
        let on = try SiteConfig.load(from: InMemoryFileSystem(["config.yaml": base + "shortLinkOnScreen: true\n"]))
        #expect(on.shortLinkOnScreen)
        let thrown = try #require(failure(loading: base + "shortLinkOnScreen: sometimes\n"))
        #expect(
            thrown.diagnostics.map(\.description) == [
                "config.yaml:6:20: error: `shortLinkOnScreen` must be true or false, but here it is `sometimes`.\n"
                    + "    hint: Write it as `shortLinkOnScreen: true`."
            ])
    }
}
