import Foundation

/// A language the site is published in, as configured.
public struct Language: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        case ltr
        case rtl
    }

    /// The code used in URLs, file names and `lang` attributes, e.g. `fr`.
    public var code: String
    /// The language's own name for itself, e.g. `Français`.
    public var name: String
    /// The locale for dates and sorting, e.g. `fr-FR`; defaults to the code.
    public var locale: String
    public var direction: Direction
    /// The site title in this language, when it differs.
    public var title: String?
    /// Menus by name (`main`, `footer`, …) in the order the config lists them.
    public var menus: [Menu]

    public init(
        code: String, name: String, locale: String? = nil, direction: Direction = .ltr, title: String? = nil,
        menus: [Menu] = []
    ) {
        self.code = code
        self.name = name
        self.locale = locale ?? code
        self.direction = direction
        self.title = title
        self.menus = menus
    }

    /// Foundation makes its list of codes anew on each call; every content file's name is checked.
    private static let isoLanguageCodes = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier))

    /// Whether `code` is an ISO 639 language code, optionally with a region (`pt-BR`).
    public static func isKnownCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, parts.count <= 2 else { return false }
        guard isoLanguageCodes.contains(String(first)) else { return false }
        guard String(first) == first.lowercased() else { return false }
        if parts.count == 2 {
            let region = parts[1]
            return region.count == 2 && region.allSatisfy { $0.isLetter && $0.isASCII }
        }
        return true
    }
}

/// A named menu of one language.
public struct Menu: Sendable, Hashable {
    public var name: String
    public var entries: [MenuEntry]

    public init(name: String, entries: [MenuEntry]) {
        self.name = name
        self.entries = entries
    }
}

/// One menu entry: either a content file (resolved to its URL in the menu's language) or a URL.
public struct MenuEntry: Sendable, Hashable {
    public var name: String
    /// A content file path such as `about/_index.md`, relative to `content/`.
    public var page: String?
    /// An external or site-absolute URL.
    public var url: String?
    public var weight: Int
    public var position: SourcePosition

    public init(name: String, page: String? = nil, url: String? = nil, weight: Int = 0, position: SourcePosition) {
        self.name = name
        self.page = page
        self.url = url
        self.weight = weight
        self.position = position
    }
}
