import ContentModel
import Foundation
import MarkdownRendering
import SiteCore
import SiteOutput
import Templating

/// The `render pages` stage: each page's template model (`PageModels`) through the theme.
///
/// Renders pages on every core (`threads`); pages that share a source (an untranslated section
/// shown in several languages) share its parsed Markdown, which is only read.
public struct PageRenderer: Sendable {
    let graph: SiteGraph
    /// 1 renders on the calling thread only (the test that parallel output equals serial output).
    var threads = 0
    /// Each page's template model (a book's section page learns of its print edition before
    /// pages are rendered).
    var models: PageModels

    public init(graph: SiteGraph) {
        self.graph = graph
        self.models = PageModels(graph: graph)
    }

    /// Renders every page; template output that is nil (a missing template) is an error.
    public func render(progress: (@Sendable (Int, Int) -> Void)? = nil) -> ([OutputFile], DiagnosticList) {
        let (files, diagnostics, _) = render(reusing: nil, remember: false, progress: progress)
        return (files, diagnostics)
    }

    /// Pages an earlier build rendered. A page's template model holds everything its HTML depends
    /// on (its text, the titles and addresses of the pages it lists or links to, strings, settings),
    /// so a page whose model and templates are unchanged need not be rendered again.
    struct RenderCache: Sendable {
        var templates: String
        var pages: [String: (model: Int, layout: String, contents: Data)] = [:]
        var rendered = 0
    }

    /// `remember`: record each page's model hash for a later `render(reusing:)` (the live
    /// preview); a one-off build skips hashing every model. With `emit`, each chunk's files are
    /// handed over as soon as it is done instead of being returned (a site's pages are more than
    /// a hundred megabytes).
    ///
    /// With a `rendering` whose output keeps a build cache, each page's file carries a key made
    /// from its model, layout and templates, and a page whose key names an unchanged file of the
    /// live site is not rendered: that file is reused.
    func render(
        reusing earlier: RenderCache?, remember: Bool = true, progress: (@Sendable (Int, Int) -> Void)? = nil,
        emit: (@Sendable ([OutputFile]) -> Void)? = nil, rendering: CachedRendering? = nil,
        inputs: PageInputKeys? = nil
    ) -> ([OutputFile], DiagnosticList, RenderCache) {
        let templates = graph.theme.templateFingerprint
        let reusable = earlier?.templates == templates ? earlier?.pages ?? [:] : [:]
        let keys = rendering?.output == nil ? nil : rendering
        // Pages render in parallel, in chunks of neighbouring pages; results are put back in page
        // order, so the output does not depend on which thread finished first.
        let count = graph.pages.count
        let done = ProgressCounter()
        let documents = graph.pages.map { $0.source.flatMap { graph.documents[$0.path] } }
        // A one-off build lets each document's HTML go after the last page made from it: the
        // HTML of every page held to the end of the stage was its largest block of memory.
        let uses = remember ? nil : DocumentUses(documents)
        let renderedPages = ParallelMap.chunks(count: count, threads: threads) { range in
            var results = range.map { offset in
                let result = renderPage(offset, reusing: reusable, remember: remember, keys: keys, inputs: inputs)
                if let uses, let document = documents[offset] { uses.rendered(document) }
                return result
            }
            if let progress { done.add(range.count) { progress($0, count) } }
            if let emit {
                emit(results.compactMap(\.file))
                for index in results.indices { results[index].file = nil }
            }
            return results
        }
        var files: [OutputFile] = []
        files.reserveCapacity(count)
        var diagnostics = DiagnosticList()
        var cache = RenderCache(templates: templates)
        for rendered in renderedPages {
            if let file = rendered.file, !file.isReused { files.append(file) }
            if let cached = rendered.cached, let file = rendered.file { cache.pages[file.path] = cached }
            if rendered.isNew { cache.rendered += 1 }
            if let problem = rendered.problem { diagnostics.append(problem) }
        }
        return (files, diagnostics, cache)
    }

    /// One page's result: its file (nil after a problem), what the cache keeps of it, whether it
    /// was rendered rather than reused.
    struct RenderedPage: Sendable {
        var file: OutputFile?
        var cached: (model: Int, layout: String, contents: Data)?
        var isNew = false
        var problem: Diagnostic?
    }

    /// One page through its template, or its earlier HTML when its model and layout are unchanged.
    /// Used by the full build and by the live preview's rebuild of edited pages alike.
    func renderPage(
        _ offset: Int, reusing reusable: [String: (model: Int, layout: String, contents: Data)], remember: Bool,
        keys: CachedRendering? = nil, inputs: PageInputKeys? = nil
    ) -> RenderedPage {
        let page = graph.pages[offset]
        let layout = layoutName(for: page)
        // Found by what it is made from, the page needs no model; else by its model's key.
        let inputKey = inputs?.key(for: page, layout: layout)
        if let inputKey, let reused = keys?.output?.unchangedFile(page.outputPath, under: inputKey) {
            return RenderedPage(file: reused)
        }
        let context = models.pageContext(for: offset)
        var memoKey: String?
        if let keys {
            let key = keys.key(context, template: layout)
            if var reused = keys.output?.unchangedFile(page.outputPath, under: key) {
                reused.otherMemoKeys = inputKey.map { [$0] } ?? []
                return RenderedPage(file: reused)
            }
            memoKey = key
        }
        let model = remember || !reusable.isEmpty ? context.hashValue : 0
        if let known = reusable[page.outputPath], known.model == model, known.layout == layout {
            return RenderedPage(file: OutputFile(path: page.outputPath, contents: known.contents), cached: known)
        }
        guard let html = graph.theme.render(context, template: layout) else {
            return RenderedPage(
                problem: .error(
                    "The template `\(layout)` produced nothing for this page.",
                    at: SourcePosition(file: page.source?.path ?? "themes/\(graph.theme.name)"), stage: .render))
        }
        var file = OutputFile(path: page.outputPath, text: html, memoKey: memoKey)
        if memoKey != nil, let inputKey { file.otherMemoKeys = [inputKey] }
        return RenderedPage(file: file, cached: remember ? (model, layout, file.contents) : nil, isNew: true)
    }

    /// `layout:` from front matter, else a template named after the content kind (`partner`),
    /// else the page kind's (`home`, `section`, `page`).
    func layoutName(for page: SitePage) -> String {
        if let layout = page.source?.frontMatter.layout { return layout }
        if page.kind == .page, let source = page.source, let kind = graph.kinds[source.path], kind != .page,
            graph.theme.hasTemplate(kind.rawValue)
        {
            return kind.rawValue
        }
        return page.kind.rawValue
    }
}

/// How many pages still to be rendered are made from each document; the last one lets the
/// document's HTML go. Pages from one document (a section shown untranslated in several languages)
/// may render on different threads.
private final class DocumentUses: @unchecked Sendable {
    private var remaining: [ObjectIdentifier: Int] = [:]
    private let lock = NSLock()

    init(_ documents: [MarkdownDocument?]) {
        for document in documents.compactMap({ $0 }) { remaining[ObjectIdentifier(document), default: 0] += 1 }
    }

    func rendered(_ document: MarkdownDocument) {
        let isLast = lock.withLock { () -> Bool in
            let left = (remaining[ObjectIdentifier(document)] ?? 1) - 1
            remaining[ObjectIdentifier(document)] = left
            return left == 0
        }
        if isLast { document.releaseHTML() }
    }
}

/// A finished-count for progress reports from several threads.
private final class ProgressCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    /// Adds `count` and reports the new total while still holding the lock, so reports arrive
    /// in order and the last one is the whole (reported after the lock, two chunks finishing
    /// together could report out of order; ThreadSanitizer found it).
    func add(_ count: Int, report: (Int) -> Void) {
        lock.withLock {
            value += count
            report(value)
        }
    }
}
