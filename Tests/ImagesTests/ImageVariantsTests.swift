import Foundation
import Images
import Testing

@Suite struct ImageVariantsTests {
    @Test func widthsAreNeverUpscaled() {
        let ladder = [320, 640, 960, 1280, 1920]
        #expect(ImageVariants.widths(forSourceWidth: 4000, ladder: ladder) == ladder)
        #expect(ImageVariants.widths(forSourceWidth: 1920, ladder: ladder) == ladder)
        #expect(ImageVariants.widths(forSourceWidth: 1000, ladder: ladder) == [320, 640, 960, 1000])
        #expect(ImageVariants.widths(forSourceWidth: 200, ladder: ladder) == [200])
        #expect(ImageVariants.widths(forSourceWidth: 640, ladder: [640, 320]) == [320, 640])
    }

    @Test func optionsAreChecked() throws {
        let encoders = ImageEncoders(available: [.webp], libraryVersion: "8.14.1")
        #expect(throws: ImageError.self) { try ImageVariants(encoders: encoders, options: .init(widths: [])) }
        #expect(throws: ImageError.self) { try ImageVariants(encoders: encoders, options: .init(widths: [0, 320])) }
        #expect(throws: ImageError.self) { try ImageVariants(encoders: encoders, options: .init(quality: 101)) }
        #expect(throws: ImageError.self) { try ImageVariants(encoders: encoders, options: .init(effort: 7)) }
    }

    /// The phone photo: every variant decodes, upright, at its width, with no trace of its metadata.
    @Test func photoVariantsAreUprightAndCarryNoMetadata() throws {
        let source = try Fixtures.data("photo-gps.jpg")
        for marker in ["FixtureCam", "secret place", "http://ns.adobe.com/xap"] {
            #expect(Fixtures.contains(source, marker), "the fixture should carry \(marker)")
        }
        let encoders = try ImageEncoders.detect()
        let variants = try ImageVariants(encoders: encoders, options: .init(quality: 70))
        let made = try variants.make(from: source, name: "photo")
        let expectedFormats = encoders.has(.avif) ? [ImageFormat.avif, .webp, .jpeg] : [.webp, .jpeg]
        #expect(Set(made.map(\.format)) == Set(expectedFormats))
        #expect(made.count == 4 * expectedFormats.count)
        #expect(Set(made.map(\.width)) == [320, 640, 960, 1200])
        for variant in made {
            let probe = try ImageProbe(data: variant.data)
            #expect(probe.format == variant.format, "\(variant.fileName)")
            #expect(probe.width == variant.width, "\(variant.fileName)")
            // Upright: 3 wide for 4 high.
            #expect(
                probe.height == variant.height && abs(probe.height - variant.width * 4 / 3) <= 1, "\(variant.fileName)")
            #expect(probe.orientation == 1, "\(variant.fileName)")
            #expect(probe.metadata.isEmpty, "\(variant.fileName) keeps \(probe.metadata)")
            for marker in Fixtures.metadataMarkers {
                #expect(!Fixtures.contains(variant.data, marker), "\(variant.fileName) contains \(marker)")
            }
            #expect(variant.fileName == "photo-\(variant.hash)-\(variant.width).\(variant.format.fileExtension)")
            #expect(variant.hash.count == 8 && variant.hash.allSatisfy(\.isHexDigit))
        }
        // Smaller widths make smaller files.
        let webp = made.filter { $0.format == .webp }.sorted { $0.width < $1.width }
        #expect(zip(webp, webp.dropFirst()).allSatisfy { $0.data.count < $1.data.count })
    }

    @Test func logoKeepsTransparencyAndFallsBackToPNG() throws {
        let encoders = try ImageEncoders.detect()
        let variants = try ImageVariants(encoders: encoders)
        let made = try variants.make(from: try Fixtures.data("logo.png"), name: "logo")
        #expect(Set(made.map(\.width)) == [320, 480])
        #expect(made.contains { $0.format == .png } && !made.contains { $0.format == .jpeg })
        for variant in made {
            let probe = try ImageProbe(data: variant.data)
            #expect(probe.format == variant.format && probe.width == variant.width)
            #expect(probe.hasAlpha, "\(variant.fileName) lost its transparency")
            #expect(probe.metadata.isEmpty)
        }
        #expect(made.first { $0.width == 320 }?.height == 107)
    }

    /// A photo tagged Display P3 (photo-p3.jpg: the 400-pixel photo converted with libvips' P3 profile):
    /// converted to sRGB through its profile, then the profile goes too.
    @Test func aP3PhotoLosesItsProfile() throws {
        let source = try Fixtures.data("photo-p3.jpg")
        #expect(try ImageProbe(data: source).metadata.contains("icc"))
        let variants = try ImageVariants(encoders: try ImageEncoders.detect(), options: .init(formats: [.webp, .jpeg]))
        let made = try variants.make(from: source, name: "p3")
        #expect(Set(made.map(\.width)) == [320, 400])
        for variant in made {
            #expect(try ImageProbe(data: variant.data).metadata.isEmpty, "\(variant.fileName)")
        }
        // The same pixels without the profile (taken as sRGB) must come out different: the P3
        // values were converted, not relabelled.
        let untagged = Self.removingICCSegments(source)
        #expect(untagged.count < source.count)
        #expect(try !ImageProbe(data: untagged).metadata.contains("icc"))
        let plain = try variants.make(from: untagged, name: "p3")
        #expect(plain.map(\.data) != made.map(\.data))
    }

    /// The JPEG without its APP2 ICC_PROFILE segments.
    static func removingICCSegments(_ jpeg: Data) -> Data {
        let bytes = [UInt8](jpeg)
        var output = Array(bytes[0..<2])
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF, bytes[offset + 1] != 0xDA {
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let segment = bytes[offset..<min(offset + 2 + length, bytes.count)]
            let isICC = bytes[offset + 1] == 0xE2 && segment.dropFirst(4).starts(with: Array("ICC_PROFILE".utf8))
            if !isICC { output += segment }
            offset += 2 + length
        }
        output += bytes[min(offset, bytes.count)...]
        return Data(output)
    }

    @Test func sameInputGivesTheSameBytes() throws {
        let variants = try ImageVariants(encoders: try ImageEncoders.detect())
        let source = try Fixtures.data("photo-gps.jpg")
        let first = try variants.make(from: source, name: "photo")
        let second = try variants.make(from: source, name: "photo")
        #expect(first == second)
        // Another quality gives other bytes, so names change with content.
        let other = try ImageVariants(encoders: variants.encoders, options: .init(quality: 40))
            .make(from: source, name: "photo")
        #expect(Set(other.map(\.fileName)).isDisjoint(with: first.map(\.fileName)))
    }

    @Test func svgIsNotResized() throws {
        let variants = try ImageVariants(encoders: try ImageEncoders.detect())
        let svg = Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#.utf8)
        #expect(throws: ImageError.self) { try variants.make(from: svg, name: "logo") }
    }
}
