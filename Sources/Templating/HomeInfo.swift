/// What the home page shows beyond its text (`home` in its template): the key figures, what is
/// happening (next and recent events, the latest news, pages the home page puts forward such as
/// the Blueprint and "Get involved"), and the partners as a strip of cards. Each list is chosen
/// by the build (`PageModels`), against the build's day, so the template only lays them out.
public struct HomeInfo: Sendable, Hashable, Encodable {
    /// The official figures of `data/figures.yaml` first, then those the build counted (partner
    /// pages, their countries, courses, units, events; none that is zero).
    public var figures: [FigureInfo] = []
    /// Dated events not yet over, soonest first (at most three).
    public var upcomingEvents: [PageLink] = []
    /// Events already over, most recent first (at most three).
    public var recentEvents: [PageLink] = []
    /// Dated news, newest first (at most three).
    public var latestNews: [PageLink] = []
    /// Pages the home page's front matter puts forward (`highlights:`), e.g. the Blueprint and
    /// "Get involved", with their descriptions.
    public var highlights: [PageLink] = []
    /// Every partner page as a card, in the partners list's order.
    public var partners: [PartnerCard] = []
    /// The sections the lists come from, for their "all events", "all news", "all partners" links.
    public var eventsSection: PageLink?
    public var newsSection: PageLink?
    public var partnersSection: PageLink?

    public init() {}
}
