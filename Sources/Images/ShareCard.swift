import CVips
import Foundation
import SiteCore

/// The 1200 × 630 PNG a page shows when its link is shared (`og:image`), drawn by libvips: the
/// page's title in its own script (Latin, Greek, Cyrillic…; wrapped, at most three lines, then an
/// ellipsis), its section, the project's name, and a drawn EU emblem (twelve gold stars on blue, no
/// image file) beside the funding statement. Every string comes from the caller, already in the
/// page's language. The font is a named file (Noto Sans from Debian's fonts-noto-core), so the
/// same texts give the same bytes on every machine set up by `make deps`.
public struct ShareCard: Sendable {
    public static let width = 1200
    public static let height = 630
    public static let defaultRegularFont = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
    public static let defaultBoldFont = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"

    /// The words on a card.
    public struct Text: Sendable, Equatable {
        public var title: String
        public var section: String
        public var project: String
        /// "Co-funded by the European Union" in the page's language.
        public var fundingStatement: String

        public init(title: String, section: String, project: String, fundingStatement: String) {
            self.title = title
            self.section = section
            self.project = project
            self.fundingStatement = fundingStatement
        }
    }

    /// A drawn card and how its title was set.
    public struct Rendered: Sendable {
        public let png: Data
        /// 1 to 3.
        public let titleLines: Int
        /// The title as drawn: the whole title, or its first words and "…".
        public let titleShown: String
        public var titleShortened: Bool { titleShown.hasSuffix("…") }
    }

    public let regularFont: String
    public let boldFont: String
    /// Pango's family name of the fonts.
    public let family: String

    public init(
        regularFont: String = ShareCard.defaultRegularFont, boldFont: String = ShareCard.defaultBoldFont,
        family: String = "Noto Sans"
    ) {
        self.regularFont = regularFont
        self.boldFont = boldFont
        self.family = family
    }

    /// Line pitches measured so far: the same four fonts on every card of a site, and measuring
    /// one takes two renderings, two thirds of a card's text work.
    private let pitches = PitchMemo()

    /// What, besides its texts, decides a card's pixels: the card's design version, the fonts'
    /// bytes and the libvips version. Same fingerprint and texts, same PNG, on any machine; nil
    /// when a font file is missing.
    public func fingerprint() -> String? {
        var material = Data("interact-share-card-1\n\(family)\nlibvips=\(Vips.version)".utf8)
        for font in [regularFont, boldFont] {
            guard let bytes = FileManager.default.contents(atPath: font) else { return nil }
            material.append(Data("\n\(font)=\(Vips.sha256(bytes))".utf8))
        }
        return Vips.sha256(material)
    }

    /// A file name for the card of `text`, from its texts and `fingerprint()`: known before the
    /// card is drawn, so pages can name it while it is drawn elsewhere.
    public static func fileName(for text: Text, fingerprint: String) -> String {
        let material = [fingerprint, text.title, text.section, text.project, text.fundingStatement].joined(
            separator: "\u{0}")
        return String(Vips.sha256(Data(material.utf8)).prefix(16)) + ".png"
    }

    static let blue: [UInt8] = [0x00, 0x33, 0x99]
    static let gold: [UInt8] = [0xFF, 0xCC, 0x00]
    static let ink: [UInt8] = [0x14, 0x1B, 0x2D]
    static let grey: [UInt8] = [0x4A, 0x52, 0x63]
    static let paper: [UInt8] = [0xFF, 0xFF, 0xFF]

    public func render(_ text: Text) throws(ImageError) -> Rendered {
        try Vips.start()
        for font in [regularFont, boldFont] where !FileManager.default.fileExists(atPath: font) {
            throw .fontUnavailable(path: font)
        }
        var canvas = Canvas(width: Self.width, height: Self.height, colour: Self.paper)
        canvas.fill(x: 0, y: 0, width: Self.width, height: 14, colour: Self.blue)

        let margin = 80
        let section = try fit(
            text.section, font: "\(family) 30", file: regularFont, width: Self.width - 2 * margin, lines: 1)
        canvas.blend(section.mask, x: margin, y: 70, colour: Self.blue)

        let title = try fit(
            text.title, font: "\(family) Bold 58", file: boldFont, width: Self.width - 2 * margin, lines: 3)
        canvas.blend(title.mask, x: margin, y: 140, colour: Self.ink)

        // The footer: emblem and funding statement on the left, the project's name on the right.
        canvas.fill(x: margin, y: 470, width: Self.width - 2 * margin, height: 2, colour: [0xD5, 0xD9, 0xE0])
        let flagHeight = 90
        let flagWidth = 135
        canvas.drawEmblem(x: margin, y: 505, width: flagWidth, height: flagHeight)
        let statement = try fit(text.fundingStatement, font: "\(family) 26", file: regularFont, width: 430, lines: 2)
        canvas.blend(
            statement.mask, x: margin + flagWidth + 24, y: 505 + (flagHeight - statement.mask.height) / 2,
            colour: Self.ink)
        let project = try fit(text.project, font: "\(family) Bold 32", file: boldFont, width: 420, lines: 1)
        canvas.blend(
            project.mask, x: Self.width - margin - project.mask.width, y: 505 + (flagHeight - project.mask.height) / 2,
            colour: Self.blue)

        let png = try Vips.encode(
            pixels: canvas.pixels, width: Self.width, height: Self.height, bands: 3, as: .png, quality: 100, effort: 0)
        return Rendered(png: png, titleLines: title.lines, titleShown: title.shown)
    }

    /// A text set in at most `lines` lines of `width` pixels: all of it, else the most words (or,
    /// for one long word, characters) that fit with "…".
    private func fit(_ text: String, font: String, file: String, width: Int, lines: Int) throws(ImageError) -> Fitted {
        let clean = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let pitch = try linePitch(font: font, file: file)
        func attempt(_ candidate: String) throws(ImageError) -> Fitted {
            // Pango markup treats & < > as syntax; a title is text.
            let mask = try Mask(markup: XMLEscaping.escape(candidate), font: font, file: file, width: width)
            let count = mask.height <= 1 ? 1 : (mask.height - 1) / pitch + 1
            return Fitted(mask: mask, lines: count, shown: candidate)
        }
        let whole = try attempt(clean)
        if whole.lines <= lines { return whole }
        let words = clean.split(separator: " ").map(String.init)
        // Binary search on words, then on characters when not even one word fits.
        var best: Fitted?
        var low = 1
        var high = words.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let candidate = try attempt(Self.shortened(words[0..<middle].joined(separator: " ")))
            if candidate.lines <= lines {
                best = candidate
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        if let best { return best }
        let characters = Array(clean)
        low = 1
        high = characters.count - 1
        var fallback = try attempt("…")
        while low <= high {
            let middle = (low + high) / 2
            let candidate = try attempt(Self.shortened(String(characters[0..<middle])))
            if candidate.lines <= lines {
                fallback = candidate
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return fallback
    }

    /// The distance between two lines' tops in this font (vips_text crops to the ink, so it is
    /// measured from one and two lines of the same letters).
    private func linePitch(font: String, file: String) throws(ImageError) -> Int {
        if let known = pitches.value(for: font + "\u{0}" + file) { return known }
        let one = try Mask(markup: "Ág", font: font, file: file, width: 2000)
        let two = try Mask(markup: "Ág\nÁg", font: font, file: file, width: 2000)
        let pitch = max(two.height - one.height, 1)
        pitches.set(pitch, for: font + "\u{0}" + file)
        return pitch
    }

    /// Drops punctuation before the ellipsis ("Title, …" reads wrong).
    static func shortened(_ text: String) -> String {
        var trimmed = Substring(text)
        while let last = trimmed.last, last.isWhitespace || ",;:-–—".contains(last) { trimmed = trimmed.dropLast() }
        return trimmed + "…"
    }
}

private struct Fitted {
    let mask: Mask
    let lines: Int
    let shown: String
}

/// Text rendered by libvips as coverage (0–255 per pixel).
private struct Mask {
    let width: Int
    let height: Int
    let coverage: [UInt8]

    init(markup: String, font: String, file: String, width: Int) throws(ImageError) {
        (self.width, self.height, self.coverage) = try Vips.text(markup: markup, font: font, file: file, width: width)
    }
}

/// An RGB picture drawn in Swift; libvips only encodes it.
private struct Canvas {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, colour: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = [UInt8](repeating: 0, count: width * height * 3)
        fill(x: 0, y: 0, width: width, height: height, colour: colour)
    }

    mutating func fill(x: Int, y: Int, width: Int, height: Int, colour: [UInt8]) {
        for row in max(y, 0)..<min(y + height, self.height) {
            for column in max(x, 0)..<min(x + width, self.width) {
                let index = (row * self.width + column) * 3
                pixels[index] = colour[0]
                pixels[index + 1] = colour[1]
                pixels[index + 2] = colour[2]
            }
        }
    }

    mutating func blend(x: Int, y: Int, colour: [UInt8], alpha: Int) {
        guard x >= 0, y >= 0, x < width, y < height, alpha > 0 else { return }
        let index = (y * width + x) * 3
        for band in 0..<3 {
            let old = Int(pixels[index + band])
            pixels[index + band] = UInt8((old * (255 - alpha) + Int(colour[band]) * alpha + 127) / 255)
        }
    }

    mutating func blend(_ mask: Mask, x: Int, y: Int, colour: [UInt8]) {
        for row in 0..<mask.height {
            for column in 0..<mask.width {
                blend(x: x + column, y: y + row, colour: colour, alpha: Int(mask.coverage[row * mask.width + column]))
            }
        }
    }

    /// The EU emblem: a blue 3:2 rectangle with twelve five-pointed gold stars on a circle whose
    /// radius is a third of the height, each star's points on a circle of an eighteenth of the
    /// height, one point up. Edges are smoothed by sampling each pixel 4 × 4 times.
    mutating func drawEmblem(x: Int, y: Int, width flagWidth: Int, height flagHeight: Int) {
        fill(x: x, y: y, width: flagWidth, height: flagHeight, colour: ShareCard.blue)
        let centreX = Double(flagWidth) / 2
        let centreY = Double(flagHeight) / 2
        let ring = Double(flagHeight) / 3
        let outer = Double(flagHeight) / 18
        let inner = outer * 0.381_966  // a regular star's inner to outer radius
        var stars: [[(Double, Double)]] = []
        var centres: [(Double, Double)] = []
        for star in 0..<12 {
            let angle = Double(star) * Double.pi / 6
            let starX = centreX + ring * sin(angle)
            let starY = centreY - ring * cos(angle)
            centres.append((starX, starY))
            stars.append(
                (0..<10).map { point in
                    let radius = point % 2 == 0 ? outer : inner
                    let pointAngle = Double(point) * Double.pi / 5
                    return (starX + radius * sin(pointAngle), starY - radius * cos(pointAngle))
                })
        }
        for row in 0..<flagHeight {
            for column in 0..<flagWidth {
                let nearby = stars.indices.filter { star in
                    abs(centres[star].0 - Double(column) - 0.5) < outer + 1
                        && abs(centres[star].1 - Double(row) - 0.5) < outer + 1
                }.map { stars[$0] }
                guard !nearby.isEmpty else { continue }
                var covered = 0
                for sampleY in 0..<4 {
                    for sampleX in 0..<4 {
                        let pointX = Double(column) + (Double(sampleX) + 0.5) / 4
                        let pointY = Double(row) + (Double(sampleY) + 0.5) / 4
                        if nearby.contains(where: { Self.contains($0, pointX, pointY) }) { covered += 1 }
                    }
                }
                blend(x: x + column, y: y + row, colour: ShareCard.gold, alpha: covered * 255 / 16)
            }
        }
    }

    /// Even-odd point-in-polygon.
    static func contains(_ polygon: [(Double, Double)], _ pointX: Double, _ pointY: Double) -> Bool {
        var inside = false
        var previous = polygon[polygon.count - 1]
        for vertex in polygon {
            if (vertex.1 > pointY) != (previous.1 > pointY) {
                let crossing = (previous.0 - vertex.0) * (pointY - vertex.1) / (previous.1 - vertex.1) + vertex.0
                if pointX < crossing { inside.toggle() }
            }
            previous = vertex
        }
        return inside
    }
}

/// Fonts' measured line pitches, shared by the threads drawing cards.
private final class PitchMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Int] = [:]

    func value(for key: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }

    func set(_ value: Int, for key: String) {
        lock.lock()
        defer { lock.unlock() }
        values[key] = value
    }
}
