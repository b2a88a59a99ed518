import SiteCore

/// One page as the search index sees it: the fields that are weighted differently, the text cut
/// at headings (so a result can link to the heading nearest the match), and what filters use.
public struct SearchDocument: Sendable {
    public struct Segment: Sendable {
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

extension SearchDocument: StableHashable {
    /// Every stored property (`SearchDocumentTests` changes each in turn): the build cache keys a
    /// language's index by its documents, so a field left out here would let a changed index be reused.
    public func stableHash(into hasher: inout StableHasher) {
        hasher.combine(url)
        hasher.combine(title)
        hasher.combine(section)
        hasher.combine(language)
        hasher.combine(languageName)
        hasher.combine(description)
        hasher.combine(segments)
        hasher.combine(country?.code)
        hasher.combine(country?.name)
    }
}

extension SearchDocument.Segment: StableHashable {
    public func stableHash(into hasher: inout StableHasher) {
        hasher.combine(headingID)
        hasher.combine(heading)
        hasher.combine(text)
    }
}
