import SiteCore

/// Works out the new text of translations being marked as up to date with their original.
public struct TranslationStamper: Sendable {
    let context: BuildContext

    public init(context: BuildContext) {
        self.context = context
    }

    /// For each path (relative to the site folder), the file's new text. Every path must be a
    /// translation in `language` whose default-language original exists.
    public func stamp(language: String, paths: [String]) throws(BuildFailure) -> [(path: String, text: String)] {
        let loaded = try ContentLoader(context: context).load()
        var diagnostics = DiagnosticList()
        var results: [(path: String, text: String)] = []
        let byPath = Dictionary(loaded.pages.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for written in paths {
            let path = RelativePath.normalize(written) ?? written
            let position = SourcePosition(file: path)
            guard let translation = byPath[path] else {
                diagnostics.append(
                    .error(
                        "There is no page \(path).", at: position,
                        hint: "Give the path from the site folder, e.g. content/partners/eco.fr.md.", stage: .load))
                continue
            }
            guard translation.language == language, language != loaded.config.defaultLanguage else {
                diagnostics.append(
                    .error(
                        "\(path) is not a translation into `\(language)`.", at: position,
                        hint: "Stamp files named like name.\(language).md.", stage: .load))
                continue
            }
            let group = SiteGraph.group(of: translation)
            guard
                let original = loaded.pages.first(where: {
                    $0.language == loaded.config.defaultLanguage && SiteGraph.group(of: $0) == group
                })
            else {
                diagnostics.append(
                    .error(
                        "\(path) has no original in the default language to be stamped against.", at: position,
                        stage: .load))
                continue
            }
            guard let text = context.source.text(of: path),
                let stamped = TranslationStamp.apply(original.contentHash, to: text)
            else { continue }
            results.append((path, stamped))
        }
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.sorted) }
        return results
    }
}
