import Foundation
import MarkdownRendering
import SiteOutput
import ContentModel
import SiteCore

/// Builds a site: load → validate → render → index (feeds, calendars, sitemap, redirects, assets).
/// Writing is separate (`OutputWriter`) so that `check` and tests can stop before the disk.
public struct SiteBuilder: Sendable {
    let context: BuildContext

    public init(context: BuildContext) {
        self.context = context
    }

    /// Every stage up to validation: what `check` needs. Throws when anything is an error.
    public func validate() throws(BuildFailure) -> (SiteGraph, DiagnosticList) {
        try validate(parsed: [:])
    }

    /// `validate()` for a build that will not be asked to rebuild: the Markdown text is let go
    /// once parsed.
    func validateOnce() throws(BuildFailure) -> (SiteGraph, DiagnosticList) {
        try validate(parsed: [:], keepingMarkdown: false)
    }

    /// `validate()`, reusing Markdown an earlier build parsed when the body is unchanged.
    func validate(
        parsed: [String: (body: String, document: MarkdownDocument)], keepingMarkdown: Bool = true
    ) throws(BuildFailure) -> (
        SiteGraph, DiagnosticList
    ) {
        let (graph, diagnostics) = try assemble(parsed: parsed, keepingMarkdown: keepingMarkdown)
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.sorted) }
        return (graph, diagnostics)
    }

    /// Every stage up to validation, going on past content errors: the site as far as it could be
    /// read, with every diagnostic (for reports such as the translation status). Throws only when
    /// nothing can be shown: configuration errors.
    public func assemble() throws(BuildFailure) -> (SiteGraph, DiagnosticList) {
        try assemble(parsed: [:], keepingMarkdown: true)
    }

    private func assemble(
        parsed: [String: (body: String, document: MarkdownDocument)], keepingMarkdown: Bool
    ) throws(BuildFailure) -> (SiteGraph, DiagnosticList) {
        var clock = StageClock(logger: context.logger)
        let loaded = try ContentLoader(context: context).load()
        clock.lap("load")
        var diagnostics = loaded.diagnostics
        // Handed over, not shared: the assembler lets each page's text go once it is parsed.
        var assembler = SiteAssembler(loaded: consume loaded, parsed: parsed)
        assembler.threads = context.threads
        assembler.logger = context.logger
        assembler.keepsMarkdown = keepingMarkdown
        let (graph, found) = assembler.assemble()
        clock.lap("assemble")
        diagnostics.append(contentsOf: found.items)
        _ = TranslationStatus.of(graph, warnings: &diagnostics)
        clock.lap("translation status")
        return (graph, diagnostics)
    }

    /// The whole site in memory, or every problem that prevents it.
    public func build() throws(BuildFailure) -> BuildResult {
        try build(into: nil)
    }

    /// The whole site; with an `output`, each stage's files are handed to it as soon as they are
    /// made (written while later stages run, and not kept: `BuildResult.files` is then empty).
    /// After a failure the caller discards the output.
    public func build(into output: StagedOutput?) throws(BuildFailure) -> BuildResult {
        var clock = StageClock(logger: context.logger)
        let (graph, diagnostics) = try validateOnce()
        clock.lap("load and validate")
        return try produce(graph, diagnostics: diagnostics, reusing: nil, remember: false, into: output, clock: &clock)
            .result
    }

    /// Render → index for a validated graph, re-rendering only pages whose template model changed
    /// since `earlier`.
    func produce(
        _ graph: SiteGraph, diagnostics: DiagnosticList, reusing earlier: PageRenderer.RenderCache?,
        remember: Bool = true
    ) throws(BuildFailure) -> (result: BuildResult, cache: PageRenderer.RenderCache) {
        var clock = StageClock(logger: nil)
        return try produce(
            graph, diagnostics: diagnostics, reusing: earlier, remember: remember, into: nil, clock: &clock)
    }

    private func produce(
        _ graph: SiteGraph, diagnostics: DiagnosticList, reusing earlier: PageRenderer.RenderCache?,
        remember: Bool, into output: StagedOutput?, clock: inout StageClock
    ) throws(BuildFailure) -> (result: BuildResult, cache: PageRenderer.RenderCache) {
        var diagnostics = diagnostics
        var kept: [OutputFile] = []
        func emit(_ files: [OutputFile]) {
            if let output { output.add(files) } else { kept += files }
        }
        let progress = context.progress
        var renderer = PageRenderer(graph: graph)
        renderer.threads = context.threads
        var stream: (@Sendable ([OutputFile]) -> Void)?
        if let output { stream = { output.add($0) } }
        let (pageFiles, renderDiagnostics, cache) = renderer.render(
            reusing: earlier, remember: remember,
            progress: { done, total in progress?(BuildProgress(stage: .render, completed: done, total: total)) },
            emit: stream)
        diagnostics.append(contentsOf: renderDiagnostics.items)
        emit(pageFiles)
        // A one-off build renders each page once: the Markdown's HTML can go before the index
        // is built. (The live preview keeps it to render edited pages' neighbours again.)
        if !remember {
            for document in graph.documents.values { document.releaseHTML() }
            FreedMemory.returnToSystem()
        }
        clock.lap("render pages")
        let pages = renderer
        // Four independent writers, side by side.
        let now = context.now
        emit(
            ParallelMap.chunks(count: 4, threads: context.threads, perCore: 2) { range in
                range.flatMap { writer -> [OutputFile] in
                    switch writer {
                    case 0: SupportPageRenderer(graph: graph, pages: pages).render()
                    case 1: FeedWriter(graph: graph, pages: pages).write()
                    case 2: ICalendarWriter(graph: graph, pages: pages, now: now).write()
                    default: SitemapWriter(graph: graph, pages: pages).write()
                    }
                }
            })
        clock.lap("support pages, feeds, calendars, sitemap")
        let shortLinks = ShortLinkWriter(graph: graph, pages: renderer)
        let printedCodes = shortLinks.printedCodes()
        emit(shortLinks.write(printedCodes, emit: stream))
        clock.lap("QR codes, sheets and posters")
        emit(SearchIndexWriter(graph: graph).write(emit: stream))
        clock.lap("search index")
        emit(assets(of: graph, diagnostics: &diagnostics))
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.sorted) }
        let tally = PageTally(graph: graph)
        let qrReport = shortLinks.report(printedCodes)
        clock.lap("assets and report")
        let result = BuildResult(
            files: kept.sorted { $0.path < $1.path }, fileCount: output?.fileCount ?? kept.count,
            warnings: diagnostics.sorted.filter { $0.severity == .warning },
            pages: tally,
            ledgerUpdate: graph.ledgerNotes.isEmpty ? nil : graph.ledger.text, ledgerNotes: graph.ledgerNotes,
            qrReport: qrReport)
        return (result, cache)
    }

    /// Theme and site static files, then content assets; a file that would replace a generated
    /// page is an error.
    private func assets(of graph: SiteGraph, diagnostics: inout DiagnosticList) -> [OutputFile] {
        var generated = Set(graph.pages.map(\.outputPath))
        var files: [OutputFile] = []
        var sources: [(output: String, source: String)] = graph.theme.staticFiles.sorted { $0.key < $1.key }.map {
            (output: $0.key, source: $0.value)
        }
        sources += graph.assets.sorted().map { (output: $0, source: ContentPaths.folder + "/" + $0) }
        for (output, source) in sources {
            guard generated.insert(output).inserted else {
                diagnostics.append(
                    .error(
                        "\(source) would be published at /\(output), where another file is already generated.",
                        at: SourcePosition(file: source), hint: "Rename or move the file.", stage: .render))
                continue
            }
            if let data = context.source.contents(of: source) { files.append(OutputFile(path: output, contents: data)) }
        }
        return files
    }
}

/// A built site held in memory: the files to write and what to tell the user.
public struct BuildResult: Sendable {
    /// Every file, sorted by path; empty when the build streamed them to a `StagedOutput`.
    public var files: [OutputFile]
    /// How many files the site has (also when they were streamed).
    public var fileCount: Int
    public var warnings: [Diagnostic]
    /// Pages made in each language (untranslated stand-ins not counted), in config order.
    public var pages: PageTally
    public var pagesPerLanguage: [(String, Int)] { pages.entries.map { ($0.language, $0.pages) } }
    /// The new text of `content/_qr.yaml` when this build gave new pages their codes; the caller
    /// writes it (the build itself only writes the output folder).
    public var ledgerUpdate: String?
    /// What changed in the ledger, a sentence each.
    public var ledgerNotes: [String] = []
    /// The QR codes' versions and minimum printed sizes, a line for the summary.
    public var qrReport: String = ""
}
