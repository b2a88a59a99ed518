import ContentModel
import Foundation
import MarkdownRendering
import ShortLinks
import SiteCore
import Templating

/// The whole site after validation: every page in every language with its URL, the section
/// tree, translations and parsed Markdown. Rendering reads it and never changes it.
public struct SiteGraph: Sendable {
    public var config: SiteConfig
    public var theme: Theme
    public var pages: [SitePage]
    /// Parsed Markdown by source path (`content/…`).
    public var documents: [String: MarkdownDocument]
    /// Source files by their path under `content/`.
    public var sourcesByContentPath: [String: SourcePage]
    /// Non-Markdown files under `content/`.
    public var assets: Set<String>
    /// Draft pages left out of this build, relative to `content/`.
    public var drafts: Set<String> = []
    /// Files that exist but could not be read, relative to `content/` (see `LoadedSite.unreadable`).
    public var unreadable: Set<String> = []
    public var schemas: [ContentKind: ContentSchema] = [:]
    /// The QR code ledger with codes for every page; `ledgerNotes` says what this build changed in
    /// it (new codes, codes that followed a moved page), empty when the file stays as it is.
    public var ledger = ShortLinkLedger()
    public var ledgerNotes: [String] = []
    /// Error-correction levels of the groups whose pages ask for another than the site's.
    public var qrErrorCorrection: [TranslationGroup: QRLevel] = [:]
    /// Translation group → its short-link code.
    public var shortCodes: [TranslationGroup: String] = [:]
    /// Content kind of each source file, by its path (`content/…`).
    public var kinds: [String: ContentKind] = [:]

    /// The schema of a source file's kind (`content/…`); a plain page's when it has none.
    public func schema(of path: String) -> ContentSchema { schemas[kinds[path] ?? .page] ?? .plainPage }
    /// Typed fields of each source file, translations merged with what they inherit.
    public var fieldValues: [String: [String: FieldValue]] = [:]
    /// Translation group → groups of the pages that refer to it through a reference field.
    public var referencedBy: [TranslationGroup: Set<TranslationGroup>] = [:]

    public var aliases: [Alias]
    /// The images' published files and sizes, decided by the `images` check.
    public var images = ImagePlan()
    /// The build's day (UTC) from `BuildContext.now`: events before it are past, the others upcoming.
    public var today = PageDate.day(of: Date(timeIntervalSince1970: 0))
    /// The official figures (`data/figures.yaml`) the home page shows beside the counted ones.
    public var figures = OfficialFigures()
    /// Section folders, parents before children; `""` is the home page.
    public var sectionDirectories: [String]
    /// Each page's text as the parse step keyed it for the build cache (empty without one).
    var bodyKeys: [String: MarkdownCache.Key] = [:]

    /// language → group → page index, for pages that exist in that language.
    var index: [String: [TranslationGroup: Int]] = [:]
    /// folder → translation groups of the regular pages it holds.
    var groupsByDirectory: [String: [TranslationGroup]] = [:]

    init(
        config: SiteConfig, theme: Theme, pages: [SitePage], documents: [String: MarkdownDocument],
        sourcesByContentPath: [String: SourcePage], assets: Set<String>, aliases: [Alias], sectionDirectories: [String]
    ) {
        self.config = config
        self.theme = theme
        self.pages = pages
        self.documents = documents
        self.sourcesByContentPath = sourcesByContentPath
        self.assets = assets
        self.aliases = aliases
        self.sectionDirectories = sectionDirectories
        for (offset, page) in pages.enumerated() {
            index[page.language, default: [:]][page.group] = offset
            if page.kind == .page {
                groupsByDirectory[page.directory, default: []].append(page.group)
            }
        }
        groupsByDirectory = groupsByDirectory.mapValues { Array(Set($0)).sorted() }
    }

    /// The page of `group` in `language`, if it exists in that language.
    public func page(group: TranslationGroup, language: String) -> Int? { index[language]?[group] }

    /// The page of `group` to show to a reader of `language`: their language, else the default
    /// language, else the first configured language that has it.
    public func bestPage(group: TranslationGroup, for language: String) -> Int? {
        if let own = page(group: group, language: language) { return own }
        if let fallback = page(group: group, language: config.defaultLanguage) { return fallback }
        for candidate in config.languages {
            if let found = page(group: group, language: candidate.code) { return found }
        }
        return nil
    }

    /// Every language version of `group`, in the config's language order.
    public func translations(of group: TranslationGroup) -> [Int] {
        config.languages.compactMap { page(group: group, language: $0.code) }
    }

    public func sectionPage(_ directory: String, language: String) -> Int? {
        page(group: TranslationGroup.section(directory), language: language)
    }

    /// Child sections of `directory`, in listing order.
    public func subsections(of directory: String) -> [String] {
        sectionDirectories.filter { !$0.isEmpty && RelativePath.directory(of: $0) == directory }
    }

    /// The regular pages a reader of `language` sees listed in `directory`, in listing order,
    /// with untranslated pages shown in another language, each page once.
    public func listedPages(in directory: String, language: String) -> [Int] {
        let indices = (groupsByDirectory[directory] ?? []).compactMap { bestPage(group: $0, for: language) }
        return sortedForListing(indices, language: language)
    }

    /// The date a page is listed, sorted and fed by: its `date:`, or the field its kind is dated
    /// by (an event's `start`, see `DateRule`); nil when undated.
    public func date(of page: SitePage) -> PageDate? {
        guard let source = page.source else { return nil }
        if let date = source.frontMatter.date { return date }
        guard let kind = kinds[source.path], case .field(let name)? = schemas[kind]?.date,
            case .date(let date)? = fieldValues[source.path]?[name]
        else { return nil }
        return date
    }

    /// Weight first (unweighted last), then newest date (see `date(of:)`), then title in the
    /// language's collation.
    public func sortedForListing(_ indices: [Int], language: String) -> [Int] {
        let locale = Locale(identifier: config.language(language)?.locale ?? language)
        // Each page's date once, not once per comparison.
        let dates = Dictionary(indices.map { ($0, date(of: pages[$0])) }, uniquingKeysWith: { first, _ in first })
        return indices.sorted { left, right in
            let a = pages[left]
            let b = pages[right]
            let weightA = a.source?.frontMatter.weight ?? 0
            let weightB = b.source?.frontMatter.weight ?? 0
            if weightA != weightB { return (weightA == 0 ? Int.max : weightA) < (weightB == 0 ? Int.max : weightB) }
            let dateA = dates[left] ?? nil
            let dateB = dates[right] ?? nil
            if dateA != dateB {
                guard let dateA else { return false }
                guard let dateB else { return true }
                return dateA > dateB
            }
            let order = a.title.compare(b.title, options: [.caseInsensitive], range: nil, locale: locale)
            if order != .orderedSame { return order == .orderedAscending }
            return a.outputPath < b.outputPath
        }
    }
}
