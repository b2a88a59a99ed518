import Foundation
import SiteCore
import Yams

/// The start of a page's translation, for the "Translate this page" link of a page shown
/// untranslated: the file `name.<lang>.md` beside the original, holding the original's
/// translatable front matter and its text, ready to be translated in the repository host's editor.
///
/// The front matter keeps, as written in the original: `title`, `description` and the fields the
/// page's kind marks `translatable: true`; `translationKey`, `kind` and `layout` too, which tie the
/// file to its original and its template (everything else, `date` and `weight` included, is taken
/// from the original). `translatedFrom` records the original's version the text is from, as
/// `interact-site translations --stamp` would.
public enum TranslationDraft {
    /// Built-in keys a translation repeats: without them it would not be the same page.
    static let tyingKeys = ["translationKey", "kind", "layout"]

    /// The new file's name, `eco.fr.md`, in the original's folder.
    public static func fileName(of source: SourcePage, language: String) -> String {
        "\(source.baseName).\(language).md"
    }

    /// The front matter block, `---` lines included.
    public static func frontMatter(of source: SourcePage, schema: ContentSchema) -> String {
        let translatable = Set(schema.fields.filter(\.translatable).map(\.name))
        let kept = Set(["title", "description"] + tyingKeys).union(translatable)
        let object = source.frontMatter.fields
        let lines = source.frontMatter.yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let starts = object.entries.map { $0.keyNode.mark?.line ?? 0 }
        // One entry per line, in order (block style), so each entry's lines run to the next one's.
        let blockStyle = starts.allSatisfy { $0 > 0 } && zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 }
        var block: [String] = []
        for (offset, entry) in object.entries.enumerated() where kept.contains(entry.key) {
            guard blockStyle else {
                let single = Node.mapping(Node.Mapping([(entry.keyNode, entry.value)]))
                if let text = try? Yams.serialize(node: single, width: -1, allowUnicode: true) {
                    block.append(text.hasSuffix("\n") ? String(text.dropLast()) : text)
                }
                continue
            }
            let end = offset + 1 < starts.count ? starts[offset + 1] - 1 : lines.count
            var span = Array(lines[(starts[offset] - 1)..<min(end, lines.count)])
            // Comments and blank lines before the next key belong to it.
            while let last = span.last, span.count > 1,
                last.trimmingCharacters(in: .whitespaces).isEmpty || last.hasPrefix("#")
            {
                span.removeLast()
            }
            block += span.map(String.init)
        }
        let text = (["---"] + block + ["---"]).joined(separator: "\n") + "\n"
        return TranslationStamp.apply(source.contentHash, to: text) ?? text
    }

    /// The link to the new-file page of `repository` for `source`'s translation into `language`.
    /// A body too long for a link is cut (see `SourceRepository.newFileURL`), with a note saying
    /// where the rest is.
    public static func url(
        for source: SourcePage, language: String, schema: ContentSchema, repository: SourceRepository
    ) -> String {
        let folder = ContentPaths.folder + (source.directory.isEmpty ? "" : "/" + source.directory)
        var body = source.body
        if !body.isEmpty, !body.hasSuffix("\n") { body += "\n" }
        return repository.newFileURL(
            folder: folder, name: fileName(of: source, language: language),
            head: frontMatter(of: source, schema: schema), body: body,
            continuation:
                "\n<!-- The original is longer than a link can carry: translate the rest of \(source.path) too. -->\n"
        )
    }
}
