import CVips
import Foundation

/// The one place that talks to libvips' process-wide state: it is started once (the library's own
/// requirement), and its errors and buffers are turned into Swift values here.
enum Vips {
    /// libvips is started on first use, once per process; nil when it started, else why not.
    private static let startFailure: String? = {
        cvips_start() == 0 ? nil : takeError()
    }()

    /// Every call into libvips from this program goes through here, one thread at a time; libvips
    /// still spreads each operation's pixels over its own worker threads. Debian 12's libvips
    /// (8.14.1) is not safe with several of our threads in it at once: a CI build died of SIGFPE
    /// in `g_hash_table_lookup` (a GHashTable already freed) on one of the build's threads, so
    /// rarely that 100 local builds of the same site did not repeat it, and libvips fixed several
    /// races after 8.14.1. It costs a cold build of content/ about 1 s (its 172 share cards). Its
    /// error text is one buffer for the whole process, too: two failing at once could each report
    /// the other's error. Recursive, so that an entry point may call another.
    private static let entry = NSRecursiveLock()

    static func exclusive<Value, Failure: Error>(_ body: () throws(Failure) -> Value) throws(Failure) -> Value {
        entry.lock()
        defer { entry.unlock() }
        return try body()
    }

    static func start() throws(ImageError) {
        if let failure = startFailure { throw .libraryUnavailable(detail: failure) }
    }

    /// "8.14.1": part of every cache key, since another libvips may encode other bytes.
    static var version: String {
        "\(vips_version(0)).\(vips_version(1)).\(vips_version(2))"
    }

    /// The pending libvips error text (first line), cleared.
    static func takeError() -> String {
        guard let pointer = cvips_take_error() else { return "" }
        defer { cvips_free(pointer) }
        let text = String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.split(separator: "\n").first.map(String.init) ?? text
    }

    /// Takes ownership of a buffer a libvips saver allocated.
    static func data(owning buffer: UnsafeMutableRawPointer?, length: Int) -> Data {
        guard let buffer else { return Data() }
        defer { cvips_free(buffer) }
        return Data(bytes: buffer, count: length)
    }

    static func sha256(_ data: Data) -> String {
        let pointer = data.withUnsafeBytes { cvips_sha256($0.baseAddress, $0.count) }
        guard let pointer else { return "" }
        defer { cvips_free(pointer) }
        return String(cString: pointer)
    }

    /// An 8-bit image made from interleaved pixels (copied into libvips).
    static func image(pixels: [UInt8], width: Int, height: Int, bands: Int) -> UnsafeMutablePointer<VipsImage>? {
        pixels.withUnsafeBytes { raw in
            vips_image_new_from_memory_copy(
                raw.baseAddress, raw.count, Int32(width), Int32(height), Int32(bands), VIPS_FORMAT_UCHAR)
        }
    }

    /// The pixels of an 8-bit image, interleaved.
    static func pixels(of image: UnsafeMutablePointer<VipsImage>) -> [UInt8]? {
        var length = 0
        guard let memory = vips_image_write_to_memory(image, &length) else { return nil }
        defer { cvips_free(memory) }
        return [UInt8](UnsafeRawBufferPointer(start: memory, count: length))
    }

    /// Pango markup drawn as a one-band coverage mask at most `width` pixels wide: its width,
    /// height and pixels. Drawn on `TextThread`, one call at a time (see there why).
    static func text(
        markup: String, font: String, file: String, width: Int
    ) throws(ImageError) -> (width: Int, height: Int, pixels: [UInt8]) {
        try exclusive { () throws(ImageError) -> (width: Int, height: Int, pixels: [UInt8]) in
            try TextThread.run { () throws(ImageError) -> (width: Int, height: Int, pixels: [UInt8]) in
                var image: UnsafeMutablePointer<VipsImage>?
                guard cvips_text(&image, markup, font, file, Int32(width), 0) == 0, let image else {
                    throw .encodingFailed(format: .png, detail: "text: " + takeError())
                }
                defer { cvips_unref(image) }
                guard let pixels = pixels(of: image) else {
                    throw .encodingFailed(format: .png, detail: "text: " + takeError())
                }
                return (Int(vips_image_get_width(image)), Int(vips_image_get_height(image)), pixels)
            }
        }
    }

    /// Interleaved 8-bit pixels encoded in `format`, inside `exclusive`.
    static func encode(
        pixels: [UInt8], width: Int, height: Int, bands: Int, as format: ImageFormat, quality: Int, effort: Int
    ) throws(ImageError) -> Data {
        try exclusive { () throws(ImageError) -> Data in
            guard let image = image(pixels: pixels, width: width, height: height, bands: bands) else {
                throw .encodingFailed(format: format, detail: takeError())
            }
            defer { cvips_unref(image) }
            return try encode(image, as: format, quality: quality, effort: effort)
        }
    }

    /// Encodes in `format`; metadata is always stripped.
    static func encode(
        _ image: UnsafeMutablePointer<VipsImage>, as format: ImageFormat, quality: Int, effort: Int
    ) throws(ImageError) -> Data {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status: Int32
        switch format {
        case .webp: status = cvips_webpsave(image, &buffer, &length, Int32(quality), Int32(effort))
        case .avif: status = cvips_avifsave(image, &buffer, &length, Int32(quality), Int32(effort))
        case .jpeg: status = cvips_jpegsave(image, &buffer, &length, Int32(quality))
        case .png: status = cvips_pngsave(image, &buffer, &length, 6)
        default: throw .encoderUnavailable(format: format)
        }
        guard status == 0 else {
            let detail = takeError()
            cvips_free(buffer)
            throw .encodingFailed(format: format, detail: detail)
        }
        let encoded = data(owning: buffer, length: length)
        return format == .webp ? WebPContainer.removingMetadata(encoded) : encoded
    }
}
