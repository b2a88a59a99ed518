import SiteCore

/// A typed front-matter value, checked against its kind's schema.
public indirect enum FieldValue: Sendable, Hashable {
    case text(String)
    case int(Int)
    case bool(Bool)
    case date(PageDate)
    case url(String)
    case email(String)
    case enumeration(String)
    case country(String)
    case language(String)
    /// The asset's published URL, e.g. `/images/logos/eco.svg`.
    case asset(url: String)
    /// The referenced page's path under `content/`.
    case reference(contentPath: String)
    case list([FieldValue])

    /// How the value reads in a message: as the author wrote it.
    public var written: String {
        switch self {
        case .text(let value), .url(let value), .email(let value), .enumeration(let value), .country(let value),
            .language(let value):
            return value
        case .int(let value): return String(value)
        case .bool(let value): return String(value)
        case .date(let value): return value.iso
        case .asset(let url): return url
        case .reference(let path): return path
        case .list(let items): return "[" + items.map(\.written).joined(separator: ", ") + "]"
        }
    }
}
