import Foundation
import MarkdownRendering
import SiteCore

/// Builds a site: load → validate → render → index (feeds, sitemap, redirects, assets).
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

    /// `validate()`, reusing Markdown an earlier build parsed when the body is unchanged.
    func validate(
        parsed: [String: (body: String, document: MarkdownDocument)]
    ) throws(BuildFailure) -> (
        SiteGraph, DiagnosticList
    ) {
        var clock = ContinuousClock.now
        func lap(_ stage: String) {
            context.logger.debug("\(stage): \(ContinuousClock.now - clock)")
            clock = ContinuousClock.now
        }
        let loaded = try ContentLoader(context: context).load()
        lap("load")
        var diagnostics = loaded.diagnostics
        var assembler = SiteAssembler(loaded: loaded, parsed: parsed)
        assembler.threads = context.threads
        assembler.logger = context.logger
        let (graph, found) = assembler.assemble()
        lap("assemble")
        diagnostics.append(contentsOf: found.items)
        _ = TranslationStatus.of(graph, warnings: &diagnostics)
        lap("translation status")
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.sorted) }
        return (graph, diagnostics)
    }

    /// The whole site in memory, or every problem that prevents it.
    public func build() throws(BuildFailure) -> BuildResult {
        let logger = context.logger
        var clock = ContinuousClock.now
        func lap(_ stage: String) {
            logger.debug("\(stage): \(ContinuousClock.now - clock)")
            clock = ContinuousClock.now
        }
        let (graph, diagnostics) = try validate()
        lap("load and validate")
        return try produce(graph, diagnostics: diagnostics, lap: lap)
    }

    /// Render → index for a validated graph: the files of the whole site.
    func produce(
        _ graph: SiteGraph, diagnostics: DiagnosticList, lap: (String) -> Void = { _ in }
    ) throws(BuildFailure) -> BuildResult {
        try produce(graph, diagnostics: diagnostics, reusing: nil, remember: false, lap: lap).result
    }

    /// `produce`, re-rendering only pages whose template model changed since `earlier`.
    func produce(
        _ graph: SiteGraph, diagnostics: DiagnosticList, reusing earlier: PageRenderer.RenderCache?,
        remember: Bool = true, lap: (String) -> Void = { _ in }
    ) throws(BuildFailure) -> (result: BuildResult, cache: PageRenderer.RenderCache) {
        var diagnostics = diagnostics
        let progress = context.progress
        var renderer = PageRenderer(graph: graph)
        renderer.threads = context.threads
        let (pageFiles, renderDiagnostics, cache) = renderer.render(reusing: earlier, remember: remember) {
            done, total in
            progress?(BuildProgress(stage: .render, completed: done, total: total))
        }
        diagnostics.append(contentsOf: renderDiagnostics.items)
        lap("render pages")
        var files = pageFiles
        files += SupportPageRenderer(graph: graph, pages: renderer).render()
        files += FeedWriter(graph: graph, pages: renderer).write()
        files += SitemapWriter(graph: graph, pages: renderer).write()
        lap("support pages, feeds, sitemap")
        let shortLinks = ShortLinkWriter(graph: graph, pages: renderer)
        let printedCodes = shortLinks.printedCodes()
        files += shortLinks.write(printedCodes)
        lap("QR codes, sheets and posters")
        files += SearchIndexWriter(graph: graph).write()
        lap("search index")
        files += assets(of: graph, diagnostics: &diagnostics)
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.sorted) }
        var pagesPerLanguage: [(String, Int)] = []
        for language in graph.config.languages {
            pagesPerLanguage.append(
                (language.code, graph.pages.filter { $0.language == language.code && !$0.isFallback }.count))
        }
        let qrReport = shortLinks.report(printedCodes)
        let sorted = files.sorted { $0.path < $1.path }
        lap("assets and report")
        let result = BuildResult(
            files: sorted, warnings: diagnostics.sorted.filter { $0.severity == .warning },
            pagesPerLanguage: pagesPerLanguage,
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
        sources += graph.assets.sorted().map { (output: $0, source: ContentLoader.contentFolder + "/" + $0) }
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
    public var files: [OutputFile]
    public var warnings: [Diagnostic]
    /// Pages written in each language (untranslated stand-ins not counted), in config order.
    public var pagesPerLanguage: [(String, Int)]
    /// The new text of `content/_qr.yaml` when this build gave new pages their codes; the caller
    /// writes it (the build itself only writes the output folder).
    public var ledgerUpdate: String?
    /// What changed in the ledger, a sentence each.
    public var ledgerNotes: [String] = []
    /// The QR codes' versions and minimum printed sizes, a line for the summary.
    public var qrReport: String = ""
}
