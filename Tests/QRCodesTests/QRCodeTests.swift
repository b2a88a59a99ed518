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

/// docs/qr-codes.md tells the communications team how small codes can be printed; its table must
/// say what libqrencode really does.
@Suite struct PrintGuideTests {
    struct Row {
        var version: Int
        var modules: Int
        var capacity: [QRCode.ErrorCorrection: Int]
        var width: Int
    }

    func rows() throws -> [Row] {
        let guide = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/qr-codes.md")
        let text = try String(contentsOf: guide, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> Row? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 7, let version = Int(cells[0]), let modules = Int(cells[1]),
                let width = Int(cells[6].replacingOccurrences(of: " mm", with: ""))
            else { return nil }
            let levels: [QRCode.ErrorCorrection] = [.low, .medium, .quartile, .high]
            var capacity: [QRCode.ErrorCorrection: Int] = [:]
            for (offset, level) in levels.enumerated() { capacity[level] = Int(cells[2 + offset]) }
            return Row(version: version, modules: modules, capacity: capacity, width: width)
        }
    }

    @Test func theSizeTableMatchesLibqrencode() throws {
        let rows = try rows()
        #expect(rows.map(\.version) == Array(1...6))
        for row in rows {
            for (level, capacity) in row.capacity {
                let fits = String(repeating: "A", count: capacity)
                let code = try #require(QRCode(fits, errorCorrection: level))
                #expect(code.version == row.version, "\(capacity) characters at \(level)")
                #expect(code.size + 8 == row.modules)
                let tooLong = try #require(QRCode(fits + "A", errorCorrection: level))
                #expect(tooLong.version == row.version + 1, "\(capacity + 1) characters at \(level)")
            }
            #expect(Int((Double(row.modules) * 0.5).rounded(.up)) == row.width)
        }
    }

    @Test func theSiteAddressIsVersion2AtMedium() throws {
        let link = "HTTPS://INTERACT-EUROPE.ORG/Q/7K2"
        #expect(link.count == 33)
        let medium = try #require(QRCode(link, errorCorrection: .medium))
        let high = try #require(QRCode(link, errorCorrection: .high))
        #expect(medium.version == 2)
        #expect(high.version == 3)
    }
}
