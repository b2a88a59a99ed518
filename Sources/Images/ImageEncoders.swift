import CVips
import Foundation

/// Which output formats this machine's libvips can write, found at run time by encoding a tiny
/// image in each (libheif may be built without an AV1 encoder, libvips without libwebp): the site
/// degrades to what is there, and says so once in the build summary (`summary`).
public struct ImageEncoders: Sendable, Equatable {
    /// The formats that encoded, in the order `<picture>` should offer them (best first).
    public let available: [ImageFormat]
    /// The libvips version, e.g. "8.14.1".
    public let libraryVersion: String
    /// The formats that were tried (the summary says "no X" only for these).
    public let checked: [ImageFormat]

    /// Builds a set by hand (tests, or a build that wants fewer formats than the machine has).
    public init(available: [ImageFormat], libraryVersion: String, checked: [ImageFormat] = ImageEncoders.order) {
        self.available = ImageEncoders.order.filter(available.contains)
        self.libraryVersion = libraryVersion
        self.checked = ImageEncoders.order.filter { checked.contains($0) || available.contains($0) }
    }

    /// Probes libvips for `formats` (all four by default: a tool that writes only WebP need not
    /// start the AV1 encoder). Throws only when libvips itself cannot start.
    public static func detect(_ formats: [ImageFormat] = order) throws(ImageError) -> ImageEncoders {
        try Vips.start()
        let pixels = (0..<(8 * 8 * 3)).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let found = Vips.exclusive { () -> [ImageFormat] in
            var found: [ImageFormat] = []
            for format in order where formats.contains(format) {
                let data = try? Vips.encode(
                    pixels: pixels, width: 8, height: 8, bands: 3, as: format, quality: 50, effort: 0)
                if let data, !data.isEmpty { found.append(format) }
            }
            _ = Vips.takeError()
            return found
        }
        return ImageEncoders(available: found, libraryVersion: Vips.version, checked: formats)
    }

    public func has(_ format: ImageFormat) -> Bool { available.contains(format) }

    /// One line for the build summary, e.g. "images: libvips 8.14.1, AVIF WebP JPEG PNG".
    public var summary: String {
        let names = checked.map { format in
            has(format) ? format.displayName : "no \(format.displayName)"
        }
        return "images: libvips \(libraryVersion), " + names.joined(separator: " ")
    }

    /// The output formats, best first.
    public static let order: [ImageFormat] = [.avif, .webp, .jpeg, .png]
}

extension ImageFormat {
    var displayName: String {
        switch self {
        case .webp: return "WebP"
        default: return rawValue.uppercased()
        }
    }
}
