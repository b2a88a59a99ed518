import CQRencode
import Foundation

/// A QR code as a square of dark and light modules, made with libqrencode (the only code that
/// sees it). Printed codes must scan from paper for years, so the error-correction level is explicit.
public struct QRCode: Sendable, Equatable {
    public enum ErrorCorrection: String, Sendable, CaseIterable {
        /// Recovers about 7, 15, 25 and 30 % of the modules.
        case low = "L", medium = "M", quartile = "Q", high = "H"

        var level: QRecLevel {
            switch self {
            case .low: return QR_ECLEVEL_L
            case .medium: return QR_ECLEVEL_M
            case .quartile: return QR_ECLEVEL_Q
            case .high: return QR_ECLEVEL_H
            }
        }
    }

    /// Modules per side, without the quiet zone.
    public let size: Int
    /// The symbol version (1-40): its size is 17 + 4 × version modules.
    public let version: Int
    public let errorCorrection: ErrorCorrection
    /// Row-major; true is dark.
    public let modules: [Bool]

    /// Encodes `text`; nil when it does not fit. Upper-case letters, digits and ` $%*+-./:` use the
    /// compact alphanumeric mode, so short links written in capitals make smaller codes.
    public init?(_ text: String, errorCorrection: ErrorCorrection = .medium) {
        let encoded: UnsafeMutablePointer<QRcode>? = text.withCString { pointer in
            QRcode_encodeString(pointer, 0, errorCorrection.level, QR_MODE_8, 1)
        }
        guard let code = encoded else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        var modules = [Bool](repeating: false, count: width * width)
        for index in 0..<(width * width) {
            modules[index] = code.pointee.data[index] & 1 == 1
        }
        self.size = width
        self.version = Int(code.pointee.version)
        self.errorCorrection = errorCorrection
        self.modules = modules
    }

    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// A crisp SVG: one path of unit squares, a 4-module quiet zone (the standard's minimum), dark on
    /// light; `title` becomes the accessible name.
    public func svg(title: String, quietZone: Int = 4) -> String {
        let side = size + 2 * quietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                var run = 1
                while x + run < size && isDark(x: x + run, y: y) { run += 1 }
                path += "M\(x + quietZone) \(y + quietZone)h\(run)v1h-\(run)z"
                x += run
            }
        }
        let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" role="img" shape-rendering="crispEdges">\
            <title>\(escaped)</title><rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>

            """
    }
}
