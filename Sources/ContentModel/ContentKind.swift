/// The name of a content kind (`partner`, `event`, `page`): the file name of its schema, the value
/// of `kind:`, and the template a page of the kind is rendered with when the theme has one. Typed,
/// so a kind is never confused with the paths and groups it is stored beside.
public struct ContentKind: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    /// Pages no schema claims.
    public static let page: ContentKind = "page"

    public var description: String { rawValue }

    public static func < (a: ContentKind, b: ContentKind) -> Bool { a.rawValue < b.rawValue }
}
