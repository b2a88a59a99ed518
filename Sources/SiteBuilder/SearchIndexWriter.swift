import Foundation
import Search
import SiteCore

/// The `index` stage for search: one index per language under `/<lang>/search/`, made from the
/// parsed pages the build already has (no re-reading of HTML). Untranslated pages are indexed in
/// every language from their own text and labelled with their language.
struct SearchIndexWriter {
    let graph: SiteGraph
    let pages: PageRenderer

    func write() -> [OutputFile] {
        var files: [OutputFile] = []
        let groups = Set(graph.pages.map(\.group)).sorted()
        for language in graph.config.languages {
            let locale = Locale(identifier: language.locale)
            let documents = groups.compactMap { graph.bestPage(group: $0, for: language.code) }.sorted().map {
                document(for: graph.pages[$0], language: language.code, locale: locale)
            }
            for (path, contents) in SearchIndexBuilder(language: language.code).build(documents) {
                files.append(OutputFile(path: "\(language.code)/search/\(path)", contents: contents))
            }
        }
        return files
    }

    private func document(for page: SitePage, language: String, locale: Locale) -> SearchDocument {
        let parsed = page.source.flatMap { graph.documents[$0.path] }
        let topSection = page.directory.split(separator: "/").first.map(String.init) ?? ""
        let section = graph.sectionPage(topSection, language: language).map { graph.pages[$0].title } ?? ""
        var country: (code: String, name: String)?
        if let path = page.source?.path, case .country(let code)? = graph.fieldValues[path]?["country"] {
            country = (code, locale.localizedString(forRegionCode: code) ?? code)
        }
        return SearchDocument(
            url: page.url, title: page.title, section: section, language: page.contentLanguage,
            languageName: graph.config.language(page.contentLanguage)?.name ?? page.contentLanguage,
            description: page.source?.frontMatter.description ?? "",
            segments: (parsed?.segments ?? []).map {
                SearchDocument.Segment(headingID: $0.headingID, heading: $0.heading, text: $0.text)
            }, country: country)
    }
}
