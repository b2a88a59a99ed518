import ContentModel
import Foundation
import Images
import SiteCore

/// The `images` step: every image under content/ is checked before anything is encoded, so that
/// `check` in a partner's pull request finds a damaged photo or an unsafe SVG. A raster image's
/// header is read (refused above `images.maxMegapixels` before decoding) and its pixels decoded
/// small (a truncated file fails); its published files are planned. An SVG must pass
/// `SVGSanitizer` (it runs in the site's origin when opened). Errors point at the first page line
/// that shows the image; an SVG's at its own line and column.
struct ImageCheck {
    let graph: SiteGraph
    let source: any FileSystem
    /// `.cache/images/` of a build: what was checked before is remembered there. nil for `check`.
    var cacheFolder: URL?

    static let rasterExtensions: Set<String> = [
        "jpg", "jpeg", "png", "webp", "gif", "tif", "tiff", "avif", "heic", "heif",
    ]

    /// Shown this wide at most, in CSS pixels (the theme's `.partner-logo` box, 15rem × 4rem): a
    /// raster logo narrower than it is shown would look blurred.
    static let logoBox = (width: 240, height: 64)

    static func isRaster(_ path: String) -> Bool {
        rasterExtensions.contains(fileExtension(of: path))
    }

    static func fileExtension(of path: String) -> String {
        let name = RelativePath.lastComponent(of: path)
        return name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
    }

    func plan(diagnostics: inout DiagnosticList) -> ImagePlan {
        var plan = ImagePlan()
        plan.settings = graph.config.images
        let (references, logos) = usedImages()
        plan.references = references
        var variants: ImageVariants?
        let memo = cacheFolder.map(ImageCheckMemo.init(cache:))
        let maxPixels = graph.config.images.maxMegapixels * 1_000_000
        for path in graph.assets.sorted() {
            let file = ContentPaths.folder + "/" + path
            let isRaster = Self.isRaster(path)
            let isSVG = Self.fileExtension(of: path) == "svg"
            guard isRaster || isSVG else { continue }
            let shownAt = references[path] ?? SourcePosition(file: file)
            if isSVG {
                guard let data = source.contents(of: file) else { continue }
                do {
                    _ = try SVGSanitizer.check(data, file: file)
                    if let size = SVGDimensions(data) { plan.svgSizes[path] = size }
                } catch {
                    report(error, file: file, shownAt: shownAt, diagnostics: &diagnostics)
                }
                continue
            }
            do {
                // An unchanged file checked before is not read again (a rebuild with many photos).
                let stamp = memo == nil ? nil : source.stamp(of: file)
                var entry = stamp.flatMap { memo?.entry(path: file, stamp: $0) }
                if let known = entry, known.width * known.height > maxPixels { entry = nil }
                if entry == nil {
                    guard let data = source.contents(of: file) else { continue }
                    let probe = try ImageProbe(data: data, maxPixels: maxPixels)
                    try ImageProbe.verifyPixels(of: data, format: probe.format)
                    let checked = ImageCheckMemo.Entry(
                        hash: ImageCache.hash(of: data), format: probe.format, width: probe.width, height: probe.height)
                    if let memo, let stamp { memo.remember(checked, path: file, stamp: stamp) }
                    entry = checked
                }
                guard let entry else { continue }
                warnIfMisnamed(entry.format, path: path, at: shownAt, diagnostics: &diagnostics)
                if variants == nil {
                    let encoders = try ImageEncoders.detect()
                    plan.encoders = encoders
                    variants = try ImageVariants(encoders: encoders, options: ImagePlan.options(plan.settings))
                }
                guard let variants else { continue }
                let formats = variants.formats(forSource: entry.format)
                guard !formats.isEmpty else { throw ImageError.encoderUnavailable(format: entry.format.fallback) }
                let key = ImageCache(directory: URL(fileURLWithPath: "/")).key(
                    sourceHash: entry.hash, variants: variants)
                plan.rasters[path] = PlannedImage(
                    path: path, format: entry.format, width: entry.width, height: entry.height, key: key,
                    formats: formats, ladder: variants.options.widths)
                if let logo = logos[path] {
                    warnIfNarrow(
                        width: entry.width, height: entry.height, path: path, at: logo, diagnostics: &diagnostics)
                }
            } catch {
                report(error, file: file, shownAt: shownAt, diagnostics: &diagnostics)
            }
        }
        if graph.config.images.shareCards {
            let card = ShareCard()
            plan.cardFingerprint = card.fingerprint()
            if plan.cardFingerprint == nil {
                diagnostics.append(
                    .warning(
                        "Share cards are not drawn: the font \(card.regularFont) is not installed; shared links show the site's default picture.",
                        at: SourcePosition(file: SiteConfig.fileName),
                        hint: "Run `make deps` (it installs fonts-noto-core), or set `images: {shareCards: false}`.",
                        stage: .validate))
            }
        }
        return plan
    }

    /// Every image a page shows, at the first place that shows it (file order, then line), and
    /// the logos among them.
    private func usedImages() -> (references: [String: SourcePosition], logos: [String: SourcePosition]) {
        var references: [String: SourcePosition] = [:]
        var logos: [String: SourcePosition] = [:]
        func note(_ path: String, _ position: SourcePosition, into table: inout [String: SourcePosition]) {
            if let known = table[path],
                (known.file, known.line, known.column) <= (position.file, position.line, position.column)
            {
                return
            }
            table[path] = position
        }
        for page in graph.pages {
            guard let source = page.source else { continue }
            if let document = graph.documents[source.path] {
                for link in document.links where link.kind == .image {
                    guard let url = page.linkRewrites[link.index], url.hasPrefix("/") else { continue }
                    let path = String(url.dropFirst())
                    guard graph.assets.contains(path) else { continue }
                    note(
                        path,
                        SourcePosition(file: source.path, line: link.line + source.bodyLineOffset, column: link.column),
                        into: &references)
                }
            }
            for (name, value) in graph.fieldValues[source.path] ?? [:] {
                // A translation inherits the field from its original: the line to point at is there.
                let fields = source.frontMatter.fields
                guard let written = fields.value(name) else { continue }
                let position = fields.position(of: written)
                for url in Self.assetURLs(in: value) where url.hasPrefix("/") {
                    let path = String(url.dropFirst())
                    note(path, position, into: &references)
                    if name == "logo" { note(path, position, into: &logos) }
                }
            }
        }
        return (references, logos)
    }

    static func assetURLs(in value: FieldValue) -> [String] {
        switch value {
        case .asset(let url): return [url]
        case .list(let items): return items.flatMap(assetURLs)
        default: return []
        }
    }

    private func warnIfNarrow(
        width: Int, height: Int, path: String, at position: SourcePosition, diagnostics: inout DiagnosticList
    ) {
        let shown = min(Self.logoBox.width, Self.logoBox.height * width / max(height, 1))
        guard width < shown else { return }
        diagnostics.append(
            .warning(
                "The logo content/\(path) is \(width) pixels wide but is shown \(shown) pixels wide: it will look blurred.",
                at: position,
                hint: "Ask the organisation for its logo as SVG, or as a PNG at least \(2 * shown) pixels wide.",
                stage: .validate))
    }

    /// A PNG saved as `logo.jpg` is published under its name with the wrong type, and resized as PNG.
    private func warnIfMisnamed(
        _ format: ImageFormat, path: String, at position: SourcePosition, diagnostics: inout DiagnosticList
    ) {
        let written = Self.fileExtension(of: path)
        let expected: Set<String> =
            switch format {
            case .jpeg: ["jpg", "jpeg"]
            case .tiff: ["tif", "tiff"]
            case .heif: ["heic", "heif"]
            default: [format.fileExtension]
            }
        guard !expected.contains(written) else { return }
        diagnostics.append(
            .warning(
                "content/\(path) is a \(format.rawValue.uppercased()) image but its name ends in .\(written).",
                at: position,
                hint:
                    "Rename the file to end in .\(format.fileExtension) (and its name where it is used), or save it again as \(written.uppercased()).",
                stage: .validate))
    }

    private func report(
        _ error: any Error, file: String, shownAt: SourcePosition, diagnostics: inout DiagnosticList
    ) {
        guard let error = error as? ImageError else { return }
        switch error {
        case .unsafeSVG(_, let violations):
            for violation in violations {
                diagnostics.append(
                    .error(
                        violation.reason,
                        at: SourcePosition(file: file, line: violation.line, column: violation.column),
                        hint: error.hint, stage: .validate))
            }
        case .malformedSVG(_, let line, let column, let detail):
            diagnostics.append(
                .error(
                    "The SVG is not well-formed XML: \(detail).",
                    at: SourcePosition(file: file, line: line, column: column),
                    hint: error.hint, stage: .validate))
        default:
            let message = shownAt.file == file ? error.message : "\(file): \(error.message)"
            diagnostics.append(.error(message, at: shownAt, hint: error.hint, stage: .validate))
        }
    }
}
