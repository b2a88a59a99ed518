import Foundation
import SiteBuilder
import SiteCore
import SiteOutput
import Testing

/// Content as a careless or hostile pull request could send it (issue 9). Each fixture in
/// `Tests/Fixtures/hostile/` either fails with exactly its `expected-diagnostics.txt`, or builds
/// with the shipped theme into output that `OutputSafety` finds nothing wrong with and that holds
/// every line of its `expected-output.txt` (`path | text`). Cases too large to check in are made
/// here. None may crash or hang: each build runs under a time limit.
@Suite(.timeLimit(.minutes(2))) struct HostileContentTests {
    @Test(arguments: Fixtures.names(in: "hostile"))
    func fixture(name: String) throws {
        let folder = Fixtures.root.appendingPathComponent("hostile").appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected-diagnostics.txt").path) {
            try Fixtures.assertFailsAsExpected("hostile/\(name)")
            return
        }
        let builder = SiteBuilder(context: Fixtures.context(Fixtures.fileSystem("hostile/\(name)")))
        let result = try builder.build()
        #expect(OutputSafety.problems(in: result.files) == [])
        try expectOutput(result.files, folder: folder)
    }

    private func expectOutput(_ files: [OutputFile], folder: URL) throws {
        let expected = try String(contentsOf: folder.appendingPathComponent("expected-output.txt"), encoding: .utf8)
        let byPath = Dictionary(files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) }) { a, _ in a }
        for line in expected.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " | ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            guard let text = byPath[parts[0]] else {
                Issue.record("no file \(parts[0]) in the output")
                continue
            }
            #expect(text.contains(parts[1]), "\(parts[0]) lacks: \(parts[1])")
        }
    }

    /// The safety check itself must catch what it is for (else every fixture passes vacuously).
    @Test func outputSafetyFindsInjectedMarkup() {
        let page = """
            <script>alert(1)</script><script src="/js/search.js" defer></script>
            <img src=x onerror=alert(1)><a href="java&#x09;script:alert(1)">x</a><iframe src=x></iframe>
            <!-- <script>in a comment</script> --><a href="/fine" title="onmouseover=x">ok</a>
            <script type="application/ld+json">{"name":"<!--<script>"}</script>
            """
        let problems = OutputSafety.htmlProblems(page)
        #expect(problems.count == 6, "\(problems)")  // the JSON-LD's <script> counts as one too
        #expect(problems.contains { $0.hasPrefix("script not from the theme") })
        #expect(problems.contains { $0.hasPrefix("event handler onerror") })
        #expect(problems.contains { $0.hasPrefix("javascript: URL") })
        #expect(problems.contains { $0.hasPrefix("<iframe>") })
        #expect(problems.contains { $0.hasPrefix("markup inside JSON-LD") })
        let benign = """
            <a href="/fine" title="onmouseover=x">ok</a><!-- <script>x</script> -->
            <script src="/js/search.js" defer></script><link rel="icon" href="data:,">
            <script type="application/ld+json">{"name":"\\u003cb\\u003e"}</script>
            """
        #expect(OutputSafety.htmlProblems(benign) == [])
    }

    // MARK: Cases made here (too large, or not storable in every checkout)

    private func site(_ pages: [String: Data], limits: String = "") -> InMemoryFileSystem {
        var fileSystem = Fixtures.fileSystem("hostile/line-endings")
        for path in fileSystem.storage.keys where path.hasPrefix("content/") && path != "content/_index.md" {
            fileSystem.storage[path] = nil
        }
        if !limits.isEmpty {
            fileSystem.storage["config.yaml"] = Data((fileSystem.text(of: "config.yaml")! + limits).utf8)
        }
        for (path, data) in pages { fileSystem.storage[path] = data }
        return fileSystem
    }

    private func diagnostics(_ fileSystem: InMemoryFileSystem) -> [String] {
        do {
            _ = try SiteBuilder(context: Fixtures.context(fileSystem)).build()
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func tenMegabytePageIsRefused() {
        let body = String(repeating: "Words of a long page, repeated. ", count: 330_000)
        let page = Data("---\ntitle: Huge\n---\n\(body)\n".utf8)
        #expect(page.count > 10_000_000)
        #expect(
            diagnostics(site(["content/huge.md": page])) == [
                """
                content/huge.md:1:1: error: This file is 10.1 MB; files may be at most 4.0 MB.
                    hint: Split it into several pages, or raise `limits.maxFileSizeKB` in config.yaml if it must be this long.
                """
            ])
    }

    @Test func fileSizeLimitIsConfigurable() {
        let page = Data("---\ntitle: Small\n---\n\(String(repeating: "x", count: 3000))\n".utf8)
        let found = diagnostics(site(["content/small.md": page], limits: "limits:\n  maxFileSizeKB: 2\n"))
        #expect(
            found.first?.hasPrefix("content/small.md:1:1: error: This file is 3 KB; files may be at most 2 KB.") == true
        )
    }

    @Test func hundredThousandRowTableBuilds() throws {
        var table = "| Code | Name | Country |\n|---|---|---|\n"
        for row in 0..<100_000 { table += "| \(row) | Centre \(row) | PT |\n" }
        let fileSystem = site(["content/table.md": Data("---\ntitle: Table\n---\n\(table)".utf8)])
        let result = try SiteBuilder(context: Fixtures.context(fileSystem)).build()
        let page = try #require(result.files.first { $0.path == "en/table/index.html" })
        let html = String(decoding: page.contents, as: UTF8.self)
        #expect(html.contains("<td>Centre 99999</td>"))
    }

    @Test func deepNestingIsRefusedWhereItHappens() {
        let quotes = String(repeating: ">", count: 5000) + " deep\n"
        let lists = (0..<40).map { String(repeating: "  ", count: $0) + "- level \($0 + 1)\n" }.joined()
        let found = diagnostics(
            site([
                "content/quotes.md": Data("---\ntitle: Quotes\n---\n\(quotes)".utf8),
                "content/lists.md": Data("---\ntitle: Lists\n---\nIntro.\n\n\(lists)".utf8),
            ]))
        #expect(
            found == [
                """
                content/lists.md:45:79: error: Lists and quotes here are nested 40 levels deep; pages may nest them 32 levels at most.
                    hint: Flatten the structure (readers follow three or four levels), or raise `limits.maxNestingDepth` in config.yaml.
                """,
                """
                content/quotes.md:4:5000: error: Lists and quotes here are nested 5000 levels deep; pages may nest them 32 levels at most.
                    hint: Flatten the structure (readers follow three or four levels), or raise `limits.maxNestingDepth` in config.yaml.
                """,
            ])
        let allowed = site(
            ["content/lists.md": Data("---\ntitle: Lists\n---\nIntro.\n\n\(lists)".utf8)],
            limits: "limits:\n  maxNestingDepth: 40\n")
        #expect(diagnostics(allowed) == [])
    }

    @Test func namesDifferingOnlyInCaseAreRefused() {
        let found = diagnostics(
            site([
                "content/about.md": Data("---\ntitle: About\n---\n".utf8),
                "content/About.md": Data("---\ntitle: About again\n---\n".utf8),
            ]))
        #expect(found.count == 2)
        #expect(found.first?.contains("warning: The file name `About.md` has capital letters") == true, "\(found)")
        #expect(found.last?.contains("differ only in letter case") == true, "\(found)")
    }

    @Test func yamlValueLimitCountsWhatAliasesAdd() {
        // YAML written out is fine however long (a large site's QR ledger holds tens of thousands).
        let list = (0..<30_000).map(String.init).joined(separator: ", ")
        let long = Data("---\ntitle: Long\nparams:\n  list: [\(list)]\n---\n".utf8)
        #expect(diagnostics(site(["content/long.md": long])) == [])
        // Aliases adding a little: within the default, over a limit of 20.
        let aliases =
            "params:\n  a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n  b: [\(Array(repeating: "*a", count: 20).joined(separator: ", "))]\n"
        let page = Data("---\ntitle: Aliases\n\(aliases)---\n".utf8)
        #expect(diagnostics(site(["content/aliases.md": page])) == [])
        let found = diagnostics(site(["content/aliases.md": page], limits: "limits:\n  maxYAMLValues: 20\n"))
        let expected =
            "content/aliases.md:2:1: error: Its aliases (`*name`) expand this YAML to more than 20 values beyond those written out."
        #expect(found.first?.hasPrefix(expected) == true, "\(found)")
    }

    @Test func badLimitsAreConfigErrors() {
        let found = diagnostics(site([:], limits: "limits:\n  maxFileSizeKB: 0\n  maxPages: 3\n"))
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.contains("`limits.maxFileSizeKB` must be a whole number above zero, not 0.") })
        #expect(found.contains { $0.contains("maxPages") })
    }
}

/// Symbolic links in a checkout (git stores them) must not let a build read files outside the
/// source folder: they read as absent, so a link or logo pointing at one is an error, not a copy.
@Suite struct SymbolicLinkTests {
    @Test func linksLeadingOutsideTheSourceAreNotFollowed() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("symlinks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let source = base.appendingPathComponent("site")
        let outside = base.appendingPathComponent("outside")
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("SECRET-OUTSIDE".utf8).write(to: outside.appendingPathComponent("secret.png"))
        try Data("---\ntitle: Secret\n---\nSECRET-OUTSIDE\n".utf8).write(to: outside.appendingPathComponent("page.md"))
        let fixture = Fixtures.fileSystem("hostile/line-endings")
        for (path, data) in fixture.storage where !path.hasPrefix("content/") || path == "content/_index.md" {
            let url = source.appendingPathComponent(path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let content = source.appendingPathComponent("content")
        try fileManager.createSymbolicLink(
            at: content.appendingPathComponent("secret.png"),
            withDestinationURL: outside.appendingPathComponent("secret.png"))
        try fileManager.createSymbolicLink(
            at: content.appendingPathComponent("page.md"), withDestinationURL: outside.appendingPathComponent("page.md")
        )
        try fileManager.createSymbolicLink(at: content.appendingPathComponent("folder"), withDestinationURL: outside)
        try Data("---\ntitle: Links\n---\n![Secret](secret.png) [Page](page.md) ![Deeper](folder/secret.png)\n".utf8)
            .write(to: content.appendingPathComponent("links.md"))

        let fileSystem = LocalFileSystem(root: source.path)
        #expect(fileSystem.contents(of: "content/secret.png") == nil)
        #expect(fileSystem.contents(of: "content/folder/secret.png") == nil)
        #expect(fileSystem.contents(of: "content/links.md") != nil)
        var messages: [String] = []
        do {
            let result = try SiteBuilder(context: BuildContext(source: fileSystem, now: Fixtures.now)).build()
            #expect(!result.files.contains { String(decoding: $0.contents, as: UTF8.self).contains("SECRET-OUTSIDE") })
        } catch {
            messages = error.diagnostics.map(\.message)
        }
        #expect(messages.filter { $0.contains("points to") }.count == 3, "\(messages)")
        // Each link is named, so a partner sees why the file is not on the site.
        for link in ["folder", "page.md", "secret.png"] {
            #expect(
                messages.contains(
                    "content/\(link) is a symbolic link that leads outside the site folder, so it is left out of the site."
                ),
                "\(messages)")
        }
        #expect(messages.count == 6, "\(messages)")
        #expect(messages.allSatisfy { !$0.contains("SECRET") })
    }
}
