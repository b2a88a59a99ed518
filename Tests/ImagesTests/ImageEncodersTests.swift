import Foundation
import Images
import Testing

@Suite struct ImageEncodersTests {
    @Test func detectsWhatThisLibvipsWrites() throws {
        let encoders = try ImageEncoders.detect()
        // Debian 12's libvips 8.14 writes all four (TOOLCHAIN.md); JPEG and PNG are always built.
        #expect(encoders.has(.jpeg) && encoders.has(.png))
        #expect(encoders.has(.webp))
        #expect(
            encoders.available
                == encoders.available.sorted { lhs, rhs in
                    [ImageFormat.avif, .webp, .jpeg, .png].firstIndex(of: lhs)! < [
                        ImageFormat.avif, .webp, .jpeg, .png,
                    ].firstIndex(of: rhs)!
                })
        #expect(encoders.libraryVersion.split(separator: ".").count == 3)
        #expect(encoders.summary.hasPrefix("images: libvips \(encoders.libraryVersion), "))
    }

    @Test func summarySaysWhatIsMissing() {
        let encoders = ImageEncoders(available: [.png, .webp, .jpeg], libraryVersion: "8.14.1")
        #expect(encoders.summary == "images: libvips 8.14.1, no AVIF WebP JPEG PNG")
    }

    @Test func summaryNamesOnlyWhatWasChecked() throws {
        let encoders = try ImageEncoders.detect([.webp])
        #expect(encoders.available == [.webp] && encoders.checked == [.webp])
        #expect(encoders.summary == "images: libvips \(encoders.libraryVersion), WebP")
    }

    @Test func variantsDegradeToTheEncodersThereAre() throws {
        let encoders = ImageEncoders(available: [.webp, .png], libraryVersion: "8.14.1")
        let variants = try ImageVariants(encoders: encoders)
        #expect(variants.formats(forSource: .jpeg) == [.webp])
        #expect(variants.formats(forSource: .png) == [.webp, .png])
    }
}
