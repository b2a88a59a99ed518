import SiteCore

/// The text of a new page of a given kind, for `interact-site new`: the kind's fields, each
/// with a comment saying what it expects; required ones to fill in, optional ones commented out.
public enum PageScaffold {
    /// The path (relative to the site folder) and text of the new page.
    /// The body a new page starts with; `check` reports it until it is replaced.
    public static let placeholder = "Write the page here, in Markdown. Start sections with `##`."
    /// What `check` looks for: the placeholder's first words, so a half-deleted one is found too.
    public static let placeholderStart = "Write the page here"

    /// `existingFiles` (relative to the site folder) are checked for a translation's original,
    /// and give the likely one when it is misspelt; nil skips the check.
    public static func make(
        kind: String, name: String, language: String?, config: SiteConfig, schemas: [ContentKind: ContentSchema],
        existingFiles: Set<String>? = nil
    ) throws(BuildFailure) -> (path: String, text: String) {
        guard let schema = schemas[ContentKind(rawValue: kind)] else {
            let known = schemas.keys.sorted().map(\.rawValue)
            throw BuildFailure(
                diagnostics: [
                    .error(
                        "There is no content kind called `\(kind)`.", at: SourcePosition(file: "schemas"),
                        hint: EditDistance.closest(to: kind, among: known).map { "Did you mean `\($0)`?" }
                            ?? "Use one of: \(known.joined(separator: ", ")).", stage: .config)
                ], isConfigurationError: true)
        }
        if let language, config.language(language) == nil {
            throw BuildFailure(
                diagnostics: [
                    .error(
                        "`\(language)` is not one of the site's languages.",
                        at: SourcePosition(file: SiteConfig.fileName),
                        hint: config.language(language.lowercased()) != nil
                            ? "Language codes are written in lower case: `\(language.lowercased())`."
                            : "Use one of: \(config.languages.map(\.code).joined(separator: ", ")).", stage: .config)
                ], isConfigurationError: true)
        }
        let slug = Slugifier.slug(name)
        let folder = schema.sections.first.map { "content/\($0)/" } ?? "content/"
        let suffix = language.flatMap { $0 == config.defaultLanguage ? nil : ".\($0)" } ?? ""
        let isTranslation = !suffix.isEmpty
        let original = folder + slug + ".md"
        if isTranslation, let existingFiles, !existingFiles.contains(original) {
            let defaultName = config.language(config.defaultLanguage)?.name ?? config.defaultLanguage
            // Originals in that folder: `name.md`, without a language and not a section page.
            let originals = existingFiles.filter {
                $0.hasPrefix(folder) && $0.hasSuffix(".md") && !$0.dropFirst(folder.count).contains("/")
                    && !$0.dropFirst(folder.count).dropLast(3).contains(".") && !$0.hasSuffix("/_index.md")
            }.map { String($0.dropFirst(folder.count).dropLast(3)) }.sorted()
            let likely =
                EditDistance.closest(to: slug, among: originals)
                ?? originals.first { $0.hasPrefix(slug) || slug.hasPrefix($0) }
                ?? mostWordsInCommon(with: slug, among: originals)
            throw BuildFailure(
                diagnostics: [
                    .error(
                        "There is no \(defaultName) page \(original) to translate.", at: SourcePosition(file: original),
                        hint: likely.map {
                            "Did you mean \(folder)\($0).md? Then run `interact-site new \(kind) \($0) --lang \(language ?? "")`."
                        }
                            ?? "A translation sits next to its original. Create the original first with `interact-site new \(kind) \"\(name)\"`, or give the original's name exactly (its file name is made from it).",
                        stage: .config)
                ])
        }
        var lines = [
            "---", "# The page's title, shown as its main heading and in lists.", "title: \"\(name)\"",
            "# One sentence that sums the page up, shown in search results and when the page is shared.",
            "description:",
        ]
        if schema.sections.isEmpty && kind != "page" { lines.append("kind: \(kind)") }
        if schema.date == .required && !isTranslation {
            lines += ["# date (required): \(FieldType.date). The day it was published.", "date:"]
        }
        for field in schema.fields {
            // A translation gives only what changes: the rest comes from the original.
            if isTranslation && !field.translatable { continue }
            let need = field.required && !isTranslation ? "required" : "optional"
            lines.append("# \(field.name) (\(need)): \(field.type).\(field.description.map { " \($0)" } ?? "")")
            lines.append(
                need == "required"
                    ? "\(field.name):" : "# \(field.name): \(example(for: field, slug: slug, schemas: schemas))")
        }
        lines += ["---", "", placeholder, ""]
        return (folder + slug + suffix + ".md", lines.joined(separator: "\n"))
    }

    /// The one original whose name shares the most words with `slug` (words of three letters or
    /// more), when it shares at least two and at least half of its own: the title was reworded
    /// since the original was made ("Pilot course on communication and leadership in Lisbon" for
    /// `pilot-course-in-lisbon`). Nil when none, or when two share as many.
    static func mostWordsInCommon(with slug: String, among originals: [String]) -> String? {
        func words(_ name: String) -> Set<Substring> { Set(name.split(separator: "-").filter { $0.count >= 3 }) }
        let wanted = words(slug)
        let scored = originals.map { original -> (name: String, shared: Int) in
            let own = words(original)
            let shared = own.intersection(wanted).count
            return (original, shared >= 2 && 2 * shared >= own.count ? shared : 0)
        }
        guard let best = scored.map(\.shared).max(), best > 0 else { return nil }
        let winners = scored.filter { $0.shared == best }
        return winners.count == 1 ? winners[0].name : nil
    }

    /// An example that works once uncommented where it can: a reference names a page of the kind
    /// it refers to, a file sits where the page's logos or photos go.
    public static func example(
        for field: ContentSchema.Field, slug: String, schemas: [ContentKind: ContentSchema]
    ) -> String {
        func referenceExample(_ kind: ContentKind?) -> String {
            guard let section = kind.flatMap({ schemas[$0]?.sections.first }) else { return field.type.example }
            return "../\(section)/name.md"
        }
        switch field.type {
        case .reference(let kind): return referenceExample(kind)
        case .list(.reference(let kind)): return "[\(referenceExample(kind))]"
        case .asset where field.name == "logo": return "logos/\(slug).svg"
        // A photo (news, events): a JPEG next to the page, with the description it needs.
        case .asset where field.name == "image": return "images/\(slug).jpg"
        default: return field.type.example
        }
    }
}
