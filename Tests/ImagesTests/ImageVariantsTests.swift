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
