import Foundation
import SiteCore
import Templating

/// Renders the pages that do not come from content: the language chooser at `/`, the 404
/// pages, and redirects for aliases.
struct SupportPageRenderer {
    let graph: SiteGraph
    let pages: PageRenderer

    func render() -> [OutputFile] {
        var files: [OutputFile] = []
        let config = graph.config
        let homes = config.languages.map { language in
            LanguageLink(
                code: language.code, name: language.name, url: "/\(language.code)/", isCurrent: false,
                hasTranslation: true, direction: language.direction.rawValue)
        }
        let root = RootContext(
            site: pages.siteInfo(language: config.defaultLanguage), languages: homes,
            defaultURL: "/\(config.defaultLanguage)/", i18n: pages.strings(config.defaultLanguage))
        files.append(OutputFile(path: "index.html", text: graph.theme.render(root, template: "root") ?? ""))

        for language in config.languages where graph.theme.hasTemplate("search") {
            var context = notFoundContext(language.code)
            let url = "/\(language.code)/search/"
            context.page.title = context.i18n["search"] ?? "Search"
            context.page.kind = "search"
            context.page.url = url
            context.page.permalink = pages.permalink(url)
            // Strings the search script needs, with every plural form for Intl.PluralRules.
            let strings: [String: Any] = [
                "none": graph.theme.i18n.text("searchNoResults", language: language.code),
                "results": graph.theme.i18n.pluralForms("searchResults", language: language.code),
            ]
            let json = (try? JSONSerialization.data(withJSONObject: strings, options: [.sortedKeys])) ?? Data()
            context.page.params = .map([
                .init(key: "searchStrings", value: .string(String(decoding: json, as: UTF8.self)))
            ])
            files.append(
                OutputFile(
                    path: "\(language.code)/search/index.html",
                    text: graph.theme.render(context, template: "search") ?? ""))
        }
        for language in config.languages {
            let html = graph.theme.render(notFoundContext(language.code), template: "404") ?? ""
            files.append(OutputFile(path: "\(language.code)/404.html", text: html))
            if language.code == config.defaultLanguage {
                files.append(OutputFile(path: "404.html", text: html))
            }
        }

        var ignored = DiagnosticList()
        let status = TranslationStatus.of(graph, warnings: &ignored)
        let rows = status.languages.map {
            TranslationStatusContext.LanguageRow(
                code: $0.code, name: $0.name, translated: $0.translated.count, total: status.total,
                missing: $0.missing, stale: $0.stale, missingStrings: $0.missingStrings)
        }
        let statusContext = TranslationStatusContext(
            site: pages.siteInfo(language: config.defaultLanguage), languages: rows)
        files.append(
            OutputFile(
                path: "translation-status/index.html",
                text: graph.theme.render(statusContext, template: "translation-status") ?? ""))

        for alias in graph.aliases {
            let target = graph.pages[alias.target]
            let context = RedirectContext(
                site: pages.siteInfo(language: target.language), language: pages.languageInfo(target.language),
                url: target.url, permalink: pages.permalink(target.url), title: target.title,
                i18n: pages.strings(target.language))
            files.append(OutputFile(path: alias.outputPath, text: graph.theme.render(context, template: "alias") ?? ""))
        }
        return files
    }

    private func notFoundContext(_ language: String) -> PageContext {
        pages.generatedPageContext(
            language: language, url: "/\(language)/404.html",
            title: pages.strings(language)["pageNotFound"] ?? "Page not found",
            kind: "404")
    }
}
