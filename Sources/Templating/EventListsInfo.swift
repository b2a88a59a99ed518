/// An events section's pages split by the build's day (`events` in the section's template):
/// upcoming (not yet over, soonest first), without a public date, and past (most recent first).
public struct EventListsInfo: Sendable, Hashable, Encodable {
    public var upcoming: [PageLink]
    public var undated: [PageLink]
    public var past: [PageLink]

    public init(upcoming: [PageLink], undated: [PageLink], past: [PageLink]) {
        self.upcoming = upcoming
        self.undated = undated
        self.past = past
    }
}
