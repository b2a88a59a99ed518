import Foundation
import SiteCore
import Yams

/// Checks a page's front matter against its kind's schema and turns each field into a typed
/// `FieldValue`: wrong types, unknown fields, bad enum values, country codes, non-https URLs,
/// missing assets and references to missing pages are reported at their line and column.
public struct FieldValidator {
    public let schemas: [ContentKind: ContentSchema]
    /// Source files by path under `content/`, with the kind each was given.
    public let kinds: [String: ContentKind]
    /// Files that will be published, by their path in the site folder, with their URL.
    public let publishedAssets: [String: String]
    /// Files under `content/` that exist but could not be read: a reference to one is counted in
    /// that file's error rather than reported.
    public var unreadable: Set<String> = []

    public init(schemas: [ContentKind: ContentSchema], kinds: [String: ContentKind], publishedAssets: [String: String])
    {
        self.schemas = schemas
        self.kinds = kinds
        self.publishedAssets = publishedAssets
    }

    public func validate(
        _ source: SourcePage, schema: ContentSchema, diagnostics: inout DiagnosticList
    ) -> [String: FieldValue] {
        schema.date.checkWritten(source, schema: schema, diagnostics: &diagnostics)
        let object = source.frontMatter.fields
        var values: [String: FieldValue] = [:]
        for entry in object.entries where !FrontMatter.knownKeys.contains(entry.key) && !object.isNull(entry.value) {
            guard let field = schema.field(entry.key) else {
                if !schema.allowsOtherFields {
                    let names = schema.fields.map(\.name)
                    let suggestion = EditDistance.closest(to: entry.key, among: names)
                    diagnostics.append(
                        .error(
                            "`\(entry.key)` is not a field of a \(schema.kind) page.",
                            at: object.position(of: entry.keyNode),
                            hint: (suggestion.map { "Did you mean `\($0)`? " } ?? "")
                                + "The fields of a \(schema.kind) are: \(names.joined(separator: ", ")).",
                            stage: .validate))
                }
                continue
            }
            if let value = convert(
                entry.value, to: field.type, field: field.name, in: source, object: object, diagnostics: &diagnostics)
            {
                values[field.name] = value
            }
        }
        return values
    }

    /// Reports required fields that are missing from a page (or from the page its translation inherits from).
    public func checkRequired(
        _ values: [String: FieldValue], schema: ContentSchema, source: SourcePage, diagnostics: inout DiagnosticList
    ) {
        schema.date.checkPresent(source, schema: schema, diagnostics: &diagnostics)
        for field in schema.fields where field.required && values[field.name] == nil {
            let object = source.frontMatter.fields
            if let node = object.value(field.name) {
                // Present but invalid: already reported.
                if !object.isNull(node) { continue }
                diagnostics.append(
                    .error(
                        "The required field `\(field.name)` is empty.", at: object.positionOfKey(field.name),
                        hint:
                            "Fill in `\(field.name):` with \(field.type)"
                            + (field.description.map { ": \($0.prefix { $0 != "." })." }
                                ?? ([.string, .text].contains(field.type)
                                    ? "." : ", e.g. `\(field.name): \(field.type.example)`.")),
                        stage: .validate))
                continue
            }
            diagnostics.append(
                .error(
                    "This \(schema.kind) page is missing the required field `\(field.name)`, which should be \(field.type).",
                    at: SourcePosition(file: source.path, line: 2),
                    hint: "Add a line `\(field.name): \(field.type.example)` between the `---` lines.",
                    stage: .validate))
        }
        checkImageDescriptions(values, schema: schema, source: source, diagnostics: &diagnostics)
    }

    /// A picture needs words for those who cannot see it: an asset field `image` whose schema
    /// also has a text field `imageAlt` (any `X` with `XAlt`) is an error without them, as an
    /// image in the text without its description is.
    private func checkImageDescriptions(
        _ values: [String: FieldValue], schema: ContentSchema, source: SourcePage, diagnostics: inout DiagnosticList
    ) {
        for (field, description) in Self.describedPictures(in: schema)
        where values[field.name] != nil && values[description.name] == nil {
            diagnostics.append(
                .error(
                    "The picture in `\(field.name)` has no description for people who cannot see it.",
                    at: source.frontMatter.fields.positionOfKey(field.name),
                    hint:
                        "Add a line `\(description.name): \"…\"` saying in one sentence what it shows (screen readers read it aloud), e.g. `\(description.name): \"Trainees and trainers of the course in Lisbon\"`.",
                    stage: .validate))
        }
    }

    /// Each asset field `X` whose schema also has a field `XAlt`, with that field.
    private static func describedPictures(
        in schema: ContentSchema
    ) -> [(picture: ContentSchema.Field, description: ContentSchema.Field)] {
        schema.fields.compactMap { field in
            guard field.type == .asset, let description = schema.field(field.name + "Alt") else { return nil }
            return (field, description)
        }
    }

    /// A translation that shows its original's picture but not a description of its own: the
    /// reader hears the original's language. (`values` are the translation's own fields.)
    public func checkTranslatedImageDescriptions(
        own values: [String: FieldValue], inherited: [String: FieldValue], schema: ContentSchema,
        translation: SourcePage, original: SourcePage, diagnostics: inout DiagnosticList
    ) {
        for (field, description) in Self.describedPictures(in: schema)
        where description.translatable && (values[field.name] ?? inherited[field.name]) != nil
            && values[description.name] == nil && inherited[description.name] != nil
        {
            diagnostics.append(
                .warning(
                    "The picture in `\(field.name)` is described in the original's language only (\(original.path)).",
                    at: SourcePosition(file: translation.path, line: 2),
                    hint:
                        "Add a line `\(description.name): \"…\"` between the `---` lines: the description of \(original.path), in this page's language.",
                    stage: .validate))
        }
    }

    /// The published file a mistyped path most likely meant: a close name in the same folder, or
    /// one whose name contains what was typed (`logos/esso.svg` for `logos/esso-logo.svg`), else
    /// the closest path anywhere.
    private func closestAsset(to sitePath: String) -> String? {
        let folder = RelativePath.directory(of: sitePath)
        let name = RelativePath.lastComponent(of: sitePath)
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        let neighbours = publishedAssets.keys.filter { RelativePath.directory(of: $0) == folder }.sorted()
        let names = neighbours.map { RelativePath.lastComponent(of: $0) }
        if let close = EditDistance.closest(to: name, among: names) {
            return folder.isEmpty ? close : folder + "/" + close
        }
        if !stem.isEmpty,
            let containing = neighbours.first(where: { RelativePath.lastComponent(of: $0).contains(stem) })
        {
            return containing
        }
        return EditDistance.closest(to: sitePath, among: publishedAssets.keys.sorted())
    }

    private func convert(
        _ node: Node, to type: FieldType, field: String, in source: SourcePage, object: YAMLObject,
        diagnostics: inout DiagnosticList
    ) -> FieldValue? {
        let position = object.position(of: node)
        func fail(_ message: String, hint: String) -> FieldValue? {
            diagnostics.append(.error(message, at: position, hint: hint, stage: .validate))
            return nil
        }
        if case .list(let itemType) = type {
            let items: [Node]
            if let sequence = node.sequence {
                items = Array(sequence)
            } else if node.scalar != nil {
                items = [node]
            } else {
                return fail("`\(field)` must be \(type).", hint: "Write it as `\(field): \(type.example)`.")
            }
            var values: [FieldValue] = []
            for item in items {
                if let value = convert(
                    item, to: itemType, field: field, in: source, object: object, diagnostics: &diagnostics)
                {
                    values.append(value)
                }
            }
            return .list(values)
        }
        guard let text = node.scalar?.string else {
            return fail(
                "`\(field)` must be \(type), not a list or block.", hint: "Write it as `\(field): \(type.example)`.")
        }
        switch type {
        case .string, .text:
            // Blank, or the `…` of an example copied as it is: nothing was written.
            let meaningful = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if meaningful.isEmpty || meaningful.allSatisfy({ $0 == "…" || $0 == "." }) {
                return fail(
                    "`\(field)` is empty\(meaningful.isEmpty ? "" : ": `\(meaningful)` is only a placeholder").",
                    hint: "Write the \(field) after `\(field):`, or delete the line if the field is optional.")
            }
            return .text(text)
        case .int:
            guard let number = Int(text) else {
                return fail("`\(field)` must be a whole number, not `\(text)`.", hint: "Write it as `\(field): 1`.")
            }
            return .int(number)
        case .bool:
            switch text.lowercased() {
            case "true", "yes": return .bool(true)
            case "false", "no": return .bool(false)
            default:
                return fail(
                    "`\(field)` must be true or false, not `\(text)`.",
                    hint: "Write `\(field): true` or `\(field): false`.")
            }
        case .date:
            guard let date = PageDate(text) else {
                return fail("`\(text)` is not a date.", hint: PageDate.formatHint(field: field))
            }
            return .date(date)
        case .url:
            guard text.lowercased().hasPrefix("https://"), let url = URL(string: text), url.host?.contains(".") == true
            else {
                if text.lowercased().hasPrefix("http://") {
                    return fail(
                        "`\(field)` must be a secure https:// address, not `\(text)`.",
                        hint: "Change http:// to https:// (check that the site works with it).")
                }
                return fail("`\(text)` is not a web address.", hint: "Write the full address, starting with https://.")
            }
            return .url(text)
        case .email:
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !text.contains(" "),
                !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
            else {
                return fail("`\(text)` is not an email address.", hint: "Write it as `\(field): name@example.org`.")
            }
            return .email(text)
        case .enumeration(let allowed):
            guard allowed.contains(text) else {
                let suggestion = EditDistance.closest(to: text, among: allowed)
                return fail(
                    "`\(text)` is not an allowed value for `\(field)`.",
                    hint: (suggestion.map { "Did you mean `\($0)`? " } ?? "")
                        + "Allowed values: \(allowed.joined(separator: ", ")).")
            }
            return .enumeration(text)
        case .country:
            guard FieldType.countryCodes.contains(text) else {
                let upper = text.uppercased()
                let hint: String
                if let code = FieldType.euCountryCodes[upper] {
                    hint = "Did you mean `\(code)`? \(FieldType.euCountryCodeNote(upper))"
                } else if FieldType.countryCodes.contains(upper) {
                    hint = "Country codes are written in capitals: `\(upper)`."
                } else {
                    hint = "Use the two-letter ISO 3166-1 code, e.g. BE for Belgium, DE for Germany, GR for Greece."
                }
                return fail("`\(text)` is not a country code.", hint: hint)
            }
            return .country(text)
        case .language:
            guard Language.isKnownCode(text) else {
                return fail("`\(text)` is not a language code.", hint: "Use a two-letter ISO 639-1 code such as `fr`.")
            }
            return .language(text)
        case .asset:
            let sitePath: String?
            if text.hasPrefix("/") {
                sitePath = RelativePath.normalize(text)
            } else {
                sitePath = RelativePath.resolve(text, relativeTo: source.path)
            }
            guard let sitePath else {
                return fail("`\(text)` points outside the site folder.", hint: "Use a file under content/ or static/.")
            }
            guard let url = publishedAssets[sitePath] else {
                // Written as the partner wrote it: relative to the page, or from the site folder.
                let suggestion = closestAsset(to: sitePath).map {
                    text.hasPrefix("/") ? "/" + $0 : RelativePath.relative(from: source.path, to: $0)
                }
                return fail(
                    "The file `\(text)` does not exist (looked for \(sitePath)).",
                    hint: suggestion.map { "Did you mean `\($0)`?" }
                        ?? "Put the file in content/, next to the page (e.g. content/partners/logos/), and write its path relative to the page, e.g. `logos/name.svg`."
                )
            }
            return .asset(url: url)
        case .reference(let kind):
            var path = text
            if path.hasPrefix("/content/") { path.removeFirst("/content".count) }
            guard let target = RelativePath.resolve(path, relativeTo: source.contentPath) else {
                return fail("`\(text)` points outside the content folder.", hint: "Link to a .md file under content/.")
            }
            guard let targetKind = kinds[target] else {
                if unreadable.contains(target) {
                    diagnostics.append(
                        Diagnostic.error(
                            "`\(field)` refers to content/\(target), which could not be read.", at: position,
                            hint: "Fix the error reported in content/\(target).", stage: .validate
                        ).depending(on: ContentPaths.folder + "/" + target, as: .link))
                    return nil
                }
                let candidates = kinds.filter { kind == nil || $0.value == kind }.keys.sorted()
                let suggestion = EditDistance.closest(to: target, among: candidates)
                return fail(
                    "`\(field)` refers to content/\(target), which does not exist.",
                    hint: suggestion.map {
                        "Did you mean `\(RelativePath.relative(from: source.contentPath, to: $0))`?"
                    }
                        ?? "Write the path of the page's .md file, relative to this file.")
            }
            if let kind, targetKind != kind {
                return fail(
                    "`\(field)` must refer to a \(kind) page, but content/\(target) is a \(targetKind) page.",
                    hint: "Choose a page from the \(kind) pages.")
            }
            return .reference(contentPath: target)
        case .list:
            return nil
        }
    }
}
