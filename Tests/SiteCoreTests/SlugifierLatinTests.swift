import Foundation
import Testing

@testable import SiteCore

/// The Latin short path of `Slugifier.slug` must give what ICU's transform gives: headings' ids
/// and pages' addresses would otherwise change with the path a title takes.
@Suite("Slugifier's Latin short path")
struct SlugifierLatinTests {
    /// Every letter of the Latin blocks (Latin-1 to Latin Extended Additional) the short path
    /// takes, and the punctuation it knows, alone and between words, upper and lower case.
    @Test func everyLetterItTakesSlugsAsICUSlugsIt() {
        let blocks = [0xA0...0x24F, 0x1E00...0x1EFF, 0x2013...0x2026]
        var taken = 0
        for value in blocks.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), "Ab\(scalar)cd éf", "x \(scalar) y", "l\(scalar)équipe"] {
                guard let folded = Slugifier.foldedLatin(text) else { continue }
                taken += 1
                let icu = Slugifier.slug(ofASCII: Slugifier.transliterated(text))
                #expect(Slugifier.slug(ofASCII: folded) == icu, "\(text) (U+\(String(value, radix: 16)))")
            }
        }
        // Most of the Latin letters take it (a test that passes by taking none would be no test).
        #expect(taken > 1_000)
    }

    @Test func otherScriptsAndUnknownSymbolsGoToICU() {
        #expect(Slugifier.foldedLatin("Σχετικά") == nil)
        #expect(Slugifier.foldedLatin("Новини") == nil)
        #expect(Slugifier.foldedLatin("© 2024") == nil)  // ICU spells it "(c)"
        #expect(Slugifier.foldedLatin("Crème brûlée") == "creme brulee")
        #expect(
            Slugifier.slug("Réunion d’équipe — Łódź, «Programme» Straße") == "reunion-dequipe-lodz-programme-strasse")
    }

    /// The real site's titles and headings: each slugs alike by both paths.
    @Test func theSitesTitlesAndHeadingsSlugAlike() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content")
        let files = try #require(FileManager.default.enumerator(atPath: content.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".md") }
        var lines = 0
        for file in files {
            let text = try String(contentsOf: content.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n")
            where line.hasPrefix("#") || line.hasPrefix("title:") {
                let heading = String(line.drop { $0 == "#" || $0 == " " })
                guard let folded = Slugifier.foldedLatin(heading) else { continue }
                lines += 1
                #expect(
                    Slugifier.slug(ofASCII: folded) == Slugifier.slug(ofASCII: Slugifier.transliterated(heading)),
                    "\(file): \(heading)")
            }
        }
        #expect(lines > 100)
    }
}
