import Foundation
import SiteBuilder
import SiteCore
import Testing

@Suite struct MultilingualBehaviourTests {
    let result: BuildResult

    init() throws {
        result = try SiteBuilder(context: Fixtures.context(Fixtures.fileSystem("sites/multilingual"))).build()
    }

    func page(_ path: String) -> String {
        result.files.first { $0.path == path }.map { String(decoding: $0.contents, as: UTF8.self) } ?? ""
    }

    @Test func everyPageIsListedOnceInEveryLanguage() {
        for (language, section) in [("en", "partners"), ("fr", "partenaires"), ("de", "partners")] {
            let html = page("\(language)/\(section)/index.html")
            for title in ["Alpha", "Beta", "Gamma", "Delta"] {
                let count = html.components(separatedBy: "<li><a href=").filter { $0.contains(title) }.count
                #expect(count == 1, "\(title) listed \(count) times in \(language)")
            }
        }
    }

    @Test func untranslatedPagesAreMarkedWithTheirLanguage() {
        let french = page("fr/partenaires/index.html")
        // The language is named as the reader says it: anglais in French, Deutsch → allemand.
        #expect(french.contains("<a href=\"/en/partners/gamma/\" lang=\"en\">Gamma Hospital</a> (anglais)"))
        #expect(french.contains("<a href=\"/fr/partenaires/beta/\">Université Beta</a>"))
        let english = page("en/partners/index.html")
        #expect(english.contains("<a href=\"/de/partners/delta-klinik/\" lang=\"de\">Delta-Klinik</a> (German)"))
    }

    @Test func hreflangListsTranslationsAndXDefault() {
        let html = page("fr/partenaires/beta/index.html")
        #expect(
            html.contains(
                "<link rel=\"alternate\" hreflang=\"en\" href=\"https://consortium.example.eu/en/partners/beta/\">"))
        #expect(
            html.contains(
                "<link rel=\"alternate\" hreflang=\"fr\" href=\"https://consortium.example.eu/fr/partenaires/beta/\">"))
        #expect(html.contains("hreflang=\"x-default\" href=\"https://consortium.example.eu/en/partners/beta/\""))
        #expect(!html.contains("hreflang=\"de\" href"))
    }

    @Test func switcherFallsBackToTheLanguageHome() {
        let html = page("fr/partenaires/beta/index.html")
        #expect(html.contains("<a href=\"/de/\" hreflang=\"de\" data-missing>Deutsch</a>"))
        #expect(html.contains("<a href=\"/fr/partenaires/beta/\" hreflang=\"fr\" aria-current=\"true\">Français</a>"))
    }

    @Test func linksAreRewrittenToTheReadersLanguage() {
        #expect(page("fr/index.html").contains("<a href=\"/fr/partenaires/\">partenaires</a>"))
        // The French "about" page has translated headings of the same shape: #history maps to #histoire.
        #expect(page("fr/index.html").contains("<a href=\"/fr/a-propos/#histoire\">notre histoire</a>"))
        // German has no "about" page: the link goes to the English one, and says so in German.
        #expect(
            page("de/index.html").contains(
                "<a href=\"/en/about/#history\" hreflang=\"en\" data-language=\"Englisch\">Geschichte</a>"))
        // A link to a page in the reader's language carries no language.
        #expect(page("fr/index.html").contains("<a href=\"/fr/partenaires/\">partenaires</a>"))
    }

    @Test func untranslatedSectionShowsDefaultLanguageTextWithNotice() {
        let html = page("de/partners/index.html")
        #expect(html.contains("<p class=\"notice\">Noch nicht übersetzt; angezeigt auf Englisch.</p>"))
        #expect(html.contains("<div lang=\"en\">"))
    }

    @Test func menuEntriesToUntranslatedPagesSayWhichLanguageTheyLeadTo() {
        // German has no "about" page: its menu entry leads to the English one and says so.
        let german = page("de/partners/alpha/index.html")
        #expect(german.contains("<a href=\"/en/about/\" hreflang=\"en\">Über uns</a> (Englisch)"))
        // A section whose text is not translated is marked as listings mark it.
        #expect(
            german.contains("<a href=\"/de/partners/\" aria-current=\"page\" hreflang=\"en\">Partner</a> (Englisch)"))
        // Translated entries carry no mark.
        #expect(page("fr/index.html").contains("<a href=\"/fr/a-propos/\">À propos</a> <"))
    }

    @Test func languageNamesFollowTheReader() throws {
        var fileSystem = Fixtures.fileSystem("sites/multilingual")
        // A language's own strings may name another language their way; the default language's do not stand in.
        fileSystem.storage["i18n/de.yaml"] = Data("languageName.en: \"Englisch (Vereinigtes Königreich)\"\n".utf8)
        fileSystem.storage["i18n/en.yaml"] = Data("languageName.fr: \"Frenchish\"\n".utf8)
        let result = try SiteBuilder(context: Fixtures.context(fileSystem)).build()
        let html = { (path: String) in
            result.files.first { $0.path == path }.map { String(decoding: $0.contents, as: UTF8.self) } ?? ""
        }
        #expect(html("de/partners/index.html").contains("angezeigt auf Englisch (Vereinigtes Königreich).</p>"))
        #expect(html("fr/partenaires/index.html").contains("Gamma Hospital</a> (anglais)"))
        #expect(!html("de/partners/index.html").contains("Frenchish"))
    }

    @Test func pluralsAndDatesFollowTheLanguage() {
        #expect(page("de/partners/index.html").contains("<p>4 Seiten</p>"))
        #expect(page("fr/index.html").contains("<p>1 page</p>"))
        #expect(page("de/partners/alpha/index.html").contains("17. Mai 2024"))
        #expect(page("fr/partenaires/alpha/index.html").contains("17 mai 2024"))
    }

    @Test func missingUIStringsFallBackWithAWarning() {
        #expect(page("de/404.html").contains(">Home</a>"))
        let warnings = result.warnings.map(\.description)
        #expect(
            warnings.contains(
                "themes/minimal/i18n/de.yaml:1:1: warning: Deutsch has no translation for `home`; the English text is shown instead.\n    hint: Add the missing keys to themes/minimal/i18n/de.yaml."
            ))
    }

    @Test func siteI18nOverridesTheTheme() {
        #expect(page("fr/partenaires/alpha/index.html").contains("<p>Publié <time"))
    }

    @Test func sitemapHasAlternatesForEveryPage() {
        let sitemap = page("sitemap.xml")
        #expect(
            sitemap.components(separatedBy: "<url>").count - 1
                == result.files.filter {
                    $0.path.hasSuffix("index.html") && $0.path != "index.html"
                        && !$0.path.hasPrefix("translation-status/")
                        && !$0.path.hasPrefix("Q/")
                        // The QR sheet and posters are tools for print, kept out of search engines.
                        && !$0.path.contains("/qr/")
                }.count)
        #expect(
            sitemap.contains(
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://consortium.example.eu/en/partners/\"/>"
            ))
        #expect(page("robots.txt").contains("Sitemap: https://consortium.example.eu/sitemap.xml"))
    }

    @Test func rootPageOffersEveryLanguageWithoutJavaScript() {
        let html = page("index.html")
        for (code, name) in [("en", "English"), ("fr", "Français"), ("de", "Deutsch")] {
            #expect(html.contains("<li><a href=\"/\(code)/\" hreflang=\"\(code)\" lang=\"\(code)\">\(name)</a></li>"))
        }
        #expect(html.contains("navigator.languages"))
        #expect(page("404.html") == page("en/404.html"))
    }
}
