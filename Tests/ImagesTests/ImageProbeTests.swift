import Foundation
import Images
import Testing

@Suite struct ImageProbeTests {
    @Test func readsSizeAndOrientationFromTheHeader() throws {
        let probe = try ImageProbe(data: try Fixtures.data("photo-gps.jpg"))
        #expect(probe.format == .jpeg)
        // Stored 1600 × 1200 with orientation 6: shown upright, 1200 wide.
        #expect(probe.orientation == 6)
        #expect(probe.width == 1200 && probe.height == 1600)
        #expect(probe.pixelCount == 1_920_000)
        #expect(probe.metadata.contains("exif") && probe.metadata.contains("xmp"))
    }

    @Test func readsAPNGWithAlpha() throws {
        let probe = try ImageProbe(data: try Fixtures.data("logo.png"))
        #expect(probe.format == .png && probe.width == 480 && probe.height == 160 && probe.hasAlpha)
    }

    @Test func refusesADecompressionBombBeforeDecoding() throws {
        let bomb = try Fixtures.data("bomb.png")
        #expect(bomb.count < 1_000)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: ImageError.tooManyPixels(width: 50_000, height: 50_000, limit: ImageProbe.defaultMaxPixels)) {
            try ImageProbe(data: bomb)
        }
        // Decoding 2.5 gigapixels would take minutes and gigabytes; the header takes milliseconds.
        #expect(clock.now - started < .seconds(2))
        // The same file under a limit that allows it is read (so the refusal is the limit's doing).
        let allowed = try ImageProbe(data: bomb, maxPixels: 3_000_000_000)
        #expect(allowed.width == 50_000)
    }

    @Test func variantsRefuseTheBombToo() throws {
        let variants = try ImageVariants(encoders: try ImageEncoders.detect())
        #expect(throws: ImageError.tooManyPixels(width: 50_000, height: 50_000, limit: ImageProbe.defaultMaxPixels)) {
            try variants.make(from: try Fixtures.data("bomb.png"), name: "bomb")
        }
    }

    @Test func textIsNotAnImage() throws {
        let error = #expect(throws: ImageError.self) { try ImageProbe(data: try Fixtures.data("not-an-image.jpg")) }
        guard case .unsupportedFormat = error else {
            Issue.record("expected unsupportedFormat, got \(String(describing: error))")
            return
        }
        #expect(error?.hint.contains("JPEG") == true)
        #expect(throws: ImageError.unsupportedFormat(detail: "the file is empty")) { try ImageProbe(data: Data()) }
    }

    @Test func anSVGIsNotHandedToADecoder() throws {
        let svg = Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#.utf8)
        let error = #expect(throws: ImageError.self) { try ImageProbe(data: svg) }
        guard case .unsupportedFormat(let detail) = error else {
            Issue.record("expected unsupportedFormat, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("SVGSanitizer"))
    }

    @Test func garbageAfterAValidSignatureIsAnErrorNotACrash() throws {
        var bytes = Data([0xFF, 0xD8, 0xFF, 0xE0])
        bytes.append(Data(repeating: 0x41, count: 64))
        #expect(throws: ImageError.self) { try ImageProbe(data: bytes) }
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        png.append(Data(repeating: 0, count: 30))
        #expect(throws: ImageError.self) { try ImageProbe(data: png) }
    }

    @Test func aTruncatedJPEGFailsWhenDecodedWithATypedError() throws {
        let truncated = try Fixtures.data("truncated.jpg")
        // The header is intact, so probing succeeds …
        let probe = try ImageProbe(data: truncated)
        #expect(probe.width == 1024)
        // … and decoding reports the damage.
        let variants = try ImageVariants(encoders: try ImageEncoders.detect(), options: .init(formats: [.webp]))
        let error = #expect(throws: ImageError.self) { try variants.make(from: truncated, name: "cut") }
        guard case .unreadable(let format, _) = error else {
            Issue.record("expected unreadable, got \(String(describing: error))")
            return
        }
        #expect(format == .jpeg)
        #expect(error?.message.contains("damaged or cut short") == true)
    }
}
