import Foundation
import SiteBuilder
import SiteCore
import Testing

/// The live preview's rebuilds must give exactly what a full build of the same files gives.
@Suite struct IncrementalBuilderTests {
    /// One preview session: edits are applied to `site` and the builder is told which paths changed.
    final class Session {
        var site = Fixtures.fileSystem("sites/multilingual")
        let builder: IncrementalBuilder

        init() throws {
            builder = IncrementalBuilder(context: Fixtures.context(site))
            _ = try builder.build()
        }

        func edit(_ path: String, _ change: (String) -> String) {
            site.storage[path] = Data(change(site.text(of: path) ?? "").utf8)
        }

        @discardableResult
        func rebuild(_ changed: [String]) throws(BuildFailure) -> IncrementalBuilder.Update {
            builder.context = Fixtures.context(site)
            var update = try builder.rebuild(changed: changed)
            if update.isPartial {
                let rest = try builder.completeDeferred()
                update.written += rest.written
                update.removed += rest.removed
            }
            return update
        }

        /// The builder's output against a fresh full build of the same files.
        func expectSameAsFullBuild(_ step: String) throws {
            let full = try SiteBuilder(context: Fixtures.context(site)).build()
            let expected = Dictionary(uniqueKeysWithValues: full.files.map { ($0.path, $0.contents) })
            #expect(Set(builder.files.keys) == Set(expected.keys), "\(step): the same files")
            for (path, contents) in expected where builder.files[path] != contents {
                Issue.record("\(step): \(path) differs from a full build")
            }
        }
    }

    @Test func aSequenceOfEditsGivesWhatAFullBuildGives() throws {
        let session = try Session()
        try session.expectSameAsFullBuild("first build")

        // A body edit renders only the pages made from that file.
        session.edit("content/partners/gamma.md") { $0 + "\nGamma also teaches.\n" }
        let bodyEdit = try session.rebuild(["content/partners/gamma.md"])
        #expect(bodyEdit.isPartial)
        #expect(bodyEdit.pagesRendered >= 1 && bodyEdit.pagesRendered <= 4)
        #expect(bodyEdit.written.contains { $0.path == "en/partners/gamma/index.html" })
        #expect(bodyEdit.written.contains { $0.path.hasPrefix("en/search/") })
        try session.expectSameAsFullBuild("body edit")

        // Removing a heading that another page links to breaks that link, as a full build says.
        session.edit("content/partners/gamma.md") { $0.replacingOccurrences(of: "## Team\n", with: "## Staff\n") }
        var partial: [Diagnostic] = []
        do {
            try session.rebuild(["content/partners/gamma.md"])
            Issue.record("a broken anchor was accepted")
        } catch { partial = error.diagnostics.filter { $0.severity == .error } }
        var full: [Diagnostic] = []
        do { _ = try SiteBuilder(context: Fixtures.context(session.site)).build() } catch {
            full = error.diagnostics.filter { $0.severity == .error }
        }
        #expect(!partial.isEmpty)
        #expect(partial.map(\.description) == full.map(\.description))
        // While it is broken, another file's front matter changes; the fix must not lose that change.
        session.edit("content/partners/alpha.md") { $0.replacingOccurrences(of: "weight: 1", with: "weight: 9") }
        #expect(throws: BuildFailure.self) { try session.rebuild(["content/partners/alpha.md"]) }
        session.edit("content/partners/gamma.md") { $0.replacingOccurrences(of: "## Staff\n", with: "## Team\n") }
        try session.rebuild(["content/partners/gamma.md"])
        try session.expectSameAsFullBuild("heading restored")

        // A front matter edit changes listings and titles elsewhere: the full path.
        session.edit("content/partners/beta.md") { $0.replacingOccurrences(of: "title: ", with: "title: New ") }
        let titleEdit = try session.rebuild(["content/partners/beta.md"])
        #expect(!titleEdit.isPartial)
        // Only pages that show beta's title are rendered again: beta, the lists and links naming it.
        let pageCount = session.builder.files.keys.filter { $0.hasSuffix("index.html") && !$0.hasPrefix("Q/") }.count
        #expect(titleEdit.pagesRendered > 0 && titleEdit.pagesRendered < pageCount / 2)
        try session.expectSameAsFullBuild("title edit")

        // A new page, then a rename, then a deletion.
        session.site.storage["content/partners/epsilon.md"] = Data("---\ntitle: Epsilon\n---\nNew.\n".utf8)
        try session.rebuild(["content/partners/epsilon.md"])
        try session.expectSameAsFullBuild("new page")
        session.site.storage["content/partners/epsilon-centre.md"] = session.site.storage["content/partners/epsilon.md"]
        session.site.storage["content/partners/epsilon.md"] = nil
        let rename = try session.rebuild(["content/partners/epsilon.md", "content/partners/epsilon-centre.md"])
        #expect(rename.removed.contains("en/partners/epsilon/index.html"))
        try session.expectSameAsFullBuild("rename")
        session.site.storage["content/partners/epsilon-centre.md"] = nil
        try session.rebuild(["content/partners/epsilon-centre.md"])
        try session.expectSameAsFullBuild("deletion")

        // Templates and strings.
        session.edit("themes/minimal/layouts/page.mustache") {
            $0.replacingOccurrences(of: "<h1>", with: "<h1 class=t>")
        }
        let template = try session.rebuild(["themes/minimal/layouts/page.mustache"])
        #expect(template.written.contains { $0.path == "en/partners/gamma/index.html" })
        try session.expectSameAsFullBuild("template edit")
        session.edit("i18n/fr.yaml") { $0.replacingOccurrences(of: "Publié", with: "Paru") }
        let strings = try session.rebuild(["i18n/fr.yaml"])
        #expect(strings.written.contains { $0.path == "fr/partenaires/alpha/index.html" })
        try session.expectSameAsFullBuild("string edit")

        // A second body edit after all that still takes the short path.
        session.edit("content/partners/alpha.fr.md") { $0 + "\nEncore.\n" }
        #expect(try session.rebuild(["content/partners/alpha.fr.md"]).isPartial)
        try session.expectSameAsFullBuild("translation body edit")
    }
}
