import Foundation

/// An image file format the pipeline reads or writes. Outputs are AVIF, WebP and a fallback in the
/// source's own format (JPEG, or PNG for anything with transparency or drawn art); the others are
/// recognised so that an error can name what was found.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable, Codable {
    case avif, webp, jpeg, png, gif, tiff, heif, svg, jxl

    /// The file name extension written for this format.
    public var fileExtension: String {
        switch self {
        case .jpeg: return "jpg"
        default: return rawValue
        }
    }

    /// The MIME type for `<source type=…>`.
    public var mimeType: String {
        switch self {
        case .jpeg: return "image/jpeg"
        case .svg: return "image/svg+xml"
        case .jxl: return "image/jxl"
        default: return "image/\(rawValue)"
        }
    }

    /// The format a raster source falls back to when a browser takes neither AVIF nor WebP: JPEG
    /// stays JPEG, everything else (PNG, GIF, WebP, TIFF…) becomes PNG so transparency survives.
    public var fallback: ImageFormat { self == .jpeg ? .jpeg : .png }

    /// Recognises a format from libvips' loader name ("VipsForeignLoadJpegBuffer") and the bytes.
    static func from(loader: String, bytes: Data) -> ImageFormat? {
        let name = loader.lowercased()
        if name.contains("jpeg") { return .jpeg }
        if name.contains("png") { return .png }
        if name.contains("webp") { return .webp }
        if name.contains("gif") { return .gif }
        if name.contains("tiff") { return .tiff }
        if name.contains("svg") { return .svg }
        if name.contains("jxl") { return .jxl }
        if name.contains("heif") {
            // An ISO-BMFF "ftyp" box whose brand is avif/avis is AVIF; other brands are HEIC.
            let brand =
                bytes.count >= 12
                ? String(decoding: bytes[bytes.startIndex + 8..<bytes.startIndex + 12], as: UTF8.self) : ""
            return brand.hasPrefix("avi") ? .avif : .heif
        }
        return nil
    }
}
