import SiteCore
import Templating
import Testing

private let english = Language(code: "en", name: "English")
private let french = Language(code: "fr", name: "Français")

/// A theme `t` with inheritance, a partial and static files, and site-level overrides.
private let siteFiles: [String: String] = [
    "themes/t/layouts/base.mustache": "<main>{{$main}}default{{/main}}</main>|{{title}}",
    "themes/t/layouts/home.mustache": "{{<base}}{{$main}}Home of {{title}}{{/main}}{{/base}}",
    "themes/t/layouts/section.mustache": "<ul>{{#items}}{{> partials/item}}{{/items}}</ul>",
    "themes/t/layouts/partials/item.mustache": "<li>{{.}}</li>",
    "themes/t/layouts/page.mustache": "theme page {{title}}",
    "themes/t/layouts/404.mustache": "{{<base}}{{/base}}",
    "themes/t/static/css/x.css": "theme css",
    "themes/t/static/js/app.js": "theme js",
    "layouts/page.mustache": "site page {{title}}",
    "static/css/x.css": "site css",
    "static/robots.txt": "User-agent: *",
]

private func loadTheme(_ files: [String: String], name: String = "t") throws -> Theme {
    try Theme.load(
        name: name, languages: [english, french], defaultLanguage: "en", from: InMemoryFileSystem(files))
}

private func loadFailure(_ files: [String: String], name: String = "t") -> BuildFailure? {
    do {
        _ = try Theme.load(
            name: name, languages: [english, french], defaultLanguage: "en", from: InMemoryFileSystem(files))
        return nil
    } catch {
        return error
    }
}

private let site = SiteInfo(
    title: "Interact", baseURL: "https://example.org/", params: .empty, defaultLanguage: "en")

@Suite("Theme")
struct ThemeTests {
    @Test("Templates come from the theme, with the site's files winning")
    func templateSources() throws {
        let theme = try loadTheme(siteFiles)
        #expect(theme.name == "t")
        #expect(theme.templateSources["home"] == "themes/t/layouts/home.mustache")
        #expect(theme.templateSources["page"] == "layouts/page.mustache")
        #expect(theme.templateSources["partials/item"] == "themes/t/layouts/partials/item.mustache")
        #expect(theme.templateSources["root"] == "(built in)")
        #expect(theme.templateSources["alias"] == "(built in)")
        #expect(theme.hasTemplate("404"))
        #expect(!theme.hasTemplate("missing"))
    }

    @Test("Static files: the site's file wins over the theme's")
    func staticFiles() throws {
        let theme = try loadTheme(siteFiles)
        let cssHash = ContentHash.of(try #require(siteFiles["static/css/x.css"]))
        let jsHash = ContentHash.of(try #require(siteFiles["themes/t/static/js/app.js"]))
        #expect(
            theme.staticFiles == [
                "css/x.\(cssHash).css": "static/css/x.css",
                "js/app.\(jsHash).js": "themes/t/static/js/app.js",
                "robots.txt": "static/robots.txt",
            ])
        #expect(theme.assetURLs == ["cssXCss": "/css/x.\(cssHash).css", "jsAppJs": "/js/app.\(jsHash).js"])
    }

    @Test("Asset keys are camel-cased paths")
    func assetKeys() {
        #expect(Theme.assetKey("css/site.css") == "cssSiteCss")
        #expect(Theme.assetKey("js/language-chooser.js") == "jsLanguageChooserJs")
    }

    @Test("render uses inheritance, partials and the site override")
    func rendering() throws {
        let theme = try loadTheme(siteFiles)
        #expect(theme.render(["title": "Interact"], template: "home") == "<main>Home of Interact</main>|Interact")
        #expect(theme.render(["title": "Interact"], template: "404") == "<main>default</main>|Interact")
        #expect(theme.render(["items": ["a", "b<c"]], template: "section") == "<ul><li>a</li><li>b&lt;c</li></ul>")
        #expect(theme.render(["title": "About"], template: "page") == "site page About")
        #expect(theme.render(["title": "About"], template: "nope") == nil)
    }

    @Test("The built-in root template lists every language")
    func builtInRoot() throws {
        let theme = try loadTheme(siteFiles)
        let context = RootContext(
            site: site,
            languages: [
                LanguageLink(
                    code: "en", name: "English", url: "/en/", isCurrent: false, hasTranslation: true,
                    direction: "ltr"),
                LanguageLink(
                    code: "fr", name: "Français", url: "/fr/", isCurrent: false, hasTranslation: true,
                    direction: "ltr"),
            ], defaultURL: "/en/", i18n: [:])
        let html = try #require(theme.render(context, template: "root"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n"))
        #expect(html.contains("<title>Interact</title>"))
        #expect(html.contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/\">"))
        #expect(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/\">"))
        #expect(html.contains("var available = [\"en\",\"fr\",];"))
        #expect(html.contains("location.replace(\"/en/\");"))
        #expect(html.contains("<li><a href=\"/fr/\" hreflang=\"fr\" lang=\"fr\">Français</a></li>"))
    }

    @Test("The built-in alias template redirects")
    func builtInAlias() throws {
        let theme = try loadTheme(siteFiles)
        let context = RedirectContext(
            site: site,
            language: LanguageInfo(code: "fr", name: "Français", locale: "fr", direction: "ltr", homeURL: "/fr/"),
            url: "/fr/nouveau/", permalink: "https://example.org/fr/nouveau/", title: "Nouveau", i18n: [:])
        let html = try #require(theme.render(context, template: "alias"))
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://example.org/fr/nouveau/\">"))
        #expect(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=/fr/nouveau/\">"))
        #expect(html.contains("<p><a href=\"/fr/nouveau/\">Nouveau</a></p>"))
    }

    @Test("Built-in templates can be overridden by the theme and by the site")
    func overrideBuiltIns() throws {
        var files = siteFiles
        files["themes/t/layouts/root.mustache"] = "theme root {{defaultURL}}"
        files["layouts/alias.mustache"] = "moved to {{url}}"
        let theme = try loadTheme(files)
        #expect(theme.templateSources["root"] == "themes/t/layouts/root.mustache")
        #expect(theme.templateSources["alias"] == "layouts/alias.mustache")
        let root = RootContext(site: site, languages: [], defaultURL: "/en/", i18n: [:])
        #expect(theme.render(root, template: "root") == "theme root /en/")
        let redirect = RedirectContext(
            site: site,
            language: LanguageInfo(code: "en", name: "English", locale: "en", direction: "ltr", homeURL: "/en/"),
            url: "/en/new/", permalink: "https://example.org/en/new/", title: "New", i18n: [:])
        #expect(theme.render(redirect, template: "alias") == "moved to /en/new/")
    }

    @Test("A missing theme folder names the themes that exist")
    func missingThemeWithAlternatives() throws {
        let failure = try #require(loadFailure(siteFiles, name: "glossy"))
        #expect(failure.isConfigurationError)
        #expect(
            failure.diagnostics.map(\.description) == [
                "config.yaml:1:1: error: The theme `glossy` does not exist: there is no folder themes/glossy.\n"
                    + "    hint: Set `theme:` to one of: t."
            ])
    }

    @Test("A missing theme folder with no themes at all")
    func missingThemeWithoutAlternatives() throws {
        let failure = try #require(loadFailure(["layouts/page.mustache": "x"], name: "glossy"))
        #expect(
            failure.diagnostics.map(\.description) == [
                "config.yaml:1:1: error: The theme `glossy` does not exist: there is no folder themes/glossy.\n"
                    + "    hint: Create themes/glossy/layouts/ or set `theme:` to an existing theme."
            ])
        #expect(failure.diagnostics.first?.stage == .config)
    }

    @Test("A template with an unclosed section is reported at its file and line")
    func unclosedSection() throws {
        var files = siteFiles
        files["themes/t/layouts/section.mustache"] = "<ul>\n{{#items}}\n<li>{{.}}</li>\n"
        let failure = try #require(loadFailure(files))
        #expect(failure.isConfigurationError)
        let diagnostic = try #require(
            failure.diagnostics.first { $0.position.file == "themes/t/layouts/section.mustache" })
        #expect(diagnostic.position.line == 4)
        #expect(diagnostic.message == "This template cannot be read: a section is opened but never closed.")
        #expect(
            diagnostic.hint
                == "Check that every {{#section}} has a matching {{/section}} and every tag is closed with }}.")
    }

    @Test("A section closed with the wrong name is reported at its line")
    func wrongSectionClose() throws {
        var files = siteFiles
        files["layouts/page.mustache"] = "<h1>{{title}}</h1>\n{{#items}}x{{/other}}\n"
        let failure = try #require(loadFailure(files))
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(failure.diagnostics.count == 1)
        #expect(diagnostic.position.file == "layouts/page.mustache")
        #expect(diagnostic.position.line == 2)
        #expect(
            diagnostic.message
                == "This template cannot be read: a section is closed with a different name than it was opened with.")
    }

    @Test("A missing required template is an error")
    func missingRequiredTemplate() throws {
        var files = siteFiles
        files["themes/t/layouts/404.mustache"] = nil
        let failure = try #require(loadFailure(files))
        #expect(failure.isConfigurationError)
        #expect(
            failure.diagnostics.map(\.description) == [
                "themes/t:1:1: error: The theme `t` has no `404` template.\n"
                    + "    hint: Add themes/t/layouts/404.mustache."
            ])
    }

    @Test("A required template may come from the site instead of the theme")
    func requiredTemplateFromSite() throws {
        var files = siteFiles
        files["themes/t/layouts/404.mustache"] = nil
        files["layouts/404.mustache"] = "site 404"
        let theme = try loadTheme(files)
        #expect(theme.templateSources["404"] == "layouts/404.mustache")
        #expect(theme.render([String: String](), template: "404") == "site 404")
    }
}

@Suite struct ThemeRegressionTests {
    func failure(_ template: String) -> [Diagnostic] {
        var files = [
            "themes/t/layouts/home.mustache": "h", "themes/t/layouts/section.mustache": "s",
            "themes/t/layouts/page.mustache": "p", "themes/t/layouts/404.mustache": "n",
        ]
        files["themes/t/layouts/section.mustache"] = template
        do {
            _ = try Theme.load(
                name: "t", languages: [Language(code: "en", name: "English")], defaultLanguage: "en",
                from: InMemoryFileSystem(files))
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func templateErrorsPointAtTheRightColumnAndOnly() {
        let diagnostics = failure("{{#a}}{{#b}}{{/a}}")
        #expect(diagnostics.count == 1)
        #expect(
            diagnostics.first?.position
                == SourcePosition(file: "themes/t/layouts/section.mustache", line: 1, column: 16))
    }

    @Test func anUnfinishedTagIsExplained() {
        #expect(failure("abc {{name").first?.message == "This template cannot be read: a tag is not closed with }}.")
    }
}
