import ContentModel
import Foundation
import Search
import SiteCore
import SiteOutput
import Templating

/// The `index` stage for search: one index per language under `/<lang>/search/`, made from the
/// parsed pages the build already has (no re-reading of HTML). Untranslated pages are indexed in
/// every language from their own text and labelled with their language.
struct SearchIndexWriter {
    let graph: SiteGraph
    /// Results in another language are labelled with its name in the reader's language.
    let names: LanguageNames

    init(graph: SiteGraph) {
        self.graph = graph
        self.names = LanguageNames(config: graph.config, i18n: graph.theme.i18n)
    }

    /// Languages are indexed in parallel: each has its own analyzer and stemmer, and the graph is
    /// only read. The result is in the config's language order, so the output stays deterministic.
    /// With `emit`, each language's files are handed over when done instead of returned.
    ///
    /// With an `output` that keeps a build cache, a language whose documents (and so its index)
    /// are the same as when the live site's index was made keeps that index's files; with
    /// `inputs`, one whose pages' texts and the structure are the same keeps them before its
    /// documents are made.
    func write(
        languages only: Set<String>? = nil, emit: (@Sendable ([OutputFile]) -> Void)? = nil,
        output: StagedOutput? = nil, inputs: PageInputKeys? = nil
    ) -> [OutputFile] {
        let groups = Set(graph.pages.map(\.group)).sorted()
        let languages = graph.config.languages.filter { only?.contains($0.code) ?? true }
        // One language at a time, each on every core (SearchIndexBuilder): two at once held twice
        // the memory for a few percent of the time.
        var kept: [OutputFile] = []
        for language in languages {
            indexFiles(of: language, groups: groups, output: output, inputs: inputs) { files in
                if let emit { emit(files) } else { kept += files }
            }
            // A language's postings are freed here; the next language's are made from scratch.
            if emit != nil { FreedMemory.returnToSystem() }
        }
        return kept
    }

    /// Hands `emit` the language's index files as each part of it is made.
    private func indexFiles(
        of language: Language, groups: [TranslationGroup], output: StagedOutput?, inputs: PageInputKeys?,
        emit: ([OutputFile]) -> Void
    ) {
        let locale = Locale(identifier: language.locale)
        let pages = groups.compactMap { graph.bestPage(group: $0, for: language.code) }.sorted()
        // A document is made from its page's text and what the structure names (titles, sections,
        // fields, language names): with both as they were, so are the index's files.
        var inputKey: String?
        if let output, output.usesBuildCache, let inputs {
            inputKey = self.inputKey(language: language.code, pages: pages, inputs: inputs)
            if let inputKey, let files = output.unchangedFiles(under: inputKey) { return emit(files) }
        }
        // Every file of the index is also recorded under the input key.
        func record(_ files: [OutputFile]) {
            emit(inputKey.map { key in files.map { $0.recorded(alsoUnder: key) } } ?? files)
        }
        let documents = ParallelMap.chunks(count: pages.count) { range in
            range.map { document(for: graph.pages[pages[$0]], language: language.code, locale: locale) }
        }
        var memoKey: String?
        if let output, output.usesBuildCache {
            // The index is made from the documents alone (and the program: see OutputMemo).
            var hasher = StableHasher()
            hasher.combine(documents)
            let key = "search \(language.code) " + hasher.hexDigest
            if let files = output.unchangedFiles(under: key) { return record(files) }
            memoKey = key
        }
        // The typo index (`k/`) is also recorded under what it is made from alone, so an edit
        // that changes weights but no word keeps it.
        var typoKey: String?
        let keptTypoShards = { (fingerprint: String) -> [String]? in
            guard let output, memoKey != nil else { return nil }
            let key = "search typos \(language.code) " + fingerprint
            typoKey = key
            guard let files = output.unchangedFiles(under: key),
                let separators = SearchIndexBuilder.typoSeparators(ofFiles: files.map(\.path))
            else { return nil }
            record(
                files.map { file in
                    var file = file
                    file.memoKey = memoKey
                    file.otherMemoKeys = [key]
                    return file
                })
            return separators
        }
        SearchIndexBuilder(language: language.code).build(documents, keptTypoShards: keptTypoShards) { files in
            record(
                files.map {
                    var file = OutputFile(
                        path: "\(language.code)/search/\($0.path)", contents: $0.contents, memoKey: memoKey)
                    if let typoKey, $0.path.hasPrefix("k/") { file.otherMemoKeys = [typoKey] }
                    return file
                })
        }
    }

    /// The key of a language's index by what its documents are made from; nil when a page's text
    /// was not keyed.
    private func inputKey(language: String, pages: [Int], inputs: PageInputKeys) -> String? {
        var hasher = StableHasher()
        hasher.combine(inputs.key(forStage: "search \(language)"))
        for offset in pages {
            let page = graph.pages[offset]
            hasher.combine(page.url)
            guard let path = page.source?.path else { continue }
            guard let body = graph.bodyKeys[path] else { return nil }
            hasher.combine(path)
            hasher.combine(word: body.high)
            hasher.combine(word: body.low)
        }
        return "input search " + hasher.hexDigest
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
            languageName: names.name(of: page.contentLanguage, in: language),
            description: page.source?.frontMatter.description ?? "",
            segments: (parsed?.segments ?? []).map {
                SearchDocument.Segment(headingID: $0.headingID, heading: $0.heading, text: $0.text)
            }, country: country)
    }
}
