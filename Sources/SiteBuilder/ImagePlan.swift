import Images
import MarkdownRendering
import SiteCore

/// What the `images` check decided for the whole site, kept in the graph for the stages after it:
/// each raster image's published files (`PlannedImage`), each SVG's drawn size, where each image
/// is first used (errors found while encoding point there), and how share cards are named.
public struct ImagePlan: Sendable {
    public var settings = ImageSettings()
    /// nil when the content has no raster image (libvips' encoders are then not probed).
    public var encoders: ImageEncoders?
    /// Content-relative path → its planned files.
    public var rasters: [String: PlannedImage] = [:]
    /// Content-relative path → the SVG's size, for `<img width height>`.
    public var svgSizes: [String: SVGDimensions] = [:]
    /// Content-relative path → the first place that shows it.
    public var references: [String: SourcePosition] = [:]
    /// `ShareCard.fingerprint()`; nil when cards are off or their font is missing.
    public var cardFingerprint: String?

    public init() {}

    /// What an image at site address `url` becomes in a page's text: a `<picture>` for a raster
    /// image, `width`/`height` for an SVG (its box is kept before it loads); nil for anything else.
    func markup(forURL url: String?, sizes: String, eager: Bool) -> ImageMarkup? {
        guard let path = Self.path(of: url) else { return nil }
        if let raster = rasters[path] { return raster.markup(sizes: sizes, eager: eager) }
        guard let size = svgSizes[path] else { return nil }
        return ImageMarkup(
            attributes: [("width", String(size.width)), ("height", String(size.height))]
                + (eager ? [] : [("loading", "lazy"), ("decoding", "async")]))
    }

    /// The hashed fallback version of the raster image at `url`; nil for anything else.
    func fallbackURL(for url: String?) -> String? {
        Self.path(of: url).flatMap { rasters[$0]?.fallback }.map { "/" + $0.path }
    }

    /// What a template gets for an image field: `{{src}}`, `{{width}}`, `{{height}}` and, for a
    /// raster image, `{{srcset}}`, `{{sizes}}` and `{{#sources}}`; nil when `url` is no image.
    func templateValue(forURL url: String, sizes: String) -> TemplateValue? {
        guard let path = Self.path(of: url) else { return nil }
        if let raster = rasters[path] { return raster.templateValue(sizes: sizes) }
        guard let size = svgSizes[path] else {
            return ImageCheck.fileExtension(of: path) == "svg" ? .map([.init(key: "src", value: .string(url))]) : nil
        }
        return .map([
            .init(key: "src", value: .string(url)), .init(key: "width", value: .int(size.width)),
            .init(key: "height", value: .int(size.height)),
        ])
    }

    /// How wide a logo is shown (CSS pixels) in the theme's box, from its proportions.
    func logoWidth(url: String) -> Int? {
        guard let path = Self.path(of: url) else { return nil }
        let size =
            rasters[path].map { ($0.width, $0.height) } ?? svgSizes[path].map { ($0.width, $0.height) }
        guard let (width, height) = size, width > 0, height > 0 else { return nil }
        // Never wider than the file itself: a small logo is shown at its own size, not blown up.
        let shown = min(ImageCheck.logoBox.width, ImageCheck.logoBox.height * width / height)
        return rasters[path] == nil ? shown : min(shown, width)
    }

    static func path(of url: String?) -> String? {
        guard let url, url.hasPrefix("/"), !url.hasPrefix("//") else { return nil }
        return String(url.dropFirst())
    }

    /// The encoding options from config.yaml's `images:`.
    static func options(_ settings: ImageSettings) -> ImageVariants.Options {
        .init(widths: settings.widths, quality: settings.quality, maxPixels: settings.maxMegapixels * 1_000_000)
    }

    /// Where share cards are published.
    static let cardFolder = "images/share"

    /// The site-relative URL of a card with these texts, or nil when cards are not drawn.
    func cardURL(for text: ShareCard.Text) -> String? {
        cardFingerprint.map { "/\(Self.cardFolder)/" + ShareCard.fileName(for: text, fingerprint: $0) }
    }

    /// The line for the build summary: what this libvips writes and what the image step did.
    func summary(_ tally: ImagePipeline.Tally) -> String? {
        guard encoders != nil || !svgSizes.isEmpty || cardFingerprint != nil else { return nil }
        var parts: [String] = []
        if let encoders { parts.append(encoders.summary.replacingOccurrences(of: "images: ", with: "")) }
        if !rasters.isEmpty {
            let files = rasters.values.reduce(0) { $0 + $1.variants.count }
            parts.append(
                "\(rasters.count) photos and logos in \(files) files (\(tally.encoded) encoded, \(tally.fromCache) from the cache)"
            )
        }
        if !svgSizes.isEmpty { parts.append("\(svgSizes.count) SVG checked") }
        if cardFingerprint != nil { parts.append("\(tally.cards) share cards (\(tally.cardsDrawn) drawn)") }
        return "images: " + parts.joined(separator: "; ")
    }
}
