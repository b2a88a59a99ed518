import CVips
import Foundation

/// What an image is, read from its header alone: format and size (turned upright, as it will be
/// shown), without decoding a pixel. It is the gate before any decoding: a file that declares
/// more than `maxPixels` (a decompression bomb: 50,000 × 50,000 fits in a few kilobytes of PNG) is
/// refused here, and damaged or unknown bytes become an `ImageError`, never a crash.
public struct ImageProbe: Sendable, Equatable {
    /// 100 megapixels: above any camera's photo, far below what would exhaust memory.
    public static let defaultMaxPixels = 100_000_000

    public let format: ImageFormat
    /// Width and height as displayed: an EXIF orientation of 5–8 swaps the stored ones.
    public let width: Int
    public let height: Int
    /// The EXIF orientation (1–8), 1 when there is none.
    public let orientation: Int
    /// Whether the image has an alpha channel.
    public let hasAlpha: Bool
    /// The metadata blocks the file carries, of "exif", "xmp", "iptc", "icc" (a published variant
    /// has none).
    public let metadata: [String]

    public var pixelCount: Int { width * height }

    /// The formats read as sources.
    public static let rasterFormats: Set<ImageFormat> = [.jpeg, .png, .webp, .gif, .tiff, .avif, .heif]

    /// Reads the header of `data`; throws `.tooManyPixels` above `maxPixels`, `.unsupportedFormat`
    /// for bytes no loader claims, `.unreadable` for a damaged header.
    public init(data: Data, maxPixels: Int = ImageProbe.defaultMaxPixels) throws(ImageError) {
        try Vips.start()
        let result: Result<ImageProbe, ImageError> = Vips.exclusive {
            data.withUnsafeBytes { raw in
                guard raw.count > 0, let base = raw.baseAddress else {
                    return .failure(.unsupportedFormat(detail: "the file is empty"))
                }
                guard let loader = cvips_loader(base, raw.count) else {
                    _ = Vips.takeError()
                    return .failure(.unsupportedFormat(detail: ""))
                }
                guard let format = ImageFormat.from(loader: String(cString: loader), bytes: data) else {
                    return .failure(.unsupportedFormat(detail: String(cString: loader)))
                }
                // Only raster formats reach a decoder; an SVG is checked as XML by SVGSanitizer and
                // published as it is, never handed to librsvg here.
                guard ImageProbe.rasterFormats.contains(format) else {
                    return .failure(
                        .unsupportedFormat(
                            detail: "\(format.displayName) is not resized; SVG goes through SVGSanitizer"))
                }
                guard let image = cvips_open_header(base, raw.count) else {
                    return .failure(.unreadable(format: format, detail: Vips.takeError()))
                }
                defer { cvips_unref(image) }
                let storedWidth = Int(vips_image_get_width(image))
                let storedHeight = Int(vips_image_get_height(image))
                let orientation = Int(cvips_get_int(image, "orientation", 1))
                let upright = (5...8).contains(orientation)
                return .success(
                    ImageProbe(
                        format: format, width: upright ? storedHeight : storedWidth,
                        height: upright ? storedWidth : storedHeight,
                        orientation: (1...8).contains(orientation) ? orientation : 1,
                        hasAlpha: vips_image_hasalpha(image) != 0,
                        metadata: ["exif", "xmp", "iptc", "icc"].filter { block in
                            let field = block == "icc" ? "icc-profile-data" : "\(block)-data"
                            return vips_image_get_typeof(image, field) != 0
                        }))
            }
        }
        let probe = try result.get()
        guard probe.width > 0, probe.height > 0 else {
            throw .unreadable(format: probe.format, detail: "the header gives no size")
        }
        let (pixels, overflow) = probe.width.multipliedReportingOverflow(by: probe.height)
        guard !overflow, pixels <= maxPixels else {
            throw .tooManyPixels(width: probe.width, height: probe.height, limit: maxPixels)
        }
        self = probe
    }

    /// Decodes every pixel of `data` at a small size (shrink-on-load, so a 12-megapixel JPEG
    /// costs a few milliseconds): a truncated or corrupt file throws `.unreadable` here, so that
    /// `check` finds what the header alone does not show. Call it after `init` accepted the header.
    public static func verifyPixels(of data: Data, format: ImageFormat? = nil) throws(ImageError) {
        try Vips.start()
        let failure: ImageError? = Vips.exclusive {
            data.withUnsafeBytes { raw in
                var thumbnail: UnsafeMutablePointer<VipsImage>?
                guard cvips_thumbnail_buffer(raw.baseAddress, raw.count, &thumbnail, 64, 0) == 0, let thumbnail else {
                    return .unreadable(format: format, detail: Vips.takeError())
                }
                defer { cvips_unref(thumbnail) }
                guard let memory = vips_image_copy_memory(thumbnail) else {
                    return .unreadable(format: format, detail: Vips.takeError())
                }
                cvips_unref(memory)
                return nil
            }
        }
        if let failure { throw failure }
    }

    init(format: ImageFormat, width: Int, height: Int, orientation: Int, hasAlpha: Bool, metadata: [String]) {
        self.format = format
        self.width = width
        self.height = height
        self.orientation = orientation
        self.hasAlpha = hasAlpha
        self.metadata = metadata
    }
}
