import Foundation
import QRCodes
import Testing

@Suite struct QRCodeTests {
    /// Renders the SVG to PNG and decodes it with zbarimg, as a phone would read a printed code.
    func decode(_ svg: String) throws -> (text: String, ok: Bool) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let svgFile = folder.appendingPathComponent("q.svg")
        let pngFile = folder.appendingPathComponent("q.png")
        try svg.write(to: svgFile, atomically: true, encoding: .utf8)
        func run(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = Pipe()
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        _ = try run(["rsvg-convert", "-w", "400", "-o", pngFile.path, svgFile.path])
        let text = try run(["zbarimg", "--raw", "-q", "--nodbus", pngFile.path])
        return (text.trimmingCharacters(in: .newlines), !text.isEmpty)
    }

    @Test(arguments: QRCode.ErrorCorrection.allCases)
    func svgScansBackToItsText(level: QRCode.ErrorCorrection) throws {
        let url = "HTTPS://INTERACT-EUROPE.ORG/Q/7K2"
        let code = try #require(QRCode(url, errorCorrection: level))
        let decoded = try decode(code.svg(title: "QR code for \(url)"))
        #expect(decoded.text == url)
    }

    @Test func capitalsMakeSmallerCodesThanLowerCase() throws {
        let upper = try #require(QRCode("HTTPS://INTERACT-EUROPE.ORG/Q/7K2"))
        let lower = try #require(QRCode("https://interact-europe.org/q/7k2"))
        #expect(upper.version < lower.version)
        #expect(upper.size == 17 + 4 * upper.version)
    }

    @Test func svgHasAQuietZoneAndATitle() throws {
        let code = try #require(QRCode("HELLO"))
        let svg = code.svg(title: "QR <code>")
        #expect(svg.contains("viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
        #expect(svg.contains("<title>QR &lt;code></title>"))
        #expect(!svg.contains("M0 0"))
    }
}
