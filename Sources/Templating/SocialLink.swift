/// An account on a social network as the theme links to it (`{{#site.social}}…{{/site.social}}`).
public struct SocialLink: Sendable, Hashable, Encodable {
    /// The network's name, e.g. `X`.
    public var network: String
    /// The account as written on the network, e.g. `@EuropeanCancer`.
    public var handle: String
    /// The account's page.
    public var url: String
    /// The link's text in the page's language, naming the network: "@EuropeanCancer on X"
    /// (i18n key `socialLink`, with `{handle}` and `{network}` filled).
    public var label: String

    public init(network: String, handle: String, url: String, label: String) {
        self.network = network
        self.handle = handle
        self.url = url
        self.label = label
    }
}
