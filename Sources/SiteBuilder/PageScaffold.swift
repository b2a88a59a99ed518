import SiteCore

/// The text of a new page of a given kind, for `interact-site new`: the kind's fields, each
/// with a comment saying what it expects; required ones to fill in, optional ones commented out.
public enum PageScaffold {
    /// The path (relative to the site folder) and text of the new page.
    public static func make(
        kind: String, name: String, language: String?, config: SiteConfig, schemas: [String: ContentSchema]
    ) throws(BuildFailure) -> (path: String, text: String) {
        guard let schema = schemas[kind] else {
            let known = schemas.keys.sorted()
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
                        hint: "Use one of: \(config.languages.map(\.code).joined(separator: ", ")).", stage: .config)
                ], isConfigurationError: true)
        }
        let slug = Slugifier.slug(name)
        let folder = schema.sections.first.map { "content/\($0)/" } ?? "content/"
        let suffix = language.flatMap { $0 == config.defaultLanguage ? nil : ".\($0)" } ?? ""
        let isTranslation = !suffix.isEmpty
        var lines = ["---", "# The page's title, shown as its main heading and in lists.", "title: \"\(name)\""]
        if schema.sections.isEmpty && kind != "page" { lines.append("kind: \(kind)") }
        if schema.date == .required && !isTranslation {
            lines += ["# date (required): \(FieldType.date). The day it was published.", "date:"]
        }
        for field in schema.fields {
            // A translation gives only what changes: the rest comes from the original.
            if isTranslation && !field.translatable { continue }
            let need = field.required && !isTranslation ? "required" : "optional"
            lines.append("# \(field.name) (\(need)): \(field.type).\(field.description.map { " \($0)" } ?? "")")
            lines.append(need == "required" ? "\(field.name):" : "# \(field.name): \(field.type.example)")
        }
        lines += ["---", "", "Write the page here, in Markdown. Start sections with `##`.", ""]
        return (folder + slug + suffix + ".md", lines.joined(separator: "\n"))
    }
}
