import Foundation
import SiteBuilder
import SiteCore
import SiteOutput
import Testing

/// A book's print edition and PDF (issue 18), on the `book` fixture with a stand-in for WeasyPrint:
/// what goes to the PDF maker, what comes back onto the section page, links made for paper, and the
/// warnings where a reader would lose something. The real PDFs are checked by `make print-check`.
@Suite struct PrintEditionTests {
    /// Answers every job with the same three pages; can report a missing file or fail.
    final class FakePDFMaker: PDFMaking, @unchecked Sendable {
        var missing: [String] = []
        var fails = false
        private(set) var jobs: [PDFJob] = []
        private(set) var files: [String: Data] = [:]

        func makePDFs(_ jobs: [PDFJob], files: [String: Data], baseURL: String) throws -> [PDFResult] {
            if fails { throw WeasyPrintFailure(message: "stand-in failure") }
            self.jobs = jobs
            self.files = files
            return jobs.map { _ in
                PDFResult(contents: Data(repeating: 0x25, count: 640_000), pageCount: 3, missing: missing)
            }
        }
    }

    func build(_ site: InMemoryFileSystem, maker: FakePDFMaker?) throws -> BuildResult {
        var context = Fixtures.context(site)
        context.pdfMaker = maker
        return try SiteBuilder(context: context).build()
    }

    func text(_ result: BuildResult, _ path: String) throws -> String {
        let file = try #require(result.files.first { $0.path == path }, "no \(path)")
        return String(decoding: file.contents, as: UTF8.self)
    }

    @Test func theSectionPageOffersThePDFWithItsPagesAndSize() throws {
        let maker = FakePDFMaker()
        let result = try build(Fixtures.fileSystem("sites/book"), maker: maker)
        #expect(maker.jobs.map(\.page) == ["en/handbook/print/index.html", "fr/handbook/print/index.html"])
        #expect(maker.files["en/handbook/print/index.html"] != nil)
        let pdf = try #require(result.files.first { $0.path == "en/handbook/consortium-project-handbook-en.pdf" })
        #expect(pdf.contents.count == 640_000)
        let section = try text(result, "en/handbook/index.html")
        #expect(section.contains("<a href=\"/en/handbook/print/\">Print edition</a>"))
        #expect(
            section.contains(
                "<a href=\"/en/handbook/consortium-project-handbook-en.pdf\">Download PDF (3 pages, 0.6 MB)</a>"))
        #expect(
            try text(result, "en/handbook/print/index.html").contains("/en/handbook/consortium-project-handbook-en.pdf")
        )
        #expect(result.warnings.isEmpty)
    }

    @Test func linksAreMadeForPaper() throws {
        let result = try build(Fixtures.fileSystem("sites/book"), maker: nil)
        let english = try text(result, "en/handbook/print/index.html")
        // Another chapter, and a heading in it: inside the document.
        #expect(english.contains("<a href=\"#chapter-2-who-may-share\">about sharing</a>"))
        #expect(english.contains("id=\"chapter-2-who-may-share\""))
        // A heading of the same chapter, with ids unique across chapters.
        #expect(english.contains("<a href=\"#chapter-1-recommendations\">"))
        #expect(english.contains("<h3 id=\"chapter-1-recommendations\">"))
        #expect(english.contains("<h3 id=\"chapter-2-recommendations\">"))
        // Outside the book: the whole web address; outside the site: as written.
        #expect(english.contains("<a href=\"https://consortium.example.eu/en/news/\">news</a>"))
        #expect(english.contains("<a href=\"https://rules.example.org/\">"))
        #expect(english.contains("<a href=\"#chapter-1\">setting up</a>"))
        // Without a PDF maker: the print edition, and no PDF.
        #expect(!result.files.contains { $0.path.hasSuffix(".pdf") })
        #expect(!(try text(result, "en/handbook/index.html")).contains("Download PDF"))
    }

    @Test func anUntranslatedChapterIsPrintedInItsLanguageAndMarked() throws {
        let result = try build(Fixtures.fileSystem("sites/book"), maker: nil)
        let french = try text(result, "fr/handbook/print/index.html")
        #expect(french.contains("<html lang=\"fr\">"))
        #expect(french.contains("<li><a href=\"#chapter-2\" hreflang=\"en\">2 Sharing</a> (anglais)</li>"))
        #expect(french.contains("<section id=\"chapter-2\" lang=\"en\">"))
        // Its link to a chapter that is translated leads to that chapter in this edition.
        #expect(french.contains("<a href=\"#chapter-1\">setting up</a>"))
        #expect(french.contains("<li><a href=\"#chapter-1\">1 Mise en place</a></li>"))
    }

    @Test func printEditionsStayOutOfTheSitemapAndSearch() throws {
        let result = try build(Fixtures.fileSystem("sites/book"), maker: nil)
        #expect(!(try text(result, "sitemap.xml")).contains("/print/"))
        for file in result.files where file.path.contains("/search/") {
            #expect(!String(decoding: file.contents, as: UTF8.self).contains("/print/"), "\(file.path)")
        }
    }

    @Test func aMissingFileIsAWarning() throws {
        let maker = FakePDFMaker()
        maker.missing = ["/handbook/diagram.png"]
        let result = try build(Fixtures.fileSystem("sites/book"), maker: maker)
        let warnings = result.warnings.map(\.description)
        #expect(warnings.count == 2)
        #expect(
            warnings.contains(
                "content/handbook/_index.md:1:1: warning: The PDF /en/handbook/consortium-project-handbook-en.pdf lacks /handbook/diagram.png: the site has no such file.\n    hint: Add the file for this language, or link one that exists in every language."
            ))
    }

    @Test func aFailingPDFMakerLeavesTheSiteBuilt() throws {
        let maker = FakePDFMaker()
        maker.fails = true
        let result = try build(Fixtures.fileSystem("sites/book"), maker: maker)
        #expect(result.files.contains { $0.path == "en/handbook/print/index.html" })
        #expect(!result.files.contains { $0.path.hasSuffix(".pdf") })
        #expect(result.warnings.map(\.description).contains { $0.contains("PDFs were not made: stand-in failure") })
    }

    @Test func withoutWeasyPrintTheBuildWarnsOnceWithTheWayToInstallIt() throws {
        var context = Fixtures.context(Fixtures.fileSystem("sites/book"))
        context.pdfMaker = WeasyPrintWhenNeeded(environment: ["PATH": "/nonexistent"], cacheFolder: nil)
        let result = try SiteBuilder(context: context).build()
        let warnings = result.warnings.map(\.description)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("WeasyPrint is not installed, so the books' PDFs are skipped.") == true)
        #expect(warnings.first?.contains("hint: Install WeasyPrint with `make deps`") == true)
        #expect(result.files.contains { $0.path == "fr/handbook/print/index.html" })
    }

    @Test func aChapterAtThePrintEditionsAddressKeepsIt() throws {
        var site = Fixtures.fileSystem("sites/book")
        site.storage["content/handbook/print.md"] = Data(
            "---\ntitle: Printing\nweight: 30\n---\n\nHow to print.\n".utf8)
        let result = try build(site, maker: nil)
        #expect(try text(result, "en/handbook/print/index.html").contains("How to print."))
        #expect(
            result.warnings.map(\.description).contains {
                $0.hasPrefix(
                    "content/handbook/_index.md:1:1: warning: /en/handbook/print/index.html is a page of the site")
            })
    }

    @Test func aBookWithoutChaptersIsAWarning() throws {
        var site = Fixtures.fileSystem("sites/book")
        for path in site.storage.keys where path.hasPrefix("content/handbook/") && !path.contains("_index") {
            site.storage[path] = nil
        }
        let result = try build(site, maker: FakePDFMaker())
        #expect(
            result.warnings.map(\.description) == [
                "content/handbook/_index.md:4:1: warning: The book `handbook` has no chapters, so its print edition and PDF are not made.\n    hint: Add pages to content/handbook/ (each is a chapter, in weight order), or remove `book: true`."
            ])
        #expect(!result.files.contains { $0.path.contains("/print/") })
    }

    @Test func theEditionDateComesFromTheBuildsClock() throws {
        let result = try build(Fixtures.fileSystem("sites/book"), maker: nil)
        #expect(try text(result, "en/handbook/print/index.html").contains("<time datetime=\"2024-06-01\">"))
    }
}
