import ContentModel
import Foundation
import SiteBuilder
import SiteCore
import Testing

/// `glossary/<language>.yaml`: the programme's terms, written one way; variants are warnings at
/// their line and column, in the page's own language only.
@Suite struct GlossaryTests {
    func warnings(_ files: [String: String]) throws -> [String] {
        var site = Fixtures.fileSystem("sites/multilingual")
        for (path, text) in files { site.storage[path] = Data(text.utf8) }
        return try SiteBuilder(context: Fixtures.context(site)).validate().1.sorted
            .filter { $0.message.contains("on this site") }.map(\.description)
    }

    static let english = """
        terms:
          - preferred: inter-specialty
            avoid: [inter-speciality, interspecialty]
          - preferred: CanMEDS
            avoid: [CANMEDS]
        """

    @Test func variantsAreWarnedAboutAtTheirPlace() throws {
        let found = try warnings([
            "glossary/en.yaml": Self.english,
            "content/terms.md": """
            ---
            title: "Inter-Speciality training"
            ---
            An interspecialty course, organised by the
            seven CANMEDS roles; CanMEDS is right, and so is
            [this address](https://example.org/inter-speciality/) and interspecialtyX.
            """,
            // The French glossary is not the English one.
            "content/terms.fr.md": "---\ntitle: Inter-speciality\n---\nTexte.\n",
        ])
        #expect(
            found == [
                "content/terms.md:2:9: warning: `Inter-Speciality` is written `Inter-specialty` on this site.\n"
                    + "    hint: Use the programme's term, as glossary/en.yaml gives it.",
                "content/terms.md:4:4: warning: `interspecialty` is written `inter-specialty` on this site.\n"
                    + "    hint: Use the programme's term, as glossary/en.yaml gives it.",
                "content/terms.md:5:7: warning: `CANMEDS` is written `CanMEDS` on this site.\n"
                    + "    hint: Use the programme's term, as glossary/en.yaml gives it.",
            ])
    }

    @Test func aGlossaryIsCheckedLikeConfig() {
        #expect(throws: BuildFailure.self) {
            _ = try warnings(["glossary/en.yaml": "terms:\n  - prefered: x\n"])
        }
    }

    /// The shipped glossaries are read, and the site's pages follow them.
    @Test func theSiteFollowsItsGlossaries() throws {
        let site = LocalFileSystem(root: Fixtures.repositoryRoot.path)
        var diagnostics = DiagnosticList()
        let glossaries = Glossary.loadAll(languages: ["en", "fr", "de"], from: site, diagnostics: &diagnostics)
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items)")
        #expect(glossaries["en"]?.terms.contains { $0.preferred == "Entrustable Professional Activity" } == true)
        #expect(glossaries["fr"] != nil && glossaries["de"] != nil)
    }
}
