import ContentModel
import Foundation
import SiteCore
import SiteOutput
import Templating

/// Renders the pages that do not come from content: the language chooser at `/`, the 404
/// pages, and redirects for aliases.
struct SupportPageRenderer {
    let graph: SiteGraph
    let pages: PageModels
    /// Through the build cache, when the build keeps one.
    var rendering: CachedRendering

    init(graph: SiteGraph, pages: PageModels, rendering: CachedRendering? = nil) {
        self.graph = graph
        self.pages = pages
        self.rendering = rendering ?? CachedRendering(theme: graph.theme, output: nil)
    }

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
                rendering.file("\(language.code)/search/index.html", model: context, template: "search") {
                    graph.theme.render(context, template: "search")
                })
        }
        for language in config.languages {
            let html = graph.theme.render(notFoundContext(language.code), template: "404") ?? ""
            files.append(OutputFile(path: "\(language.code)/404.html", text: html))
            if language.code == config.defaultLanguage {
                files.append(OutputFile(path: "404.html", text: html))
            }
        }

        let status = translationStatusContext()
        files.append(
            rendering.file("translation-status/index.html", model: status, template: "translation-status") {
                graph.theme.render(status, template: "translation-status")
            })

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

    /// `/translation-status/`: a page of the default language, for translators and the communications
    /// team, with every original and translation linked as published.
    private func translationStatusContext() -> PageContext {
        var ignored = DiagnosticList()
        let status = TranslationStatus.of(graph, warnings: &ignored)
        let defaultLanguage = graph.config.defaultLanguage
        var sources: [String: SourcePage] = [:]
        var originals: [TranslationGroup: SourcePage] = [:]
        for source in graph.sourcesByContentPath.values {
            sources[source.path] = source
            if source.language == defaultLanguage { originals[TranslationGroup.of(source)] = source }
        }
        /// A source file's title and address as published (nil when it has none).
        func published(_ source: SourcePage) -> (title: String, url: String?) {
            let index = graph.page(group: TranslationGroup.of(source), language: source.language)
            return (index.map { graph.pages[$0].title } ?? source.frontMatter.title, index.map { graph.pages[$0].url })
        }
        /// An original (by its path) and its translation into `language`, when there is one.
        func entry(original path: String, language: String) -> TranslationStatusInfo.Entry {
            let original = sources[path]
            // Where a translation is missing, a page in another language stands in: not a translation.
            let translation = original.flatMap { original in
                graph.page(group: TranslationGroup.of(original), language: language).flatMap { graph.pages[$0].source }
            }.flatMap { $0.language == language ? $0 : nil }
            let (title, url) = original.map(published) ?? (path, nil)
            let translated = translation.map(published)
            return TranslationStatusInfo.Entry(
                title: title, url: url, path: path, translationTitle: translated?.title,
                translationURL: translated?.url, translationPath: translation?.path, lang: language)
        }
        func originalPath(of translationPath: String) -> String {
            sources[translationPath].flatMap { originals[TranslationGroup.of($0)]?.path } ?? translationPath
        }
        let languages = status.languages.map { language in
            TranslationStatusInfo.Language(
                code: language.code, name: language.name, translated: language.translated.count, total: status.total,
                progress: TranslationStatus.progress(translated: language.translated.count, total: status.total),
                upToDate: language.upToDate,
                stale: language.stale.map { entry(original: originalPath(of: $0), language: language.code) },
                notVerified: language.unstamped.map { entry(original: originalPath(of: $0), language: language.code) },
                missing: language.missing.map { entry(original: $0, language: language.code) },
                missingStrings: language.missingStrings)
        }
        var context = pages.generatedPageContext(
            language: defaultLanguage, url: "/translation-status/", title: "Translation status",
            kind: "translation-status")
        context.translationStatus = TranslationStatusInfo(
            defaultLanguage: defaultLanguage,
            defaultLanguageName: graph.config.language(defaultLanguage)?.name ?? defaultLanguage, total: status.total,
            languages: languages)
        return context
    }

    private func notFoundContext(_ language: String) -> PageContext {
        pages.generatedPageContext(
            language: language, url: "/\(language)/404.html",
            title: pages.strings(language)["pageNotFound"] ?? "Page not found",
            kind: "404")
    }
}
