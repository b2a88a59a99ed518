import Mustache
import SiteCore

// The data a template sees. Documented for theme authors in docs/templates.md; keep the two in step.

/// Everything a page template can read: `{{site.title}}`, `{{page.title}}`, `{{#languages}}…`.
public struct PageContext: Sendable, Hashable, Encodable {
    public var site: SiteInfo
    /// The language this page is published in.
    public var language: LanguageInfo
    public var page: PageInfo
    /// One entry per configured language, for the language switcher.
    public var languages: [LanguageLink]
    /// `<link rel="alternate" hreflang>` targets, `x-default` last.
    public var alternates: [Alternate]
    /// Menus of this language by name: `{{#menus.main}}…{{/menus.main}}`.
    public var menus: [String: [MenuItem]]
    /// Top-level sections in this language, for navigation.
    public var sections: [PageLink]
    /// From the home page down to the parent of this page.
    public var breadcrumbs: [PageLink]
    /// A home or section page's child sections, then its pages; empty for other pages.
    public var subsections: [PageLink]
    public var pages: [PageLink]
    /// UI strings in this language (with the default language's as fallback): `{{i18n.skipToContent}}`.
    public var i18n: [String: String]
    /// On a section page whose kind declares `listing.groupBy`: its pages grouped by each field.
    public var groupings: [Grouping] = []
    /// On a section grouped by country: a tile-grid map of Europe with the count per country.
    public var map: MapInfo?
    /// On the QR sheet (`/<lang>/qr/`): every printed code.
    public var qrCodes: [QRCodeInfo] = []
    /// On a poster page (`/<lang>/qr/<code>/`): the code it prints.
    public var poster: QRCodeInfo?
    /// On the translation status page (`/translation-status/`): what is translated, per language.
    public var translationStatus: TranslationStatusInfo?
    /// On the home page: key figures, what is happening, the partners (see `HomeInfo`).
    public var home: HomeInfo?
    /// On a section of events: its events split into upcoming, undated and past.
    public var events: EventListsInfo?
    /// On a book's print edition (`/<lang>/<section>/print/`): its cover, contents and chapters.
    public var printEdition: PrintEditionInfo?

    public init(
        site: SiteInfo, language: LanguageInfo, page: PageInfo, languages: [LanguageLink], alternates: [Alternate],
        menus: [String: [MenuItem]], sections: [PageLink], breadcrumbs: [PageLink], subsections: [PageLink],
        pages: [PageLink], i18n: [String: String]
    ) {
        self.site = site
        self.language = language
        self.page = page
        self.languages = languages
        self.alternates = alternates
        self.menus = menus
        self.sections = sections
        self.breadcrumbs = breadcrumbs
        self.subsections = subsections
        self.pages = pages
        self.i18n = i18n
    }
}

/// Site-wide values.
public struct SiteInfo: Sendable, Hashable, Encodable {
    /// The site title in the current language.
    public var title: String
    /// Absolute, ends with `/`.
    public var baseURL: String
    /// `params` from config.yaml, as written.
    public var params: TemplateValue
    /// The default language's code.
    public var defaultLanguage: String
    /// URLs of fingerprinted style sheets and scripts: `{{site.assets.cssSiteCss}}` for `static/css/site.css`.
    public var assets: [String: String] = [:]
    /// `social` from config.yaml: accounts to link to, labelled in this language.
    public var social: [SocialLink] = []
    /// `shortLinkOnScreen` from config.yaml: show `page.shortLinkText` on screen, not only in print.
    public var shortLinkOnScreen: Bool = false
    /// config.yaml `contact.email`: the stakeholder page's form composes a message to it.
    public var contactEmail: String?
    /// config.yaml `contact.formAction`: the stakeholder page's form posts to it.
    public var contactFormAction: String?

    public init(title: String, baseURL: String, params: TemplateValue, defaultLanguage: String) {
        self.title = title
        self.baseURL = baseURL
        self.params = params
        self.defaultLanguage = defaultLanguage
    }
}

/// A configured language.
public struct LanguageInfo: Sendable, Hashable, Encodable {
    public var code: String
    public var name: String
    public var locale: String
    /// `ltr` or `rtl`.
    public var direction: String
    /// The language's home page URL, e.g. `/fr/`.
    public var homeURL: String
    /// The locale in OpenGraph's form, e.g. `fr_FR` (stored: templates read properties by reflection).
    public var ogLocale: String

    public init(code: String, name: String, locale: String, direction: String, homeURL: String) {
        self.code = code
        self.name = name
        self.locale = locale
        self.direction = direction
        self.homeURL = homeURL
        self.ogLocale = locale.replacingOccurrences(of: "-", with: "_")
    }
}

/// The page being rendered.
public struct PageInfo: Sendable, Hashable, Encodable {
    public var title: String
    /// Front matter `description`, else the first paragraph; nil when there is neither.
    public var description: String?
    /// The rendered Markdown body (HTML: use triple braces `{{{page.content}}}`).
    public var content: String
    /// Site-relative URL, e.g. `/fr/partenaires/eco/`.
    public var url: String
    /// Absolute URL, for canonical links and feeds.
    public var permalink: String
    /// `home`, `section` or `page`.
    public var kind: String
    public var isHome: Bool
    public var isSection: Bool
    public var isPage: Bool
    /// The date formatted for the page's language (month names, order); nil when undated.
    public var date: String?
    /// `YYYY-MM-DD` (`YYYY-MM` for a date known to the month only), for `<time datetime>`; nil
    /// when undated.
    public var dateISO: String?
    /// True when the date is known to the month only ("December 2023"): some languages word the
    /// label before it otherwise (French "Publié en décembre 2023", where a day takes "Publié le").
    public var dateIsMonth: Bool = false
    /// The language the content is written in: differs from the page's language when a section's
    /// text is not translated yet.
    public var contentLanguage: String
    public var contentDirection: String
    /// True when `contentLanguage` is not the page's language.
    public var isFallback: Bool
    /// A sentence telling the reader the content is in another language (localised, the language
    /// named in the reader's language); nil when not.
    public var fallbackNotice: String?
    /// Headings h2–h3 of the body, nested.
    public var toc: [TOCEntry]
    /// "12 pages" in the page's language, for sections; nil for other pages.
    public var pageCountLabel: String?
    /// The section's Atom feed, when its pages are dated; nil otherwise.
    public var feedURL: String?
    /// iCalendar (`.ics`): an event's own ("Add to calendar"), or, on an events section, its
    /// upcoming events; nil otherwise (and for an event known to the month only).
    public var calendarURL: String? = nil
    /// Front-matter fields that are not built in, as written.
    public var params: TemplateValue
    /// The content kind (`partner`, `centre`, … or `page`).
    public var contentKind: String = "page"
    /// Typed fields of the kind's schema, resolved for this language: a country is
    /// `{code, name}`, a reference `{title, url, lang, isFallback}`, a date `{date, iso}`.
    public var fields: TemplateValue = .empty
    /// Pages that refer to this one through a reference field ("mentioned in"), in listing order.
    public var referencedBy: [PageLink] = []
    /// The page's printed short link, in capitals so its QR code uses the compact alphanumeric mode,
    /// e.g. `HTTPS://INTERACT-EUROPE.ORG/Q/7K2`; nil when the page has none.
    public var shortLink: String?
    /// The same, as people read it: `interact-europe.org/Q/7K2`.
    public var shortLinkText: String?
    /// The page's QR code as SVG, e.g. `/Q/7K2/qr.svg`.
    public var qrCodeURL: String?
    /// The short link on this site, e.g. `/Q/7K2/`: a link that works wherever the site is served
    /// (a preview too), where `shortLink` always leads to the published site.
    public var shortLinkURL: String?
    /// schema.org JSON-LD for this page, safe inside `<script type="application/ld+json">{{{…}}}</script>`.
    public var structuredData: String?
    /// The source file, relative to the site folder (e.g. for an "edit this page" link).
    public var sourcePath: String
    /// The repository host's editor for `sourcePath` (config.yaml `repository`); nil without one,
    /// and on pages not made from a content file.
    public var editURL: String?
    /// On a page shown untranslated (`isFallback`): the host's new-file page for its translation
    /// into this page's language, pre-filled with the original; nil otherwise.
    public var translateURL: String?
    /// The text for `translateURL` in this page's language, naming the language in itself:
    /// "Translate this page into Français" (i18n key `translatePage`, `{language}` filled).
    public var translateLabel: String?
    /// A draft, built only with `--drafts` (`build --drafts`, `serve --drafts`): show a banner.
    public var isDraft: Bool = false
    /// The picture shown when the page is shared (`og:image`): `{{url}}` (absolute), `{{width}}`,
    /// `{{height}}`, `{{alt}}`. The page's own `image` field, else its drawn share card; nil when
    /// neither (cards off or their font missing).
    public var shareImage: TemplateValue?
    /// On a book's section page (`book: true`): its print edition (site-relative), and its PDF
    /// with the link text "Download PDF (24 pages, 0.6 MB)" when the PDF was made.
    public var printEditionURL: String?
    public var pdfURL: String?
    public var pdfLabel: String?

    public init(
        title: String, description: String?, content: String, url: String, permalink: String, kind: String,
        date: String?, dateISO: String?, contentLanguage: String, contentDirection: String, isFallback: Bool,
        fallbackNotice: String?, toc: [TOCEntry], pageCountLabel: String?, feedURL: String?, params: TemplateValue,
        sourcePath: String
    ) {
        self.title = title
        self.description = description
        self.content = content
        self.url = url
        self.permalink = permalink
        self.kind = kind
        self.isHome = kind == "home"
        self.isSection = kind == "section"
        self.isPage = kind == "page"
        self.date = date
        self.dateISO = dateISO
        self.contentLanguage = contentLanguage
        self.contentDirection = contentDirection
        self.isFallback = isFallback
        self.fallbackNotice = fallbackNotice
        self.toc = toc
        self.pageCountLabel = pageCountLabel
        self.feedURL = feedURL
        self.params = params
        self.sourcePath = sourcePath
    }
}

/// A link to another page, as listings, breadcrumbs and navigation show it.
public struct PageLink: Sendable, Hashable, Encodable {
    public var title: String
    public var url: String
    /// nil when the page has no `description`.
    public var description: String?
    /// The page's date in the current language: its `date:`, or an event's start ("20 September
    /// 2023", "December 2023" for a month); nil when undated.
    public var date: String?
    /// The same as ISO 8601 for `<time datetime>`: `2023-09-20`, or `2023-12` for a month.
    public var dateISO: String?
    /// The language of the linked page; differs from the current language for untranslated pages.
    public var lang: String
    /// That language's name in the current language (`anglais` on a French page).
    public var languageName: String
    /// True when the linked page is shown in another language because it is not translated yet.
    public var isFallback: Bool
    /// True when this link points at the page being rendered (or one of its ancestors, in navigation).
    public var isCurrent: Bool
    /// The linked page's content kind and typed fields (see `PageInfo.fields`).
    public var contentKind: String = "page"
    public var fields: TemplateValue = .empty
    /// Pages that refer to the linked page (e.g. a course's units), each with their own children,
    /// a few levels deep: enough to draw a curriculum tree.
    public var children: [PageLink] = []
    /// For a page of a kind with a `logo` field: letters to show while it has none (`ECO`).
    public var monogram: String?

    public init(
        title: String, url: String, description: String?, date: String?, dateISO: String?, lang: String,
        languageName: String, isFallback: Bool, isCurrent: Bool
    ) {
        self.title = title
        self.url = url
        self.description = description
        self.date = date
        self.dateISO = dateISO
        self.lang = lang
        self.languageName = languageName
        self.isFallback = isFallback
        self.isCurrent = isCurrent
    }
}

/// One entry of the language switcher.
public struct LanguageLink: Sendable, Hashable, Encodable {
    public var code: String
    public var name: String
    /// The page's translation, or the language's home page when there is none.
    public var url: String
    public var isCurrent: Bool
    public var hasTranslation: Bool
    public var direction: String
    /// The language's locale in OpenGraph's form, e.g. `fr_FR`.
    public var ogLocale: String = ""

    public init(code: String, name: String, url: String, isCurrent: Bool, hasTranslation: Bool, direction: String) {
        self.code = code
        self.name = name
        self.url = url
        self.isCurrent = isCurrent
        self.hasTranslation = hasTranslation
        self.direction = direction
    }
}

/// One `<link rel="alternate" hreflang="…" href="…">`.
public struct Alternate: Sendable, Hashable, Encodable {
    public var hreflang: String
    /// Absolute URL.
    public var href: String

    public init(hreflang: String, href: String) {
        self.hreflang = hreflang
        self.href = href
    }
}

/// One menu entry, resolved for the current language.
public struct MenuItem: Sendable, Hashable, Encodable {
    public var name: String
    public var url: String
    /// True when the current page is this entry's page or below it.
    public var isActive: Bool
    /// The language of the page the entry leads to (the current language for outside links).
    public var lang: String = ""
    /// That language's name in the current language (e.g. `Αγγλικά` on a Greek page).
    public var languageName: String = ""
    /// True when the entry's page is not translated and leads to another language: mark it,
    /// e.g. `<a href="{{url}}" hreflang="{{lang}}">{{name}}</a> ({{languageName}})`.
    public var isFallback: Bool = false

    public init(name: String, url: String, isActive: Bool) {
        self.name = name
        self.url = url
        self.isActive = isActive
    }
}

/// A table-of-contents entry.
public struct TOCEntry: Sendable, Hashable, Encodable {
    public var title: String
    public var id: String
    public var level: Int
    public var children: [TOCEntry]

    public init(title: String, id: String, level: Int, children: [TOCEntry]) {
        self.title = title
        self.id = id
        self.level = level
        self.children = children
    }
}

/// Free values reach templates as plain strings, numbers, booleans, lists and maps.
extension TemplateValue: MustacheCustomRepresentation {
    public var representation: Any? {
        switch self {
        case .string(let text): return text
        case .bool(let value): return value
        case .int(let value): return value
        case .list(let items): return items.map { $0.representation as Any }
        case .map(let fields):
            return Dictionary(
                fields.map { ($0.key, $0.value.representation as Any) }, uniquingKeysWith: { first, _ in first })
        }
    }
}

/// What the `alias` template sees: a page that has moved and where it went.
public struct RedirectContext: Sendable {
    public var site: SiteInfo
    public var language: LanguageInfo
    /// Site-relative URL of the page the alias points to.
    public var url: String
    public var permalink: String
    public var title: String
    public var i18n: [String: String]

    public init(
        site: SiteInfo, language: LanguageInfo, url: String, permalink: String, title: String, i18n: [String: String]
    ) {
        self.site = site
        self.language = language
        self.url = url
        self.permalink = permalink
        self.title = title
        self.i18n = i18n
    }
}

/// What the `root` template (`/index.html`) sees: every language's home, to pick from.
public struct RootContext: Sendable {
    public var site: SiteInfo
    /// Each language's home page, in the config's order.
    public var languages: [LanguageLink]
    /// The default language's home URL.
    public var defaultURL: String
    /// The default language's UI strings.
    public var i18n: [String: String]

    public init(site: SiteInfo, languages: [LanguageLink], defaultURL: String, i18n: [String: String]) {
        self.site = site
        self.languages = languages
        self.defaultURL = defaultURL
        self.i18n = i18n
    }
}

/// A section's pages grouped by one field (e.g. partners by country).
public struct Grouping: Sendable, Hashable, Encodable {
    /// The field's name, e.g. `country`.
    public var field: String
    /// A heading for the grouping in this language (i18n key `groupBy.<field>`, else the field name).
    public var label: String
    public var groups: [PageGroup]
    /// The grouped kind has a `logo` field: show its pages as cards with a logo or `monogram`.
    public var showsLogos: Bool = false

    public init(field: String, label: String, groups: [PageGroup]) {
        self.field = field
        self.label = label
        self.groups = groups
    }
}

/// Pages sharing one value of a field.
public struct PageGroup: Sendable, Hashable, Encodable {
    /// The value as written, e.g. `BE`.
    public var key: String
    /// The value as readers see it in this language, e.g. `Belgique`.
    public var label: String
    /// An id for anchors, e.g. `country-be`.
    public var id: String
    public var count: Int
    /// "3 pages" with the language's plural rules.
    public var countLabel: String
    public var pages: [PageLink]

    public init(key: String, label: String, id: String, count: Int, countLabel: String, pages: [PageLink]) {
        self.key = key
        self.label = label
        self.id = id
        self.count = count
        self.countLabel = countLabel
        self.pages = pages
    }
}

/// A tile-grid map of Europe for SVG: one square per country.
public struct MapInfo: Sendable, Hashable, Encodable {
    public var width: Int
    public var height: Int
    /// Side of a square.
    public var tile: Int
    public var tiles: [MapTile]

    public init(width: Int, height: Int, tile: Int, tiles: [MapTile]) {
        self.width = width
        self.height = height
        self.tile = tile
        self.tiles = tiles
    }
}

/// One country's square.
public struct MapTile: Sendable, Hashable, Encodable {
    public var code: String
    /// The country's name in the page's language.
    public var name: String
    /// Top-left corner and centre, in SVG units.
    public var x: Int
    public var y: Int
    public var centerX: Int
    public var centerY: Int
    public var count: Int
    /// "3 partners" with the language's plural rules (i18n key `partnerCount`, else `pageCount`).
    public var countLabel: String
    /// The country's group on the same page (`#country-be`); nil when it has no pages.
    public var url: String?
    /// 0 (none) to 3 (most), for colouring.
    public var level: Int

    public init(
        code: String, name: String, x: Int, y: Int, centerX: Int, centerY: Int, count: Int, countLabel: String,
        url: String?, level: Int
    ) {
        self.code = code
        self.name = name
        self.x = x
        self.y = y
        self.centerX = centerX
        self.centerY = centerY
        self.count = count
        self.countLabel = countLabel
        self.url = url
        self.level = level
    }
}

/// What the `shortlink` template (`/Q/<code>/`) sees: where a printed code leads, in each language.
public struct ShortLinkContext: Sendable, Encodable {
    public var site: SiteInfo
    public var code: String
    /// The page's title in the default language (or the address, for outside links).
    public var title: String
    /// The page in each language that has it: the script picks the reader's, the list serves everyone else.
    public var links: [LanguageLink]
    /// Where to go when none of the reader's languages has the page.
    public var defaultURL: String
    public var i18n: [String: String]

    public init(
        site: SiteInfo, code: String, title: String, links: [LanguageLink], defaultURL: String, i18n: [String: String]
    ) {
        self.site = site
        self.code = code
        self.title = title
        self.links = links
        self.defaultURL = defaultURL
        self.i18n = i18n
    }
}
