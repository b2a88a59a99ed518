import ContentModel
import Foundation
import MarkdownRendering
import SiteCore
import SiteOutput

/// Builds a site. The stage list is `model` (load and validate: what `check` runs) then
/// `produce` (render and index), one line per `BuildStep`; docs/architecture.md describes each.
/// Writing is the caller's (`StagedOutput`), so that `check` and tests can stop before the disk.
public struct SiteBuilder: Sendable {
    let context: BuildContext

    public init(context: BuildContext) {
        self.context = context
    }

    /// Every stage up to validation: what `check` needs. Throws when anything is an error.
    public func validate() throws(BuildFailure) -> (SiteGraph, DiagnosticList) {
        try validate(parsed: [:])
    }

    /// `validate()`, reusing Markdown an earlier build parsed when the body is unchanged; without
    /// `keepingMarkdown` (a build that will not be asked to rebuild) the text is let go once parsed.
    func validate(
        parsed: [String: (body: String, document: MarkdownDocument)], keepingMarkdown: Bool = true
    ) throws(BuildFailure) -> (SiteGraph, DiagnosticList) {
        var run = StageRun(logger: context.logger)
        return try validate(parsed: parsed, keepingMarkdown: keepingMarkdown, run: &run)
    }

    private func validate(
        parsed: [String: (body: String, document: MarkdownDocument)], keepingMarkdown: Bool,
        markdownCache: MarkdownCache? = nil, run: inout StageRun
    ) throws(BuildFailure) -> (SiteGraph, DiagnosticList) {
        let (graph, diagnostics) = try model(
            parsed: parsed, keepingMarkdown: keepingMarkdown, markdownCache: markdownCache, run: &run)
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.sorted) }
        return (graph, diagnostics)
    }

    /// The books' PDFs alone (`interact-site pdf`): the validating stages, then the print editions
    /// of the books in `sections` (folders, or their last part: `blueprint`) and `languages`, nil
    /// meaning all. Needs `context.pdfMaker`; the files are the PDFs, by their path in the site.
    public func printEditions(
        sections: Set<String>? = nil, languages: Set<String>? = nil
    ) throws(BuildFailure) -> (pdfs: [OutputFile], diagnostics: DiagnosticList) {
        var run = StageRun(logger: context.logger)
        let (graph, validated) = try validate(parsed: [:], keepingMarkdown: true, run: &run)
        var found = validated
        var writer = PrintEditionWriter(
            graph: graph, pages: PageModels(graph: graph), now: context.now, source: context.source,
            maker: context.pdfMaker)
        writer.onlySections = sections
        writer.onlyLanguages = languages
        let made = run.step(.printEditions) { writer.write(diagnostics: &found) }
        return (made.files.filter { $0.path.hasSuffix(".pdf") }, found)
    }

    /// Every stage up to validation, going on past content errors: the site as far as it could be
    /// read, with every diagnostic (for reports such as the translation status). Throws only when
    /// nothing can be shown: configuration errors.
    public func assemble() throws(BuildFailure) -> (SiteGraph, DiagnosticList) {
        var run = StageRun(logger: context.logger)
        return try model(parsed: [:], keepingMarkdown: true, run: &run)
    }

    /// The validating stages: the site graph, and every problem found on the way.
    private func model(
        parsed: [String: (body: String, document: MarkdownDocument)], keepingMarkdown: Bool,
        markdownCache: MarkdownCache? = nil, run: inout StageRun
    ) throws(BuildFailure) -> (SiteGraph, DiagnosticList) {
        var loaded = try run.step(.load) { () throws(BuildFailure) in try ContentLoader(context: context).load() }
        var found = loaded.diagnostics
        let parsing = MarkdownParsing(
            threads: context.threads, keepsMarkdown: keepingMarkdown, earlier: parsed, cache: markdownCache)
        let documents = run.step(.parse) { parsing.parse(&loaded) }
        var graph = run.step(.address) {
            loaded.pages = PageAddressing.inheritingOrder(loaded.pages, defaultLanguage: loaded.config.defaultLanguage)
            return PageAddressing(loaded: loaded).graph(documents: documents, diagnostics: &found)
        }
        graph.today = PageDate.day(of: context.now)
        graph.figures = loaded.figures
        graph.bodyKeys = loaded.bodyKeys
        run.step(.fields) { FieldAssignment(loaded: loaded).assign(to: &graph, diagnostics: &found) }
        run.step(.aliases) { graph.aliases = AliasResolver(graph: graph).aliases(diagnostics: &found) }
        run.step(.layouts) { LayoutCheck(graph: graph).check(diagnostics: &found) }
        run.step(.links) { LinkResolver.resolve(in: &graph, threads: context.threads, diagnostics: &found) }
        run.step(.contentChecks) { ContentChecker(graph: graph).check(diagnostics: &found) }
        run.step(.images) {
            graph.images = ImageCheck(graph: graph, source: context.source, cacheFolder: context.imageCache)
                .plan(diagnostics: &found)
        }
        run.step(.shortLinks) { ShortLinkAssignment(loaded: loaded).assign(to: &graph, diagnostics: &found) }
        run.step(.translationStatus) { _ = TranslationStatus.of(graph, warnings: &found) }
        // The validating stages are exactly these, in this order (what `check` runs; see BuildStep).
        assert(run.steps.suffix(BuildStep.validating.count) == BuildStep.validating[...])
        return (graph, found)
    }

    /// The whole site in memory, or every problem that prevents it.
    public func build() throws(BuildFailure) -> BuildResult {
        try build(into: nil)
    }

    /// The whole site; with an `output`, each stage's files are handed to it as soon as they are
    /// made (written while later stages run, and not kept: `BuildResult.files` is then empty).
    /// After a failure the caller discards the output.
    public func build(into output: StagedOutput?) throws(BuildFailure) -> BuildResult {
        var run = StageRun(logger: context.logger)
        // The parsed Markdown is kept with the output's build cache (and, like its memo, not for
        // a build without a live site: a fresh checkout's build is usually the only one).
        let markdownCache = output.flatMap { output in
            output.usesBuildCache
                ? output.memoFile.map {
                    MarkdownCache(
                        file: $0.deletingLastPathComponent().appendingPathComponent("markdown.cache"),
                        generator: output.memo.generator)
                } : nil
        }
        // The site folder's files are named before they are read (`PageInputKeys`).
        let inputFiles = output.flatMap { output in
            markdownCache == nil
                ? nil
                : PageInputKeys.files(
                    context: context, outputFolder: Self.relativePath(of: output.destination, in: context.source))
        }
        let (graph, diagnostics) = try validate(
            parsed: [:], keepingMarkdown: false, markdownCache: markdownCache, run: &run)
        return try produce(
            graph, diagnostics: diagnostics, reusing: nil, remember: false, into: output, inputFiles: inputFiles,
            run: &run
        ).result
    }

    /// `folder` relative to the site folder, when it is below it (nil otherwise, or when the
    /// site is not on disk).
    private static func relativePath(of folder: URL, in source: any FileSystem) -> String? {
        guard let root = (source as? LocalFileSystem)?.root.standardizedFileURL.path else { return nil }
        let path = folder.standardizedFileURL.path
        return path.hasPrefix(root == "/" ? "/" : root + "/")
            ? String(path.dropFirst(root == "/" ? 1 : root.count + 1)) : nil
    }

    /// Render → index for a validated graph, re-rendering only pages whose template model changed
    /// since `earlier`.
    func produce(
        _ graph: SiteGraph, diagnostics: DiagnosticList, reusing earlier: PageRenderer.RenderCache?,
        remember: Bool = true
    ) throws(BuildFailure) -> (result: BuildResult, cache: PageRenderer.RenderCache) {
        var run = StageRun(logger: nil)
        return try produce(
            graph, diagnostics: diagnostics, reusing: earlier, remember: remember, into: nil, inputFiles: nil,
            run: &run)
    }

    /// The stages that make files.
    private func produce(
        _ graph: SiteGraph, diagnostics: DiagnosticList, reusing earlier: PageRenderer.RenderCache?,
        remember: Bool, into output: StagedOutput?, inputFiles: UInt64?, run: inout StageRun
    ) throws(BuildFailure) -> (result: BuildResult, cache: PageRenderer.RenderCache) {
        var found = diagnostics
        var kept: [OutputFile] = []
        func emit(_ files: [OutputFile]) {
            if let output { output.add(files) } else { kept += files }
        }
        var stream: (@Sendable ([OutputFile]) -> Void)?
        if let output { stream = { output.add($0) } }
        var renderer = PageRenderer(graph: graph)
        renderer.threads = context.threads
        let printed = run.step(.printEditions) {
            PrintEditionWriter(
                graph: graph, pages: renderer.models, now: context.now, source: context.source,
                maker: context.pdfMaker
            ).write(diagnostics: &found)
        }
        renderer.models.printEditions = printed.links
        emit(printed.files)
        // One for the build, so that the parts of models all pages share are hashed once.
        let rendering = CachedRendering(theme: graph.theme, output: output)
        // What each page is made from, when the parse step keyed the pages' texts (a build that
        // keeps a build cache).
        var inputs: PageInputKeys?
        let cache = run.step(.renderPages) {
            if rendering.output != nil, !graph.bodyKeys.isEmpty {
                inputs = PageInputKeys(files: inputFiles, graph: graph, bodies: graph.bodyKeys, context: context)
                inputs?.include(printEditions: printed.links)
            }
            return renderPages(
                &renderer, reusing: earlier, remember: remember, found: &found, stream: stream, emit: emit,
                rendering: rendering, inputs: inputs)
        }
        let pages = renderer.models
        run.step(.listings) {
            emit(
                SiteListings(
                    graph: graph, pages: pages, now: context.now, threads: context.threads, rendering: rendering
                ).files())
        }
        let shortLinks = ShortLinkWriter(
            graph: graph, pages: pages, threads: context.threads, rendering: rendering)
        let printedCodes = run.step(.qrCodes) {
            let codes = shortLinks.printedCodes()
            writeCodes(
                codes, with: shortLinks, stageKey: inputs?.key(forStage: "qr codes"), output: output, stream: stream,
                emit: emit)
            return codes
        }
        run.step(.searchIndex) {
            emit(SearchIndexWriter(graph: graph).write(emit: stream, output: output, inputs: inputs))
        }
        let images = run.step(.imageFiles) {
            ImagePipeline(
                graph: graph, source: context.source, cacheFolder: context.imageCache, threads: context.threads
            )
            .files(diagnostics: &found, emit: emit)
        }
        run.step(.assets) {
            let generated = output?.paths() ?? Set(kept.map(\.path))
            emit(AssetCopier(graph: graph, source: context.source, generated: generated).files(diagnostics: &found))
        }
        if found.hasErrors { throw BuildFailure(diagnostics: found.sorted) }
        let steps = run.steps + [.report]
        let result = run.step(.report) {
            BuildResult(
                files: kept.sorted { $0.path < $1.path }, fileCount: output?.fileCount ?? kept.count,
                warnings: found.sorted.filter { $0.severity == .warning },
                pages: PageTally(graph: graph),
                ledgerUpdate: graph.ledgerNotes.isEmpty ? nil : graph.ledger.text, ledgerNotes: graph.ledgerNotes,
                qrReport: shortLinks.report(printedCodes), imageReport: graph.images.summary(images), steps: steps)
        }
        return (result, cache)
    }

    /// The printed codes' pages, posters and sheets. They read no page's text: while the structure
    /// is as it was (`stageKey`), they are the live site's files.
    private func writeCodes(
        _ codes: [ShortLinkWriter.PrintedCode], with writer: ShortLinkWriter, stageKey: String?, output: StagedOutput?,
        stream: (@Sendable ([OutputFile]) -> Void)?, emit: ([OutputFile]) -> Void
    ) {
        guard let stageKey else { return emit(writer.write(codes, emit: stream)) }
        if let files = output?.unchangedFiles(under: stageKey) { return emit(files) }
        @Sendable func recorded(_ files: [OutputFile]) -> [OutputFile] {
            files.map { $0.recorded(alsoUnder: stageKey) }
        }
        var recordedStream: (@Sendable ([OutputFile]) -> Void)?
        if let stream { recordedStream = { stream(recorded($0)) } }
        emit(recorded(writer.write(codes, emit: recordedStream)))
    }

    /// Every page through its template, files handed on as they are made.
    private func renderPages(
        _ renderer: inout PageRenderer, reusing earlier: PageRenderer.RenderCache?, remember: Bool,
        found: inout DiagnosticList, stream: (@Sendable ([OutputFile]) -> Void)?, emit: ([OutputFile]) -> Void,
        rendering: CachedRendering, inputs: PageInputKeys?
    ) -> PageRenderer.RenderCache {
        let progress = context.progress
        let (pageFiles, renderDiagnostics, cache) = renderer.render(
            reusing: earlier, remember: remember,
            progress: { done, total in progress?(BuildProgress(stage: .render, completed: done, total: total)) },
            emit: stream, rendering: rendering, inputs: inputs)
        found.append(contentsOf: renderDiagnostics.items)
        emit(pageFiles)
        // A one-off build renders each page once: the Markdown's HTML can go before the index
        // is built. (The live preview keeps it to render edited pages' neighbours again.)
        if !remember {
            for document in renderer.graph.documents.values { document.releaseHTML() }
            FreedMemory.returnToSystem()
        }
        return cache
    }
}
