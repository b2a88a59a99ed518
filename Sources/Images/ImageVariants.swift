import CVips
import Foundation

/// Turns one source image into the files a `<picture>` needs: every width of the ladder the source
/// can fill (never upscaled), in AVIF where this libvips writes it, WebP, and a fallback in the
/// source's own kind (JPEG for photos, PNG otherwise). Every output is upright (EXIF orientation
/// applied), in sRGB and without any metadata: no EXIF (so no GPS position), XMP, IPTC or ICC
/// profile. The same bytes and options give the same output bytes, so names are stable.
public struct ImageVariants: Sendable {
    /// The settings that change output bytes; all of them are part of the cache key.
    public struct Options: Sendable, Hashable {
        /// The width ladder (config.yaml `images.widths`).
        public var widths: [Int]
        /// 1–100, for AVIF, WebP and JPEG (PNG is lossless).
        public var quality: Int
        /// The formats to write, or nil for the site's choice: AVIF (if available), WebP, fallback.
        public var formats: [ImageFormat]?
        /// Sources declaring more pixels are refused before decoding.
        public var maxPixels: Int
        /// Encoder CPU effort for AVIF and WebP, 0 (fastest) to 6.
        public var effort: Int

        public init(
            widths: [Int] = [320, 640, 960, 1280, 1920], quality: Int = 75, formats: [ImageFormat]? = nil,
            maxPixels: Int = ImageProbe.defaultMaxPixels, effort: Int = 4
        ) {
            self.widths = widths
            self.quality = quality
            self.formats = formats
            self.maxPixels = maxPixels
            self.effort = effort
        }

        /// A stable text of every setting, for cache keys.
        var fingerprint: String {
            let formatNames = formats.map { $0.map(\.rawValue).joined(separator: ",") } ?? "auto"
            let widthList = widths.map(String.init).joined(separator: ",")
            return "widths=\(widthList);quality=\(quality);formats=\(formatNames);max=\(maxPixels);effort=\(effort)"
        }
    }

    public let encoders: ImageEncoders
    public let options: Options

    public init(encoders: ImageEncoders, options: Options = Options()) throws(ImageError) {
        guard !options.widths.isEmpty, options.widths.allSatisfy({ $0 > 0 && $0 <= 16_384 }) else {
            throw .invalidOptions(detail: "widths must be a list of sizes from 1 to 16384 pixels")
        }
        guard (1...100).contains(options.quality) else {
            throw .invalidOptions(detail: "quality \(options.quality) is not between 1 and 100")
        }
        guard (0...6).contains(options.effort) else {
            throw .invalidOptions(detail: "effort \(options.effort) is not between 0 and 6")
        }
        self.encoders = encoders
        self.options = options
    }

    /// The widths made from a source `sourceWidth` pixels wide: the ladder's widths up to the
    /// source's, plus the source's own width when the ladder goes beyond it (so the sharpest
    /// version is there, and an image narrower than every step still gets one). Ascending.
    public static func widths(forSourceWidth sourceWidth: Int, ladder: [Int]) -> [Int] {
        var widths = Set(ladder.filter { $0 <= sourceWidth })
        if let largest = ladder.max(), largest > sourceWidth { widths.insert(sourceWidth) }
        return widths.sorted()
    }

    /// The formats written for a source of `format`, best first.
    public func formats(forSource format: ImageFormat) -> [ImageFormat] {
        let wanted = options.formats ?? [.avif, .webp, format.fallback]
        var result: [ImageFormat] = []
        for candidate in wanted where encoders.has(candidate) && !result.contains(candidate) {
            result.append(candidate)
        }
        return result
    }

    /// Every variant of `data`, largest width first, each format in `formats(forSource:)` order.
    /// `name` starts the file names (`name-<hash>-<width>.<ext>`).
    public func make(from data: Data, name: String) throws(ImageError) -> [ImageVariant] {
        try Vips.exclusive { () throws(ImageError) -> [ImageVariant] in try makeAlone(from: data, name: name) }
    }

    /// `make`, inside `Vips.exclusive`.
    private func makeAlone(from data: Data, name: String) throws(ImageError) -> [ImageVariant] {
        let probe = try ImageProbe(data: data, maxPixels: options.maxPixels)
        guard probe.format != .svg else {
            throw .unsupportedFormat(detail: "SVG is published as it is, after SVGSanitizer, not resized")
        }
        let formats = formats(forSource: probe.format)
        guard !formats.isEmpty else { throw .encoderUnavailable(format: probe.format.fallback) }
        let widths = Self.widths(forSourceWidth: probe.width, ladder: options.widths).reversed()
        guard let largest = widths.first else { return [] }

        let decoded: Result<UnsafeMutablePointer<VipsImage>, ImageError> = data.withUnsafeBytes { raw in
            var thumbnail: UnsafeMutablePointer<VipsImage>?
            guard
                cvips_thumbnail_buffer(
                    raw.baseAddress, raw.count, &thumbnail, Int32(largest), probe.metadata.contains("icc") ? 1 : 0)
                    == 0,
                let thumbnail
            else { return .failure(.unreadable(format: probe.format, detail: Vips.takeError())) }
            defer { cvips_unref(thumbnail) }
            var image = thumbnail
            var converted: UnsafeMutablePointer<VipsImage>?
            defer { if let converted { cvips_unref(converted) } }
            if !Self.isDisplayReady(thumbnail) {
                guard cvips_srgb(thumbnail, &converted) == 0, let converted else {
                    return .failure(.unreadable(format: probe.format, detail: Vips.takeError()))
                }
                image = converted
            }
            // Decoded once into memory (a truncated or corrupt file fails here), then every width
            // and format is made from it.
            guard let memory = vips_image_copy_memory(image) else {
                return .failure(.unreadable(format: probe.format, detail: Vips.takeError()))
            }
            cvips_remove_metadata(memory)
            return .success(memory)
        }
        let base = try decoded.get()
        defer { cvips_unref(base) }

        var variants: [ImageVariant] = []
        for width in widths {
            var resized: UnsafeMutablePointer<VipsImage>?
            if width != Int(vips_image_get_width(base)) {
                guard cvips_thumbnail_image(base, &resized, Int32(width)) == 0, resized != nil else {
                    throw .unreadable(format: probe.format, detail: Vips.takeError())
                }
            }
            defer { if let resized { cvips_unref(resized) } }
            let image = resized ?? base
            let height = Int(vips_image_get_height(image))
            for format in formats {
                let bytes = try Vips.encode(image, as: format, quality: options.quality, effort: options.effort)
                variants.append(ImageVariant(name: name, format: format, width: width, height: height, data: bytes))
            }
        }
        return variants
    }

    /// 8-bit sRGB or greyscale (which is sRGB's grey axis) needs no conversion.
    static func isDisplayReady(_ image: UnsafeMutablePointer<VipsImage>) -> Bool {
        let interpretation = vips_image_get_interpretation(image)
        guard vips_image_get_format(image) == VIPS_FORMAT_UCHAR else { return false }
        return interpretation == VIPS_INTERPRETATION_sRGB || interpretation == VIPS_INTERPRETATION_B_W
    }
}
