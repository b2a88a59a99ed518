/// One chapter of a print edition (`{{#printEdition.chapters}}`): a page of the book's section,
/// with its text made to read on paper (links between chapters lead inside the document, ids made
/// unique across chapters) and the QR code that leads back to it on the web.
public struct PrintChapter: Sendable, Hashable, Encodable {
    /// 1, 2, 3… in weight order: the number before its heading and in the contents.
    public var number: Int
    /// The anchor of the chapter in the document: `chapter-1`.
    public var id: String
    public var title: String
    /// The language the chapter is printed in, its name in the reader's language, and whether
    /// that is another language than the edition's (not translated yet).
    public var lang: String
    public var languageName: String
    public var isFallback: Bool
    /// The chapter's text as HTML; use `{{{content}}}`.
    public var content: String
    /// The chapter's web page (absolute).
    public var webURL: String
    /// The page's printed code: `HTTPS://HOST/Q/CODE` (what the QR code holds) and `host/Q/CODE`
    /// (printed beside it); nil when the page has no code.
    public var shortLink: String?
    public var shortLinkText: String?
    /// The QR code as inline SVG (`{{{qrSVG}}}`), so that the PDF needs no other file for it.
    public var qrSVG: String?

    public init(
        number: Int, title: String, lang: String, languageName: String, isFallback: Bool, content: String,
        webURL: String
    ) {
        self.number = number
        self.id = "chapter-\(number)"
        self.title = title
        self.lang = lang
        self.languageName = languageName
        self.isFallback = isFallback
        self.content = content
        self.webURL = webURL
    }
}
