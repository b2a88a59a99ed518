/// A book's print edition as its template (`print-edition.mustache`) sees it: `{{#printEdition}}`.
/// A section whose `_index.md` says `book: true` is printed as one document per language, so that
/// the Blueprint and the curriculum can be read, cited and printed whole (issue 18); this is what
/// the cover, the contents and the chapters are made from.
public struct PrintEditionInfo: Sendable, Hashable, Encodable {
    /// The book's title in this language.
    public var title: String
    /// The project's name (`site.title`), printed on the cover above the title.
    public var project: String
    /// The day of this edition in the reader's language ("1 December 2026"), and as `YYYY-MM-DD`.
    public var editionDate: String
    public var editionDateISO: String
    /// The book's own page on the web (absolute).
    public var webURL: String
    /// The PDF of this edition (site-relative), when one was made.
    public var pdfURL: String?
    /// The chapters in weight order, numbered from 1.
    public var chapters: [PrintChapter]
    /// Some chapters are not translated into this language and are printed in another.
    public var hasFallbacks: Bool

    public init(
        title: String, project: String, editionDate: String, editionDateISO: String, webURL: String,
        chapters: [PrintChapter]
    ) {
        self.title = title
        self.project = project
        self.editionDate = editionDate
        self.editionDateISO = editionDateISO
        self.webURL = webURL
        self.chapters = chapters
        self.hasFallbacks = chapters.contains(where: \.isFallback)
    }
}
