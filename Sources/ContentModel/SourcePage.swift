import SiteCore

/// One Markdown file of `content/`, read and split into front matter and body.
public struct SourcePage: Sendable {
    /// Relative to the site folder, as diagnostics show it: `content/partners/eco.fr.md`.
    public var path: String
    /// Relative to `content/`: `partners/eco.fr.md`.
    public var contentPath: String
    public var language: String
    /// The folder in `content/` that holds it: `partners`; `""` for the top level.
    public var directory: String
    /// The file name without language and extension: `eco`, or `_index` for a section page.
    public var baseName: String
    public var frontMatter: FrontMatter
    public var body: String
    /// The number of file lines above the body, to turn body positions into file positions.
    public var bodyLineOffset: Int
    /// A short hash of the file's text, which translations stamped before `TranslationFingerprint`
    /// recorded: such a stamp holds while the file is unchanged.
    public var contentHash: String
    /// The body's part of the `TranslationFingerprint`, taken when the file is read: a one-off build
    /// lets the body go once it is parsed. Only originals are fingerprinted (translations are
    /// stamped against the page in the default language), so nil for the others.
    public var bodyFingerprint: String?

    public init(
        path: String, contentPath: String, language: String, directory: String, baseName: String,
        frontMatter: FrontMatter, body: String, bodyLineOffset: Int, contentHash: String,
        fingerprintingBody: Bool = true
    ) {
        self.path = path
        self.contentPath = contentPath
        self.language = language
        self.directory = directory
        self.baseName = baseName
        self.frontMatter = frontMatter
        self.body = body
        self.bodyLineOffset = bodyLineOffset
        self.contentHash = contentHash
        self.bodyFingerprint = fingerprintingBody ? TranslationFingerprint.body(body) : nil
    }

    public var isSectionIndex: Bool { baseName == "_index" }

    /// The same page in every language shares this key: `translationKey`, or the path without
    /// its language.
    public var translationGroup: TranslationGroup {
        TranslationGroup(
            rawValue: frontMatter.translationKey.map { "key:" + $0 } ?? "path:"
                + (directory.isEmpty ? baseName : directory + "/" + baseName))
    }
}
