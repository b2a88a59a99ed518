import ContentModel
import SiteCore

/// Works out the new text of translations being marked as up to date with their original: each
/// gets the original's `TranslationFingerprint` as its `translatedFrom:` stamp.
public struct TranslationStamper: Sendable {
    let context: BuildContext

    public init(context: BuildContext) {
        self.context = context
    }

    /// For each path (relative to the site folder), the file's new text, which may be the text it
    /// has. Every path must be a translation in `language` whose default-language original exists.
    public func stamp(language: String, paths: [String]) throws(BuildFailure) -> [(path: String, text: String)] {
        let (graph, _) = try SiteBuilder(context: context).assemble()
        try check(language, in: graph)
        var diagnostics = DiagnosticList()
        var results: [(path: String, text: String)] = []
        let byPath = Dictionary(
            graph.sourcesByContentPath.values.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for written in paths {
            let path = RelativePath.normalize(written) ?? written
            let position = SourcePosition(file: path)
            guard let translation = byPath[path] else {
                diagnostics.append(
                    context.source.contents(of: path) == nil
                        ? .error(
                            "There is no page \(path).", at: position,
                            hint: "Give the path from the site folder, e.g. content/partners/eco.fr.md.", stage: .load)
                        : .error(
                            "\(path) cannot be stamped: the site could not read it.", at: position,
                            hint: "Fix the errors `interact-site check` shows for it, then stamp it.", stage: .load))
                continue
            }
            guard translation.language == language, language != graph.config.defaultLanguage else {
                diagnostics.append(
                    .error(
                        "\(path) is not a translation into `\(language)`.", at: position,
                        hint: "Stamp files named like name.\(language).md.", stage: .load))
                continue
            }
            if let result = stamped(translation, in: graph, diagnostics: &diagnostics) { results.append(result) }
        }
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.sorted) }
        return results
    }

    /// Every translation into `language` that has an original, stamped, in path order.
    public func stampAll(language: String) throws(BuildFailure) -> [(path: String, text: String)] {
        let (graph, _) = try SiteBuilder(context: context).assemble()
        try check(language, in: graph)
        var diagnostics = DiagnosticList()
        var results: [(path: String, text: String)] = []
        let translations = graph.sourcesByContentPath.values.filter { $0.language == language }
        for translation in translations.sorted(by: { $0.path < $1.path }) {
            if let result = stamped(translation, in: graph, diagnostics: &diagnostics) { results.append(result) }
        }
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.sorted) }
        return results
    }

    /// Stamping is for the site's other languages: a usage error otherwise.
    private func check(_ language: String, in graph: SiteGraph) throws(BuildFailure) {
        let others = graph.config.languages.map(\.code).filter { $0 != graph.config.defaultLanguage }
        guard !others.contains(language) else { return }
        let isDefault = language == graph.config.defaultLanguage
        throw BuildFailure(
            diagnostics: [
                .error(
                    isDefault
                        ? "`\(language)` is the default language: its pages are originals, not translations."
                        : "`\(language)` is not one of the site's languages.",
                    at: SourcePosition(file: SiteConfig.fileName),
                    hint: others.isEmpty
                        ? "The site has no other language than `\(graph.config.defaultLanguage)`."
                        : "Give the code of a translation language: \(others.joined(separator: ", ")).",
                    stage: .config)
            ], isConfigurationError: true)
    }

    private func stamped(
        _ translation: SourcePage, in graph: SiteGraph, diagnostics: inout DiagnosticList
    ) -> (path: String, text: String)? {
        let group = TranslationGroup.of(translation)
        guard
            let original = graph.sourcesByContentPath.values.first(where: {
                $0.language == graph.config.defaultLanguage && TranslationGroup.of($0) == group
            })
        else {
            diagnostics.append(
                .error(
                    "\(translation.path) has no original in the default language to be stamped against.",
                    at: SourcePosition(file: translation.path),
                    hint: "Give it the file name of the page it translates, or the same `translationKey`.",
                    stage: .load))
            return nil
        }
        let schema = graph.schema(of: original.path)
        let fingerprint = TranslationFingerprint.of(original, schema: schema)
        guard let text = context.source.text(of: translation.path),
            let stamped = TranslationStamp.apply(fingerprint, to: text)
        else {
            diagnostics.append(
                .error(
                    "\(translation.path) cannot be stamped: its front matter was not found.",
                    at: SourcePosition(file: translation.path),
                    hint: "Start the file with a line `---` and close its front matter with another.", stage: .load))
            return nil
        }
        return (translation.path, stamped)
    }
}
