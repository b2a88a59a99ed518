import ContentModel
import SiteCore

/// The `fields` step: each file's content kind, its typed fields checked against the kind's
/// schema, translations merged with what they inherit from the default language, and which pages
/// refer to which.
struct FieldAssignment {
    let loaded: LoadedSite

    /// The kind of a file: its `kind:` field, else the schema claiming its folder (or the
    /// nearest parent folder), else a plain page. Section pages are plain pages.
    private func kind(of source: SourcePage, diagnostics: inout DiagnosticList) -> ContentKind {
        let schemas = loaded.schemas
        if let named = source.frontMatter.kind {
            if schemas[named] != nil { return named }
            let known = schemas.keys.sorted().map(\.rawValue)
            diagnostics.append(
                .error(
                    "There is no content kind called `\(named)`.",
                    at: source.frontMatter.kindPosition ?? SourcePosition(file: source.path),
                    hint: EditDistance.closest(to: named.rawValue, among: known).map { "Did you mean `\($0)`?" }
                        ?? "Use one of: \(known.joined(separator: ", ")), or add schemas/\(named).yaml.",
                    stage: .validate))
            return .page
        }
        if source.isSectionIndex { return .page }
        var directory = source.directory
        while true {
            if let schema = schemas.values.first(where: { $0.sections.contains(directory) }) { return schema.kind }
            if directory.isEmpty { return .page }
            directory = RelativePath.directory(of: directory)
        }
    }

    /// Checks typed fields, merges translations with what they inherit from the default
    /// language, and records which pages refer to which.
    func assign(to graph: inout SiteGraph, diagnostics: inout DiagnosticList) {
        var kindsByContentPath: [String: ContentKind] = [:]
        for source in loaded.pages {
            let kind = kind(of: source, diagnostics: &diagnostics)
            graph.kinds[source.path] = kind
            kindsByContentPath[source.contentPath] = kind
        }
        var published: [String: String] = [:]
        for asset in loaded.assets { published[ContentPaths.folder + "/" + asset] = "/" + asset }
        for (output, source) in loaded.theme.staticFiles { published[source] = "/" + output }
        var validator = FieldValidator(
            schemas: loaded.schemas, kinds: kindsByContentPath, publishedAssets: published)
        validator.unreadable = loaded.unreadable

        var own: [String: [String: FieldValue]] = [:]
        var versions: [TranslationGroup: [SourcePage]] = [:]
        for source in loaded.pages {
            let schema = graph.schema(of: source.path)
            own[source.path] = validator.validate(source, schema: schema, diagnostics: &diagnostics)
            versions[TranslationGroup.of(source), default: []].append(source)
        }
        let languageOrder = [loaded.config.defaultLanguage] + loaded.config.languages.map(\.code)
        for (group, sources) in versions {
            let ordered = sources.sorted {
                (languageOrder.firstIndex(of: $0.language) ?? 99) < (languageOrder.firstIndex(of: $1.language) ?? 99)
            }
            let base = ordered[0]
            let schema = graph.schema(of: base.path)
            let baseValues = own[base.path] ?? [:]
            if let original = unreadableOriginal(of: base) {
                // The translations would inherit from a file that could not be read: its error says so.
                for translation in ordered {
                    diagnostics.append(
                        Diagnostic.error(
                            "The original of this translation, \(original), could not be read.",
                            at: SourcePosition(file: translation.path), hint: "Fix the error reported in \(original).",
                            stage: .validate
                        ).depending(on: original, as: .translation))
                }
            } else {
                validator.checkRequired(baseValues, schema: schema, source: base, diagnostics: &diagnostics)
            }
            graph.fieldValues[base.path] = baseValues
            for translation in ordered.dropFirst() {
                var merged = baseValues
                for (name, value) in own[translation.path] ?? [:] {
                    let translatable = schema.field(name)?.translatable ?? true
                    if !translatable, let inherited = baseValues[name], inherited != value {
                        let object = translation.frontMatter.fields
                        diagnostics.append(
                            .error(
                                "`\(name)` cannot differ between translations: \(base.path) says `\(inherited.written)`.",
                                at: object.value(name).map { object.position(of: $0) }
                                    ?? SourcePosition(file: translation.path),
                                hint: "Remove `\(name)` from this file; translations take it from \(base.path).",
                                stage: .validate))
                        continue
                    }
                    merged[name] = value
                }
                graph.fieldValues[translation.path] = merged
                validator.checkTranslatedImageDescriptions(
                    own: own[translation.path] ?? [:], inherited: baseValues, schema: schema, translation: translation,
                    original: base, diagnostics: &diagnostics)
            }
            for value in baseValues.values {
                for target in Self.references(in: value) {
                    guard let targetSource = graph.sourcesByContentPath[target] else { continue }
                    graph.referencedBy[TranslationGroup.of(targetSource), default: []].insert(group)
                }
            }
        }
    }

    /// The default-language file of a translation's page when it exists but could not be read
    /// (`content/…`); nil when the page is in the default language or its original is fine.
    private func unreadableOriginal(of source: SourcePage) -> String? {
        guard source.language != loaded.config.defaultLanguage else { return nil }
        let name = source.baseName + ".md"
        let original = source.directory.isEmpty ? name : source.directory + "/" + name
        guard loaded.unreadable.contains(original) else { return nil }
        return ContentPaths.folder + "/" + original
    }

    static func references(in value: FieldValue) -> [String] {
        switch value {
        case .reference(let path): return [path]
        case .list(let items): return items.flatMap(references(in:))
        default: return []
        }
    }
}
