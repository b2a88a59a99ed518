import Foundation
import Testing

/// `interact-site translations` as a translator or a CI job runs it.
extension CLITests {
    @Test func translationsReportsTheStatusEvenWhenTheContentHasErrors() throws {
        let site = try copySite("sites/typed")
        defer { try? FileManager.default.removeItem(at: site) }
        try "---\ntitle: Gamma\ncountry: XX\n---\nBroken.\n".write(
            to: site.appendingPathComponent("content/partners/gamma.md"), atomically: true, encoding: .utf8)

        let text = try run(["translations", "--source", site.path])
        #expect(text.status == 1)
        #expect(text.output.hasPrefix("Pages in the default language (en): 17\n"))
        #expect(text.output.contains("fr Français: 2 of 17 pages translated (0 up to date, 1 stale, 1 not verified)"))
        #expect(
            text.output.hasSuffix(
                "Note: the content has 2 errors, printed on standard error (`interact-site check` lists them too). Pages that could not be read are left out of these counts.\n"
            ))
        #expect(text.errors.contains("content/partners/gamma.md:3:10: error: `XX` is not a country code."))

        let json = try run(["translations", "--source", site.path, "--format", "json"])
        #expect(json.status == 1)
        let status = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(status["contentErrors"] as? Int == 2)
        #expect(status["total"] as? Int == 17)
        #expect(json.errors.contains("error: `XX` is not a country code."))
    }

    @Test func translationsListsTranslationsThatAreNotVerified() throws {
        let site = try copySite("sites/typed")
        defer { try? FileManager.default.removeItem(at: site) }
        let text = try run(["translations", "--source", site.path])
        #expect(text.status == 0)
        #expect(!text.output.contains("Note:"))
        #expect(text.output.contains("    not verified: content/partners/_index.fr.md\n"))
        let json = try run(["translations", "--source", site.path, "--format", "json"])
        let status = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(status["contentErrors"] as? Int == 0)
        let french = try #require((status["languages"] as? [[String: Any]])?.first)
        #expect(french["unstamped"] as? [String] == ["content/partners/_index.fr.md"])
    }

    @Test func translationsStampsSeveralFilesOrAWholeLanguage() throws {
        let site = try copySite("sites/typed")
        defer { try? FileManager.default.removeItem(at: site) }
        let files = ["content/partners/alpha.fr.md", "content/partners/_index.fr.md"]
        let several = try run(["translations", "--source", site.path, "--stamp", "fr"] + files)
        #expect(several.status == 0, "\(several.errors)")
        #expect(several.output == "Stamped content/partners/alpha.fr.md\nStamped content/partners/_index.fr.md\n")
        let all = try run(["translations", "--source", site.path, "--stamp", "fr", "--all"])
        #expect(all.status == 0, "\(all.errors)")
        #expect(all.output == "2 already stamped with the current version of their original.\n")
        let status = try run(["translations", "--source", site.path])
        #expect(status.output.contains("fr Français: 2 of 17 pages translated (2 up to date, 0 stale, 0 not verified)"))

        #expect(try run(["translations", "--source", site.path, "--stamp", "fr", "--all"] + files).status == 2)
        #expect(try run(["translations", "--source", site.path, "--all"]).status == 2)
        let defaultLanguage = try run(["translations", "--source", site.path, "--stamp", "en", "--all"])
        #expect(defaultLanguage.status == 2)
        #expect(defaultLanguage.errors.contains("`en` is the default language"))
    }
}
