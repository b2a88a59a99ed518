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
