import Images
import MarkdownRendering
import SiteCore

/// One raster image of the content as the site will publish it, decided while checking (before
/// anything is encoded): the sizes and formats it is made in and their file names. The names come
/// from the image cache's key (the source's bytes, the settings, the encoders and libvips'
/// version), so pages can be rendered while the variants are encoded, and the same input names the
/// same files on every machine.
public struct PlannedImage: Sendable {
    /// One file: a format at a width.
    public struct Variant: Sendable, Hashable {
        public let format: ImageFormat
        public let width: Int
        public let height: Int
        /// Site-relative, e.g. `partners/logos/eco-1a2b3c4d-320.webp`.
        public let path: String
    }

    /// The source, relative to content/ (and where the original is published: it is replaced by
    /// its largest fallback version, without metadata).
    public let path: String
    public let format: ImageFormat
    /// Upright, as the source is shown.
    public let width: Int
    public let height: Int
    /// The image cache's key for this source and these settings.
    public let key: String
    /// Every file, largest width first, each width in every format, best format first.
    public let variants: [Variant]
    /// The formats, best first; the last is the fallback every browser shows.
    public let formats: [ImageFormat]

    init(path: String, format: ImageFormat, width: Int, height: Int, key: String, formats: [ImageFormat], ladder: [Int])
    {
        self.path = path
        self.format = format
        self.width = width
        self.height = height
        self.key = key
        self.formats = formats
        let folder = RelativePath.directory(of: path)
        let fileName = RelativePath.lastComponent(of: path)
        let stem = fileName.firstIndex(of: ".").map { String(fileName[..<$0]) } ?? fileName
        let prefix = (folder.isEmpty ? "" : folder + "/") + stem + "-" + key.prefix(8)
        var variants: [Variant] = []
        for variantWidth in ImageVariants.widths(forSourceWidth: width, ladder: ladder).reversed() {
            let variantHeight = max(1, Int((Double(height) * Double(variantWidth) / Double(width)).rounded()))
            for variantFormat in formats {
                variants.append(
                    Variant(
                        format: variantFormat, width: variantWidth, height: variantHeight,
                        path: "\(prefix)-\(variantWidth).\(variantFormat.fileExtension)"))
            }
        }
        self.variants = variants
    }

    /// The fallback format's largest version: what `<img src>` and `og:image` show.
    public var fallback: Variant? { variants.first { $0.format == formats.last } }

    /// `<picture>` parts for `<img>`: a `<source>` per format but the fallback, the fallback's
    /// `srcset` on the `<img>` itself with `width`/`height` (the box is reserved before it loads),
    /// and lazy loading unless the image is the first thing a reader sees (`eager`).
    func markup(sizes: String, eager: Bool) -> ImageMarkup {
        guard let fallback else { return ImageMarkup() }
        var before = "<picture>"
        for format in formats.dropLast() {
            before +=
                "<source type=\"\(format.mimeType)\" srcset=\"\(XMLEscaping.escape(srcset(format)))\" sizes=\"\(XMLEscaping.escape(sizes))\">"
        }
        var attributes: [(name: String, value: String)] = [
            ("srcset", srcset(fallback.format)), ("sizes", sizes), ("width", String(fallback.width)),
            ("height", String(fallback.height)),
        ]
        attributes += eager ? [("fetchpriority", "high")] : [("loading", "lazy"), ("decoding", "async")]
        return ImageMarkup(before: before, attributes: attributes, after: "</picture>")
    }

    /// The template's view of the image: `{{src}}`, `{{width}}`, `{{height}}`, `{{srcset}}`,
    /// `{{sizes}}`, and `{{#sources}}{{type}} {{srcset}}{{/sources}}` for `<picture>`.
    func templateValue(sizes: String) -> TemplateValue {
        guard let fallback else { return .string("/" + path) }
        return .map([
            .init(key: "src", value: .string("/" + fallback.path)),
            .init(key: "width", value: .int(fallback.width)),
            .init(key: "height", value: .int(fallback.height)),
            .init(key: "srcset", value: .string(srcset(fallback.format))),
            .init(key: "sizes", value: .string(sizes)),
            .init(
                key: "sources",
                value: .list(
                    formats.dropLast().map { format in
                        .map([
                            .init(key: "type", value: .string(format.mimeType)),
                            .init(key: "srcset", value: .string(srcset(format))),
                        ])
                    })),
        ])
    }

    /// `/a-320.webp 320w, /a-640.webp 640w`, narrowest first.
    func srcset(_ format: ImageFormat) -> String {
        variants.filter { $0.format == format }.reversed().map { "/\($0.path) \($0.width)w" }.joined(separator: ", ")
    }
}
