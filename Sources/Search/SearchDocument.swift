/// One page as the search index sees it: the fields that are weighted differently, the text cut
/// at headings (so a result can link to the heading nearest the match), and what filters use.
public struct SearchDocument: Sendable, Encodable {
    public struct Segment: Sendable, Encodable {
        public var headingID: String?
        public var heading: String?
        public var text: String

        public init(headingID: String?, heading: String?, text: String) {
            self.headingID = headingID
            self.heading = heading
            self.text = text
        }
    }

    public var url: String
    public var title: String
    /// The top-level section's title in the index's language, e.g. "Partenaires".
    public var section: String
    /// The language the text is in: differs from the index's for untranslated pages.
    public var language: String
    /// That language's name, to label untranslated results.
    public var languageName: String
    public var description: String
    public var segments: [Segment]
    /// Country code and its name in the index's language, for the country filter.
    public var country: (code: String, name: String)?

    public init(
        url: String, title: String, section: String, language: String, languageName: String, description: String,
        segments: [Segment], country: (code: String, name: String)?
    ) {
        self.url = url
        self.title = title
        self.section = section
        self.language = language
        self.languageName = languageName
        self.description = description
        self.segments = segments
        self.country = country
    }
}

extension SearchDocument {
    /// Every stored property (a test counts them): the build cache keys a language's index by
    /// its documents, so a field left out here would let a changed index be reused.
    private enum CodingKeys: String, CodingKey {
        case url, title, section, language, languageName, description, segments, countryCode, countryName
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(url, forKey: .url)
        try container.encode(title, forKey: .title)
        try container.encode(section, forKey: .section)
        try container.encode(language, forKey: .language)
        try container.encode(languageName, forKey: .languageName)
        try container.encode(description, forKey: .description)
        try container.encode(segments, forKey: .segments)
        try container.encodeIfPresent(country?.code, forKey: .countryCode)
        try container.encodeIfPresent(country?.name, forKey: .countryName)
    }
}
