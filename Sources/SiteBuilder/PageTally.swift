/// How many pages a build made in each language, counted one way for every report (`build`'s
/// summary and `serve`'s first build): pages of content in their own language, plus home and
/// section pages, in config order. A language's stand-in for an untranslated section (its text
/// in another language) is not counted: it is the other language's page shown again.
public struct PageTally: Sendable, Hashable {
    /// One language's count.
    public struct Entry: Sendable, Hashable {
        public var language: String
        public var pages: Int
    }

    public var entries: [Entry]

    public init(graph: SiteGraph) {
        var counts: [String: Int] = [:]
        for page in graph.pages where !page.isFallback { counts[page.language, default: 0] += 1 }
        entries = graph.config.languages.map { Entry(language: $0.code, pages: counts[$0.code] ?? 0) }
    }

    public var total: Int { entries.reduce(0) { $0 + $1.pages } }

    /// `14 pages (en 6, fr 5, de 3)`.
    public var summary: String {
        let languages = entries.map { "\($0.language) \($0.pages)" }.joined(separator: ", ")
        return "\(total) page\(total == 1 ? "" : "s") (\(languages))"
    }
}
