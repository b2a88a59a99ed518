import Foundation
import QRCodes
import ShortLinks
import SiteBuilder
import SiteCore
import Testing

@Suite struct ShortLinkTests {
    func build(_ fileSystem: InMemoryFileSystem) throws(BuildFailure) -> BuildResult {
        try SiteBuilder(context: Fixtures.context(fileSystem)).build()
    }

    /// A site whose ledger is what a first build recorded.
    func recordedSite() throws -> InMemoryFileSystem {
        var site = Fixtures.fileSystem("sites/multilingual")
        let first = try build(site)
        let ledger = try #require(first.ledgerUpdate)
        site.storage[ShortLinkLedger.file] = Data(ledger.utf8)
        return site
    }

    @Test func everyPageGetsACodeOnceAndKeepsIt() throws {
        let site = try recordedSite()
        let ledger = try #require(site.text(of: ShortLinkLedger.file))
        #expect(ledger.contains("  - code: "))
        #expect(ledger.contains("    page: partners/alpha.md"))
        #expect(ledger.contains("    key: delta"))
        // A second build adds nothing: the codes are stable.
        #expect(try build(site).ledgerUpdate == nil)
    }

    @Test func renamingATranslationKeepsTheCode() throws {
        var site = try recordedSite()
        let before = try build(site).files.first {
            $0.path.hasPrefix("Q/") && String(decoding: $0.contents, as: UTF8.self).contains("/fr/partenaires/alpha/")
        }
        let french = try #require(site.text(of: "content/partners/alpha.fr.md"))
        site.storage["content/partners/alpha.fr.md"] = Data(
            french.replacingOccurrences(
                of: "title: Institut Alpha", with: "title: Institut Alpha\nslug: institut-alpha"
            ).utf8)
        let after = try build(site)
        #expect(after.ledgerUpdate == nil)
        let page = try #require(after.files.first { $0.path == before?.path })
        #expect(String(decoding: page.contents, as: UTF8.self).contains("/fr/partenaires/institut-alpha/"))
    }

    @Test func removingAPageWithACodeFailsUnlessRedirected() throws {
        var site = try recordedSite()
        site.storage["content/partners/delta-klinik.de.md"] = nil
        do {
            _ = try build(site)
            Issue.record("a removed page with a printed code built")
        } catch {
            #expect(
                error.diagnostics.contains { $0.message.contains("leads to delta, which no longer exists") }
            )
        }
        var ledger = try #require(site.text(of: ShortLinkLedger.file))
        ledger = ledger.replacingOccurrences(
            of: "    key: delta\n", with: "    key: delta\n    redirect: partners/beta.md\n")
        site.storage[ShortLinkLedger.file] = Data(ledger.utf8)
        let result = try build(site)
        let code = try #require(
            ledger.components(separatedBy: "\n").firstIndex { $0.contains("key: delta") }.map {
                ledger.components(separatedBy: "\n")[$0 - 1].replacingOccurrences(of: "  - code: ", with: "")
            })
        let landing = try #require(result.files.first { $0.path == "Q/\(code)/index.html" })
        #expect(String(decoding: landing.contents, as: UTF8.self).contains("/en/partners/beta/"))
    }

    /// The code recorded for `line` (e.g. `page: partners/alpha.md`) in a ledger's text.
    func code(for line: String, in ledger: String) throws -> String {
        let lines = ledger.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex(of: "    " + line))
        return lines[index - 1].replacingOccurrences(of: "  - code: ", with: "")
    }

    /// Moves every language version of partners/alpha to partners/alpha-institute.
    func movingAlpha(_ site: InMemoryFileSystem, alias: String?) -> InMemoryFileSystem {
        var site = site
        for suffix in ["", ".fr", ".de"] {
            let old = "content/partners/alpha\(suffix).md"
            var text = site.text(of: old)!
            if suffix.isEmpty, let alias {
                text = text.replacingOccurrences(of: "weight: 1\n", with: "weight: 1\naliases: [\(alias)]\n")
            }
            site.storage[old] = nil
            site.storage["content/partners/alpha-institute\(suffix).md"] = Data(text.utf8)
        }
        let index = "content/partners/_index.md"
        site.storage[index] = Data(
            site.text(of: index)!.replacingOccurrences(of: "(alpha.md)", with: "(alpha-institute.md)").utf8)
        return site
    }

    @Test func aMovedPageTakesItsCodeAlongThroughItsAlias() throws {
        let site = try recordedSite()
        let ledger = try #require(site.text(of: ShortLinkLedger.file))
        let code = try code(for: "page: partners/alpha.md", in: ledger)

        // Without an alias naming the old address the move cannot be told from a removal.
        do {
            _ = try build(movingAlpha(site, alias: nil))
            Issue.record("a page with a printed code moved without an alias, and the build did not object")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("QR code \(code) leads to partners/alpha.md") })
        }

        let moved = try build(movingAlpha(site, alias: "/en/partners/alpha/"))
        let updated = try #require(moved.ledgerUpdate)
        #expect(try self.code(for: "page: partners/alpha-institute.md", in: updated) == code)
        #expect(!updated.contains("partners/alpha.md"))
        #expect(moved.ledgerNotes.contains { $0.contains("QR code \(code) follows partners/alpha.md") })
        let landing = try #require(moved.files.first { $0.path == "Q/\(code)/index.html" })
        #expect(String(decoding: landing.contents, as: UTF8.self).contains("/en/partners/alpha-institute/"))

        // Once recorded, the next build changes nothing more.
        var recorded = movingAlpha(site, alias: "/en/partners/alpha/")
        recorded.storage[ShortLinkLedger.file] = Data(updated.utf8)
        #expect(try build(recorded).ledgerUpdate == nil)
    }

    @Test func errorCorrectionFollowsTheSiteAndThePage() throws {
        var site = try recordedSite()
        let ledger = try #require(site.text(of: ShortLinkLedger.file))
        let alpha = try code(for: "page: partners/alpha.md", in: ledger)
        let beta = try code(for: "page: partners/beta.md", in: ledger)
        site.storage["config.yaml"] = Data(
            site.text(of: "config.yaml")!.replacingOccurrences(
                of: "theme: minimal\n", with: "theme: minimal\nqrErrorCorrection: Q\n"
            )
            .utf8)
        let page = "content/partners/alpha.md"
        site.storage[page] = Data(
            site.text(of: page)!.replacingOccurrences(of: "weight: 1\n", with: "weight: 1\nqrErrorCorrection: H\n").utf8
        )
        let result = try build(site)
        func svg(_ code: String) -> String? {
            result.files.first { $0.path == "Q/\(code)/qr.svg" }.map { String(decoding: $0.contents, as: UTF8.self) }
        }
        let base = "https://consortium.example.eu/"
        let expected: [(String, QRCode.ErrorCorrection)] = [(alpha, .high), (beta, .quartile)]
        for (code, level) in expected {
            let link = ShortLinkWriter.link(code, baseURL: base)
            let want = try #require(QRCode(link, errorCorrection: level)).svg(title: "QR code: \(link)")
            let medium = try #require(QRCode(link, errorCorrection: .medium)).svg(title: "QR code: \(link)")
            #expect(svg(code) == want)
            #expect(svg(code) != medium)
        }
        #expect(result.qrReport.contains("version 3-H"))
        #expect(result.qrReport.contains("-Q"))
    }

    @Test func pagesShowTheirShortLinkInCapitals() {
        #expect(
            ShortLinkWriter.link("7K2", baseURL: "https://interact-europe.org/") == "HTTPS://INTERACT-EUROPE.ORG/Q/7K2")
        #expect(ShortLinkWriter.text("7K2", baseURL: "https://interact-europe.org/") == "interact-europe.org/Q/7K2")
    }

    @Test func codesAvoidLookAlikeCharacters() {
        for character in "0O1IL2Z5S8B" { #expect(!ShortLinkLedger.alphabet.contains(character)) }
    }

    @Test func everyPrintedCodeScansBackToItsShortLink() throws {
        let result = try build(try recordedSite())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qr-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let codes = result.files.filter { $0.path.hasSuffix("/qr.svg") }
        #expect(codes.count > 5)
        for file in codes {
            let code = file.path.split(separator: "/")[1]
            let svg = folder.appendingPathComponent("\(code).svg")
            let png = folder.appendingPathComponent("\(code).png")
            try file.contents.write(to: svg)
            _ = try run(["rsvg-convert", "-w", "300", "-o", png.path, svg.path])
            let decoded = try run(["zbarimg", "--raw", "-q", "--nodbus", png.path])
            #expect(
                decoded.trimmingCharacters(in: .newlines)
                    == ShortLinkWriter.link(String(code), baseURL: "https://consortium.example.eu/"))
        }
    }

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
}

@Suite struct DraftShortLinkTests {
    /// `build --drafts` gave a draft a code and wrote it to the ledger; the next plain build then
    /// failed ("The QR code … leads to …, which no longer exists"). A draft exists either way.
    @Test func aDraftNeverBreaksABuild() throws {
        var site = try ShortLinkTests().recordedSite()
        site.storage["content/zeta.md"] = Data("---\ntitle: Zeta\ndraft: true\n---\nSoon.\n".utf8)
        let withDrafts = try SiteBuilder(context: Fixtures.context(site, drafts: true)).build()
        #expect(withDrafts.ledgerUpdate == nil, "a draft was given a printed code")
        _ = try SiteBuilder(context: Fixtures.context(site)).build()

        // A published page with a code that goes back to being a draft keeps its code.
        site.storage["content/zeta.md"] = Data("---\ntitle: Zeta\n---\nPublished.\n".utf8)
        let published = try SiteBuilder(context: Fixtures.context(site)).build()
        site.storage[ShortLinkLedger.file] = Data(try #require(published.ledgerUpdate).utf8)
        site.storage["content/zeta.md"] = Data("---\ntitle: Zeta\ndraft: true\n---\nBack to draft.\n".utf8)
        let plain = try SiteBuilder(context: Fixtures.context(site)).build()
        #expect(plain.ledgerUpdate == nil)
        _ = try SiteBuilder(context: Fixtures.context(site, drafts: true)).build()
    }
}
