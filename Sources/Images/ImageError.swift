import Foundation

/// Everything that can go wrong with an image, as a plain sentence (`message`) and what to do
/// about it (`hint`). The build reports these at the file and line that referenced the image;
/// no input makes the pipeline crash.
public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libvips could not start (a broken install).
    case libraryUnavailable(detail: String)
    /// The bytes are no image format libvips reads.
    case unsupportedFormat(detail: String)
    /// The header or the pixels could not be read: a damaged or truncated file.
    case unreadable(format: ImageFormat?, detail: String)
    /// More pixels than allowed: refused before decoding, since a small file can declare a huge
    /// image (a decompression bomb).
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// This libvips has no encoder for the format.
    case encoderUnavailable(format: ImageFormat)
    case encodingFailed(format: ImageFormat, detail: String)
    /// Options that cannot work (an empty width ladder, quality out of 1…100).
    case invalidOptions(detail: String)
    /// An SVG that is not well-formed XML.
    case malformedSVG(file: String, line: Int, column: Int, detail: String)
    /// An SVG with content that would run or load something: one entry per finding.
    case unsafeSVG(file: String, violations: [SVGSanitizer.Violation])
    /// The share card's font file is missing.
    case fontUnavailable(path: String)
    /// The cache folder could not be read or written.
    case cacheFailure(path: String, detail: String)

    public var message: String {
        switch self {
        case .libraryUnavailable(let detail):
            return "libvips could not start: \(detail)."
        case .unsupportedFormat(let detail):
            return "This is not an image format the site can read\(detail.isEmpty ? "" : " (\(detail))")."
        case .unreadable(let format, let detail):
            let kind = format.map { "\($0.rawValue.uppercased()) " } ?? ""
            return "The \(kind)image could not be read, it is damaged or cut short: \(detail)."
        case .tooManyPixels(let width, let height, let limit):
            return
                "The image declares \(width) × \(height) pixels (\(Self.megapixels(width * height))); the limit is \(Self.megapixels(limit)), so it was not decoded."
        case .encoderUnavailable(let format):
            return "This libvips cannot write \(format.rawValue.uppercased()) images."
        case .encodingFailed(let format, let detail):
            return "Writing the \(format.rawValue.uppercased()) version failed: \(detail)."
        case .invalidOptions(let detail):
            return "The image settings cannot be used: \(detail)."
        case .malformedSVG(let file, let line, let column, let detail):
            return "\(file):\(line):\(column): the SVG is not well-formed XML: \(detail)."
        case .unsafeSVG(let file, let violations):
            return violations.map { "\(file):\($0.line):\($0.column): \($0.reason)" }.joined(separator: "\n")
        case .fontUnavailable(let path):
            return "The share card font \(path) is missing."
        case .cacheFailure(let path, let detail):
            return "The image cache at \(path) could not be used: \(detail)."
        }
    }

    public var hint: String {
        switch self {
        case .libraryUnavailable: return "Run `make deps` to install libvips (Debian: libvips-dev)."
        case .unsupportedFormat: return "Save the image as JPEG (photos), PNG or SVG (logos)."
        case .unreadable: return "Open the file in an image editor and save it again, or ask for the original."
        case .tooManyPixels:
            return "Scale the image down before adding it (photos need at most about 4000 pixels wide)."
        case .encoderUnavailable: return "Install a libvips built with that encoder, or leave the format out."
        case .encodingFailed: return "Try saving the source image again; report it if this persists."
        case .invalidOptions: return "Check `images:` in config.yaml: widths are positive, quality is 1 to 100."
        case .malformedSVG: return "Export the SVG again from the drawing program."
        case .unsafeSVG:
            return
                "An SVG opened on its own runs with the site's rights: export it again as plain SVG (no scripts, links or embedded HTML), or use a PNG."
        case .fontUnavailable: return "Run `make deps` to install fonts-noto-core."
        case .cacheFailure: return "Delete the cache folder (`make clean`) and build again."
        }
    }

    public var description: String { "\(message) \(hint)" }

    /// "2,500 megapixels", "0.3 megapixels".
    static func megapixels(_ pixels: Int) -> String {
        let value = Double(pixels) / 1_000_000
        let text =
            value >= 10
            ? Int(value.rounded()).formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB")))
            : String(format: "%.1f", value)
        return text + " megapixels"
    }
}
