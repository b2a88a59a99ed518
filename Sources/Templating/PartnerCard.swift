import SiteCore

/// A partner as a card in a strip (`partials/partner-card.mustache`): its page, its name, its
/// short name, and a monogram made of the short name's letters for when it has no logo.
public struct PartnerCard: Sendable, Hashable, Encodable {
    public var url: String
    public var title: String
    /// `shortName` of the partner's fields, else empty.
    public var shortName: String
    /// The short name's letters and digits (`ECO`; `IBIMA` from `IBIMA / …`), at most five, else
    /// the initials of the title's words: set in CSS as a typographic mark, never an invented logo.
    public var monogram: String
    /// The language the title is in (another than the reader's when the page is not translated).
    public var lang: String
    /// That language's name in the reader's language, for the badge of a page not translated.
    public var languageName: String
    public var isFallback: Bool
    /// The partner's logo as `<picture>` parts (`src`, `width`, `height`, `srcset`, `sizes`,
    /// `sources`; see `logoPicture`), shown instead of the monogram; nil without one.
    public var logo: TemplateValue? = nil

    public init(
        url: String, title: String, shortName: String, monogram: String, lang: String, languageName: String,
        isFallback: Bool
    ) {
        self.url = url
        self.title = title
        self.shortName = shortName
        self.monogram = monogram
        self.lang = lang
        self.languageName = languageName
        self.isFallback = isFallback
    }
}
