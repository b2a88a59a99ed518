import Foundation
import SiteCore

/// The type of a typed front-matter field, as a schema declares it.
public indirect enum FieldType: Sendable, Hashable, CustomStringConvertible {
    /// One line of text.
    case string
    /// Longer text (may span lines).
    case text
    case int
    case bool
    /// `YYYY-MM-DD`, or `YYYY-MM` when only the month is known (see `PageDate`).
    case date
    /// An `https://` address.
    case url
    case email
    /// One of a fixed list of values.
    case enumeration([String])
    /// An ISO 3166-1 alpha-2 country code, e.g. `BE`.
    case country
    /// A language code, e.g. `fr`.
    case language
    /// A file inside the site folder (under `content/` or `static/`), e.g. a logo.
    case asset
    /// Another page, written as a link to its Markdown file; optionally of one kind only.
    case reference(kind: ContentKind?)
    case list(FieldType)

    public var description: String {
        switch self {
        case .string: return "a line of text"
        case .text: return "a text"
        case .int: return "a whole number"
        case .bool: return "true or false"
        case .date: return "a date (YYYY-MM-DD, or YYYY-MM for a month)"
        case .url: return "an https:// address"
        case .email: return "an email address"
        case .enumeration(let values): return "one of: \(values.joined(separator: ", "))"
        case .country: return "a two-letter country code (ISO 3166-1, e.g. BE)"
        case .language: return "a language code (e.g. fr)"
        case .asset: return "the path of a file in the site folder"
        case .reference(let kind): return "a link to \(kind.map { "a \($0) page" } ?? "a page") (its .md file)"
        case .list(let item): return "a list, each item \(item.description)"
        }
    }

    /// A sample value for `new` page templates and hints.
    public var example: String {
        switch self {
        case .string, .text: return "\"…\""
        case .int: return "1"
        case .bool: return "false"
        case .date: return "2024-01-31"
        case .url: return "https://example.org/"
        case .email: return "name@example.org"
        case .enumeration(let values): return values.first ?? "…"
        case .country: return "BE"
        case .language: return "en"
        case .asset: return "images/example.svg"
        case .reference: return "../partners/eco.md"
        case .list(let item): return "[\(item.example)]"
        }
    }

    /// Codes from the EU's style guide where ISO 3166-1 has another: partners copy them from EU
    /// documents, so they get the ISO code suggested.
    public static let euCountryCodes = ["UK": "GB", "EL": "GR"]

    public static func euCountryCodeNote(_ code: String) -> String {
        let country = code == "UK" ? "the United Kingdom" : "Greece"
        return "`\(code)` is the EU's abbreviation for \(country); this site uses ISO 3166-1 codes."
    }

    /// ISO 3166-1 alpha-2 codes: Foundation's regions less the groupings and reserved codes it adds.
    public static let countryCodes: Set<String> = {
        let notCountries: Set<String> = ["EU", "EZ", "UN", "QO", "AC", "CP", "DG", "EA", "IC", "TA", "CQ", "XA", "XB"]
        return Set(
            Locale.Region.isoRegions.map(\.identifier).filter {
                $0.count == 2 && !notCountries.contains($0) && euCountryCodes[$0] == nil
            })
    }()
}
