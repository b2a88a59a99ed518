import Foundation
import SiteCore
import Testing

/// Bugs found by review, each pinned by a test.
@Suite struct RegressionTests {
    @Test(arguments: [(101, PluralCategory.few), (1001, .few), (119, .few), (120, .other), (1, .one), (0, .few)])
    func romanianFewIncludesNumbersEndingIn01To19(count: Int, expected: PluralCategory) {
        #expect(PluralCategory.forCount(count, language: "ro") == expected)
    }

    @Test func bulgarianHardSignIsTransliteratedNotASeparator() {
        #expect(Slugifier.slug("България") == "balgariia" || Slugifier.slug("България") == "balgaria")
        #expect(!Slugifier.slug("Възраст").contains("-"))
        #expect(Slugifier.slug("L'équipe du projet") == "lequipe-du-projet")
    }

    @Test func duplicateKeyInANestedBlockPointsAtTheRepeat() throws {
        let fileSystem = InMemoryFileSystem([
            "config.yaml":
                "title: Site\nbaseURL: https://e.org/\ndefaultLanguage: en\ntheme: t\nlanguages:\n  en:\n    name: English\n    name: Again\n"
        ])
        #expect(throws: BuildFailure.self) { try SiteConfig.load(from: fileSystem) }
        do {
            _ = try SiteConfig.load(from: fileSystem)
        } catch {
            #expect(error.diagnostics.first?.position == SourcePosition(file: "config.yaml", line: 8, column: 5))
        }
    }

    @Test func emptyRequiredSettingsAreErrors() throws {
        let fileSystem = InMemoryFileSystem([
            "config.yaml": "title:\nbaseURL: \"\"\ndefaultLanguage: en\ntheme: t\nlanguages:\n"
        ])
        do {
            _ = try SiteConfig.load(from: fileSystem)
            Issue.record("an empty config loaded")
        } catch {
            let messages = error.diagnostics.map(\.message)
            #expect(messages.contains("config.yaml needs a `title`."))
            #expect(messages.contains("config.yaml needs a `baseURL`."))
            #expect(messages.contains("config.yaml needs a `languages` block."))
        }
    }
}

/// Translations record content hashes in committed files: a faster implementation must give the
/// same hash as the first one for every text.
@Suite struct ContentHashTests {
    /// The first implementation, kept as the reference.
    func reference(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        while normalized.hasSuffix("\n\n") { normalized.removeLast() }
        for byte in normalized.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }

    @Test func sameHashAsTheReference() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "é", "\n", "\r", "\r\n", "\n\n", "Σ", " ", "---", "\u{301}"]
        var samples = ["", "\n", "\n\n", "\r\n", "\r\r\n", "\r\r\n\n", "x\n\r\n", "x\r\n\r\n\r\n", "\n\r\r\n"]
        for _ in 0..<3000 {
            samples.append(
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined())
        }
        for sample in samples {
            #expect(ContentHash.of(sample) == reference(sample), "\(Array(sample.utf8))")
        }
    }
}
