/// The build's stages, in the order they run. `check` stops after the validating ones
/// (`isValidating`); `build` runs them all and then writes. Each names the type that performs it
/// (a file of that name); docs/architecture.md lists them and a test keeps the two the same.
public enum BuildStep: String, CaseIterable, Sendable {
    case load = "load"
    case parse = "parse Markdown"
    case address = "pages and URLs"
    case fields = "kinds and fields"
    case aliases = "aliases"
    case layouts = "layouts"
    case links = "links"
    case contentChecks = "content checks"
    case images = "images"
    case shortLinks = "QR code ledger"
    case translationStatus = "translation status"
    case printEditions = "print editions"
    case renderPages = "render pages"
    case listings = "support pages, feeds, calendars, sitemap"
    case qrCodes = "QR codes, sheets and posters"
    case searchIndex = "search index"
    case imageFiles = "image variants and share cards"
    case assets = "assets"
    case report = "report"

    /// The type that does the work of this step.
    public var performer: String {
        switch self {
        case .load: "ContentLoader"
        case .parse: "MarkdownParsing"
        case .address: "PageAddressing"
        case .fields: "FieldAssignment"
        case .aliases: "AliasResolver"
        case .layouts: "LayoutCheck"
        case .links: "LinkResolver"
        case .contentChecks: "ContentChecker"
        case .images: "ImageCheck"
        case .shortLinks: "ShortLinkAssignment"
        case .translationStatus: "TranslationStatus"
        case .printEditions: "PrintEditionWriter"
        case .renderPages: "PageRenderer"
        case .listings: "SiteListings"
        case .qrCodes: "ShortLinkWriter"
        case .searchIndex: "SearchIndexWriter"
        case .imageFiles: "ImagePipeline"
        case .assets: "AssetCopier"
        case .report: "BuildResult"
        }
    }

    /// The steps `check` runs, in order.
    public static let validating = allCases.filter(\.isValidating)

    /// Whether `check` runs this step: everything that finds content errors, nothing that makes files.
    public var isValidating: Bool {
        Self.allCases.firstIndex(of: self)! <= Self.allCases.firstIndex(of: .translationStatus)!
    }
}
