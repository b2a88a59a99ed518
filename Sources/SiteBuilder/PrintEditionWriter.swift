import ContentModel
import Foundation
import QRCodes
import SiteCore
import SiteOutput
import Templating

/// The `print editions` step (issue 18): every section whose `_index.md` says `book: true` (the
/// Blueprint, the curriculum) becomes, in each language its `_index` is written in, one document
/// at `/<lang>/<section>/print/` (theme template `print-edition`) and, when a `PDFMaking` is given,
/// its PDF `/<lang>/<section>/<project>-<section>-<lang>.pdf`.
///
/// It runs before pages are rendered because the book's section page offers the PDF with its
/// number of pages and size, which only the made PDF knows. Chapters are the section's pages in
/// listing (weight) order, each as the reader of that language sees it: a page not translated yet
/// is printed in its own language and marked so. Print editions are not pages of the site graph,
/// so the sitemap and search leave them out.
struct PrintEditionWriter {
    let graph: SiteGraph
    let pages: PageModels
    let now: Date
    let source: any FileSystem
    let maker: (any PDFMaking)?
    /// Only these books (section folders or their last part, `blueprint`) and languages; nil: all.
    var onlySections: Set<String>?
    var onlyLanguages: Set<String>?

    /// The theme template a print edition is rendered with.
    static let template = "print-edition"

    /// What the step made: the files, and what each book's section page links to (by page index).
    struct Made {
        var files: [OutputFile] = []
        var links: [Int: PrintEditionLink] = [:]
    }

    /// One book in one language.
    private struct Edition {
        var section: Int
        var context: PageContext
        var outputPath: String
        var pdfPath: String
    }

    func write(diagnostics: inout DiagnosticList) -> Made {
        var made = Made()
        let books = graph.sectionDirectories.filter { directory in
            let name = RelativePath.lastComponent(of: directory)
            return !directory.isEmpty && isBook(directory)
                && (onlySections.map { $0.contains(directory) || $0.contains(name) } ?? true)
        }
        guard !books.isEmpty else { return made }
        guard graph.theme.hasTemplate(Self.template) else {
            diagnostics.append(
                .warning(
                    "The theme has no `\(Self.template)` template, so the books (\(books.joined(separator: ", "))) get no print edition.",
                    at: SourcePosition(file: "themes/\(graph.theme.name)/layouts"),
                    hint: "Add layouts/\(Self.template).mustache (see docs/templates.md), or remove `book: true`.",
                    stage: .render))
            return made
        }
        var editions: [Edition] = []
        for directory in books {
            editions += self.editions(of: directory, diagnostics: &diagnostics)
        }
        for edition in editions {
            made.links[edition.section] = PrintEditionLink(url: "/" + edition.outputPath.dropLast("index.html".count))
        }
        let results = pdfs(of: editions, diagnostics: &diagnostics)
        for (offset, edition) in editions.enumerated() {
            var context = edition.context
            if let result = results[offset] {
                let pdfURL = "/" + edition.pdfPath
                context.printEdition?.pdfURL = pdfURL
                made.files.append(OutputFile(path: edition.pdfPath, contents: result.contents))
                made.links[edition.section]?.pdfURL = pdfURL
                made.links[edition.section]?.pdfLabel = label(of: result, language: context.language.code)
            }
            made.files.append(
                OutputFile(path: edition.outputPath, text: graph.theme.render(context, template: Self.template) ?? ""))
        }
        return made
    }

    /// Whether a section is a book: `book: true` in its `_index` in any language (a translation
    /// need not repeat it).
    func isBook(_ directory: String) -> Bool {
        graph.translations(of: .section(directory)).contains { Self.saysBook(graph.pages[$0]) }
    }

    private static func saysBook(_ page: SitePage) -> Bool {
        page.source?.frontMatter.book == true
    }

    /// The book in every language whose `_index` is written in it (a section shown untranslated
    /// is the default language's book, already printed in that language).
    private func editions(of directory: String, diagnostics: inout DiagnosticList) -> [Edition] {
        let sections = graph.translations(of: .section(directory)).filter {
            !graph.pages[$0].isFallback && (onlyLanguages?.contains(graph.pages[$0].language) ?? true)
        }
        guard let first = sections.first else { return [] }
        let chaptersByLanguage = sections.map { graph.listedPages(in: directory, language: graph.pages[$0].language) }
        if chaptersByLanguage.allSatisfy(\.isEmpty) {
            let path = graph.pages[first].source?.path ?? "content/\(directory)/_index.md"
            let position = graph.pages[first].source?.frontMatter.fields.positionOfKey("book")
            diagnostics.append(
                .warning(
                    "The book `\(directory)` has no chapters, so its print edition and PDF are not made.",
                    at: position ?? SourcePosition(file: path),
                    hint:
                        "Add pages to content/\(directory)/ (each is a chapter, in weight order), or remove `book: true`.",
                    stage: .render))
            return []
        }
        // A page of the book's own called `print` would be published where the print edition is.
        let taken = Set(graph.pages.map(\.outputPath))
        return zip(sections, chaptersByLanguage).compactMap { section, chapters in
            let made = edition(section: section, chapters: chapters, directory: directory)
            guard taken.contains(made.outputPath) else { return made }
            diagnostics.append(
                .warning(
                    "/\(made.outputPath) is a page of the site, so the book `\(directory)` gets no print edition there.",
                    at: SourcePosition(file: graph.pages[section].source?.path ?? "content/\(directory)/_index.md"),
                    hint: "Give that page another slug: the print edition of a book is always at <section>/print/.",
                    stage: .render))
            return nil
        }
    }

    private func edition(section: Int, chapters: [Int], directory: String) -> Edition {
        let page = graph.pages[section]
        let language = page.language
        let folder = String(page.outputPath.dropLast("index.html".count))
        let outputPath = folder + "print/index.html"
        let name = RelativePath.lastComponent(of: directory)
        let pdfPath = folder + "\(Self.slug(graph.config.title))-\(name)-\(language).pdf"
        // Every language's address of each chapter and of the book itself: a chapter printed
        // untranslated links to the other chapters in its own language.
        var anchors: [String: String] = [:]
        for (number, chapter) in chapters.enumerated() {
            for translation in graph.translations(of: graph.pages[chapter].group) {
                anchors[graph.pages[translation].url] = "chapter-\(number + 1)"
            }
        }
        for translation in graph.translations(of: page.group) { anchors[graph.pages[translation].url] = "contents" }
        let printed = chapters.enumerated().map { number, offset in
            chapter(offset, number: number + 1, language: language, anchors: anchors)
        }
        let day = Self.day(of: now)
        let info = PrintEditionInfo(
            title: page.title, project: graph.config.title,
            editionDate: DateLabels(languages: graph.config.languages).label(day, language: language) ?? day.iso,
            editionDateISO: day.iso, webURL: pages.permalink(page.url), chapters: printed)
        var context = pages.pageContext(for: section)
        context.page.kind = Self.template
        context.page.url = "/" + outputPath.dropLast("index.html".count)
        context.page.permalink = pages.permalink(context.page.url)
        context.page.printEditionURL = context.page.url
        context.printEdition = info
        return Edition(section: section, context: context, outputPath: outputPath, pdfPath: pdfPath)
    }

    /// A chapter's text made for paper: heading levels one down (the chapter's title is the `h2`
    /// under the book's `h1`), ids prefixed with the chapter's (two chapters may both have a
    /// "Recommendations" heading), links to other chapters turned into links inside the document,
    /// links to pages outside the book turned into their full web address (printed after the link).
    private func chapter(_ offset: Int, number: Int, language: String, anchors: [String: String]) -> PrintChapter {
        let page = graph.pages[offset]
        let id = "chapter-\(number)"
        let document = page.source.flatMap { graph.documents[$0.path] }
        var html =
            document?.renderHTML(rewrite: { link in
                let resolved = page.linkRewrites[link.index] ?? link.destination
                guard link.kind == .link else { return resolved }
                return destination(resolved, chapter: id, anchors: anchors)
            }) ?? ""
        html = html.replacingOccurrences(of: " id=\"", with: " id=\"\(id)-")
        for level in (2...5).reversed() {
            html = html.replacingOccurrences(of: "<h\(level)", with: "<h\(level + 1)")
                .replacingOccurrences(of: "</h\(level)>", with: "</h\(level + 1)>")
        }
        var chapter = PrintChapter(
            number: number, title: page.title, lang: page.contentLanguage,
            languageName: pages.languageNames.name(of: page.contentLanguage, in: language),
            isFallback: page.contentLanguage != language, content: html, webURL: pages.permalink(page.url))
        if let code = graph.shortCodes[page.group] {
            let link = ShortLinkWriter.link(code, baseURL: graph.config.baseURL)
            chapter.shortLink = link
            chapter.shortLinkText = ShortLinkWriter.text(code, baseURL: graph.config.baseURL)
            let level = graph.qrErrorCorrection[page.group] ?? graph.config.qrErrorCorrection
            chapter.qrSVG = QRCode(link, errorCorrection: QRCode.ErrorCorrection(rawValue: level.rawValue) ?? .medium)?
                .svg(title: chapter.shortLinkText ?? link)
        }
        return chapter
    }

    /// Where a link in a chapter leads in print (see `chapter`).
    private func destination(_ resolved: String, chapter: String, anchors: [String: String]) -> String {
        if resolved.hasPrefix("#") { return "#\(chapter)-\(resolved.dropFirst())" }
        guard resolved.hasPrefix("/") else { return resolved }
        let parts = resolved.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard let anchor = anchors[path] else { return pages.permalink(resolved) }
        if parts.count > 1, anchor != "contents" { return "#\(anchor)-\(parts[1])" }
        return "#\(anchor)"
    }

    /// Every edition's PDF (nil where none was made), in one call of the maker.
    private func pdfs(of editions: [Edition], diagnostics: inout DiagnosticList) -> [PDFResult?] {
        guard let maker, !editions.isEmpty else { return editions.map { _ in nil } }
        var files: [String: Data] = [:]
        for (output, path) in graph.theme.staticFiles { files[output] = source.contents(of: path) }
        for asset in graph.assets { files[asset] = source.contents(of: ContentPaths.folder + "/" + asset) }
        for edition in editions {
            files[edition.outputPath] = Data((graph.theme.render(edition.context, template: Self.template) ?? "").utf8)
        }
        do {
            let results = try maker.makePDFs(
                editions.map { PDFJob(page: $0.outputPath) }, files: files, baseURL: graph.config.baseURL)
            for (edition, result) in zip(editions, results) where !result.missing.isEmpty {
                let path = graph.pages[edition.section].source?.path ?? edition.outputPath
                diagnostics.append(
                    .warning(
                        "The PDF /\(edition.pdfPath) lacks \(result.missing.joined(separator: ", ")): the site has no such file.",
                        at: SourcePosition(file: path),
                        hint: "Add the file for this language, or link one that exists in every language.",
                        stage: .render))
            }
            return results.map { $0 }
        } catch {
            let failure = error as? WeasyPrintFailure
            diagnostics.append(
                .warning(
                    "The books' PDFs were not made: \(error)",
                    at: SourcePosition(file: graph.pages[editions[0].section].source?.path ?? "content"),
                    hint: failure?.hint ?? "Run `interact-site pdf` to see WeasyPrint's messages.", stage: .render))
            return editions.map { _ in nil }
        }
    }

    /// "Download PDF (24 pages, 0.6 MB)" in the reader's language.
    private func label(of result: PDFResult, language: String) -> String {
        let i18n = graph.theme.i18n
        let locale = Locale(identifier: graph.config.language(language)?.locale ?? language)
        // A small book says 0.1 MB rather than 0.0 MB: a reader is told what it costs, at least.
        let megabytes = max(0.1, Double(result.contents.count) / 1_000_000).formatted(
            .number.precision(.fractionLength(1)).locale(locale))
        return i18n.text(
            "downloadPDF", language: language,
            [
                "pages": i18n.plural("pageCount", count: result.pageCount, language: language),
                "megabytes": megabytes,
            ])
    }

    /// The day of `date` in UTC: the edition date (the build's clock, `SOURCE_DATE_EPOCH` when set).
    static func day(of date: Date) -> PageDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let text = String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
        return PageDate(text)!
    }

    /// The project's name in a file name: `INTERACT-EUROPE` → `interact-europe`.
    static func slug(_ title: String) -> String {
        let latin = title.applyingTransform(StringTransform("Any-Latin; Latin-ASCII; Lower"), reverse: false) ?? title
        return latin.split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
    }
}

/// What a book's section page links to: its print edition, and its PDF when one was made.
struct PrintEditionLink: Sendable, Hashable {
    var url: String
    var pdfURL: String?
    var pdfLabel: String?
}
