import ContentModel
import Foundation
import MarkdownRendering
import SiteCore
import SiteOutput

/// Builds a site again and again as its files change, redoing only what a change touches, for the
/// live preview. Every result is byte-identical to a full build of the same files (a test edits,
/// renames and deletes files and compares).
///
/// Two paths:
/// - An edit to the body of existing pages, front matter untouched (most edits while writing):
///   the site's structure cannot have changed, so the graph is kept, the edited Markdown re-parsed,
///   links and content checks re-run, and only the pages made from those files re-rendered. What
///   also depends on the body (feeds, calendars, the translation status, the search index) follows in
///   `completeDeferred()`, after the caller has shown the page.
/// - Anything else (front matter, new, renamed or deleted files, templates, strings, config):
///   load and validate again, re-parsing only Markdown whose body changed, render everything, and
///   report only the files whose bytes changed.
public final class IncrementalBuilder {
    /// Tests swap in a changed in-memory file system between builds; the preview reads the disk.
    public var context: BuildContext
    private var graph: SiteGraph?
    private var loadWarnings: [Diagnostic] = []
    /// The current output, by path.
    public private(set) var files: [String: Data] = [:]
    private var deferredLanguages: Set<String>?
    /// Set when a rebuild failed: files changed since the last good build may not all be in the
    /// next batch of paths, so the next rebuild starts from the files themselves.
    private var needsFullBuild = false
    private var renderCache: PageRenderer.RenderCache?
    /// Counts rebuilds, so that deferred work finished after a newer rebuild is recognised as stale.
    private var generation = 0

    public init(context: BuildContext) {
        self.context = context
    }

    /// What a build changed in the output.
    public struct Update: Sendable {
        /// Files whose bytes are new or changed.
        public var written: [OutputFile]
        /// Paths no longer produced.
        public var removed: [String]
        public var warnings: [Diagnostic]
        /// Pages rendered again.
        public var pagesRendered: Int
        /// After a full build: the site's pages, counted as `build` counts them.
        public var pages: PageTally?
        /// True when only edited pages were rendered and `completeDeferred()` has the rest to do.
        public var isPartial: Bool
        /// The ledger's new text when the build gave new pages codes (see `BuildResult`).
        public var ledgerUpdate: String?
        public var ledgerNotes: [String]
    }

    /// A full build that the next `rebuild` starts from.
    public func build() throws(BuildFailure) -> Update {
        try fullBuild()
    }

    /// Builds again after `changed` (paths relative to the source folder) changed.
    public func rebuild(changed: [String]) throws(BuildFailure) -> Update {
        generation += 1
        do {
            // Deferred work waits while edits keep coming: the next body edit adds its languages to it.
            let edited = needsFullBuild ? nil : graph.flatMap { bodyOnlyEdits(changed, in: $0) }
            if let edited { return try rebuildBodies(edited) }
            let update = try fullBuild()
            needsFullBuild = false
            return update
        } catch {
            needsFullBuild = true
            throw error
        }
    }

    /// Whether `completeDeferred()` has work to do.
    public var hasDeferredWork: Bool { deferredLanguages != nil }

    /// Brings feeds, calendars, the translation status and the search index up to date after partial rebuilds.
    public func completeDeferred() throws(BuildFailure) -> Update {
        guard let job = deferredJob() else {
            return Update(
                written: [], removed: [], warnings: [], pagesRendered: 0, isPartial: false, ledgerUpdate: nil,
                ledgerNotes: [])
        }
        return apply(job.run(), of: job)
            ?? Update(
                written: [], removed: [], warnings: [], pagesRendered: 0, isPartial: false, ledgerUpdate: nil,
                ledgerNotes: [])
    }

    /// The deferred work as a job that may run on another thread while the preview goes on with
    /// new edits; its result counts only if no rebuild happened meanwhile (`apply(_:of:)`).
    public struct DeferredJob: Sendable {
        let graph: SiteGraph
        let languages: Set<String>
        let generation: Int
        let now: Date

        public func run() -> [OutputFile] {
            let renderer = PageModels(graph: graph)
            var produced = SupportPageRenderer(graph: graph, pages: renderer).render()
            produced += FeedWriter(graph: graph, pages: renderer).write()
            // Event calendars describe events with their first paragraph, like the feeds.
            produced += ICalendarWriter(graph: graph, pages: renderer, now: now).write()
            produced += SearchIndexWriter(graph: graph).write(languages: languages)
            return produced
        }
    }

    public func deferredJob() -> DeferredJob? {
        guard let languages = deferredLanguages, let graph else { return nil }
        return DeferredJob(graph: graph, languages: languages, generation: generation, now: context.now)
    }

    /// Takes a finished job's files; nil when a rebuild made them stale (the job must run again).
    public func apply(_ produced: [OutputFile], of job: DeferredJob) -> Update? {
        guard job.generation == generation, deferredLanguages != nil else { return nil }
        deferredLanguages = nil
        var written: [OutputFile] = []
        var removed: [String] = []
        // Search index files of a language are replaced as a set: shards come and go with the terms.
        let searchFolders = job.languages.map { "\($0)/search/" }
        let producedPaths = Set(produced.map(\.path))
        for path in files.keys where searchFolders.contains(where: { path.hasPrefix($0) }) {
            if !producedPaths.contains(path) { removed.append(path) }
        }
        for path in removed { files[path] = nil }
        for file in produced where files[file.path] != file.contents {
            files[file.path] = file.contents
            written.append(file)
        }
        return Update(
            written: written, removed: removed.sorted(), warnings: [], pagesRendered: 0, isPartial: false,
            ledgerUpdate: nil, ledgerNotes: [])
    }

    // MARK: Full path

    private func fullBuild() throws(BuildFailure) -> Update {
        deferredLanguages = nil
        let builder = SiteBuilder(context: context)
        var parsed: [String: (body: String, document: MarkdownDocument)] = [:]
        if let graph {
            for source in graph.sourcesByContentPath.values {
                if let document = graph.documents[source.path] { parsed[source.path] = (source.body, document) }
            }
        }
        let (newGraph, diagnostics) = try builder.validate(parsed: parsed)
        let (result, cache) = try builder.produce(newGraph, diagnostics: diagnostics, reusing: renderCache)
        graph = newGraph
        renderCache = cache
        indexPages(of: newGraph)
        loadWarnings = diagnostics.items.filter { $0.severity == .warning && $0.stage != .validate }
        var next: [String: Data] = [:]
        var written: [OutputFile] = []
        for file in result.files {
            next[file.path] = file.contents
            if files[file.path] != file.contents { written.append(file) }
        }
        let removed = files.keys.filter { next[$0] == nil }.sorted()
        files = next
        return Update(
            written: written, removed: removed, warnings: result.warnings, pagesRendered: cache.rendered,
            pages: result.pages, isPartial: false, ledgerUpdate: result.ledgerUpdate, ledgerNotes: result.ledgerNotes)
    }

    // MARK: Body-only path

    /// The pages (offsets in the graph) made from each source file: a page and its stand-ins in
    /// languages that lack a translation.
    private var pagesBySource: [String: [Int]] = [:]
    /// File name (`p01000.md`) → source files with a link to a file of that name: the pages whose
    /// links a body edit of that file may break. Names, not resolved paths, so the index is cheap
    /// to keep; a few pages too many are checked, never one too few.
    private var linkingFiles: [String: Set<String>] = [:]

    private func indexPages(of graph: SiteGraph) {
        pagesBySource = [:]
        linkingFiles = [:]
        for (offset, page) in graph.pages.enumerated() {
            guard let path = page.source?.path else { continue }
            pagesBySource[path, default: []].append(offset)
        }
        for path in pagesBySource.keys { recordLinks(from: path, in: graph) }
    }

    private func recordLinks(from path: String, in graph: SiteGraph) {
        for link in graph.documents[path]?.links ?? [] {
            let file = link.destination.split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
            guard file.hasSuffix(".md") else { continue }
            linkingFiles[RelativePath.lastComponent(of: file), default: []].insert(path)
        }
    }

    /// The edited pages, re-read, when every changed path is an existing page whose front matter is
    /// as it was; nil when the change needs the full path.
    private func bodyOnlyEdits(_ changed: [String], in graph: SiteGraph) -> [SourcePage]? {
        guard !changed.isEmpty else { return nil }
        let prefix = ContentPaths.folder + "/"
        var edited: [SourcePage] = []
        for path in changed {
            guard path.hasPrefix(prefix), path.hasSuffix(".md"),
                let old = graph.sourcesByContentPath[String(path.dropFirst(prefix.count))], old.path == path
            else { return nil }
            var ignored = DiagnosticList()
            guard
                let new = ContentLoader(context: context).loadPage(
                    path: path, contentPath: old.contentPath, config: graph.config, diagnostics: &ignored),
                ignored.items.isEmpty, new.frontMatter.yaml == old.frontMatter.yaml,
                new.bodyLineOffset == old.bodyLineOffset, new.language == old.language,
                // Images are checked and planned with the whole site (ImageCheck): a text that
                // shows one takes the full path.
                !new.body.contains("!["), !old.body.contains("![")
            else { return nil }
            edited.append(new)
        }
        return edited
    }

    private func rebuildBodies(_ edited: [SourcePage]) throws(BuildFailure) -> Update {
        var clock = StageClock(logger: context.logger, prefix: "partial rebuild, ")
        // Taken, not copied: the graph is large, and a shared copy would be duplicated on the first change.
        guard var graph = self.graph else { return try fullBuild() }
        self.graph = nil
        defer { self.graph = graph }
        let markdown = MarkdownRenderer(allowRawHTML: graph.config.allowRawHTML)
        let editedPaths = Set(edited.map(\.path))
        for page in edited {
            graph.documents[page.path] = markdown.parse(page.body)
            graph.sourcesByContentPath[page.contentPath]?.body = page.body
            graph.sourcesByContentPath[page.contentPath]?.contentHash = page.contentHash
            graph.sourcesByContentPath[page.contentPath]?.bodyFingerprint = page.bodyFingerprint
        }
        let editedOffsets = edited.flatMap { pagesBySource[$0.path] ?? [] }.sorted()
        for page in edited {
            for offset in pagesBySource[page.path] ?? [] {
                graph.pages[offset].source?.body = page.body
                graph.pages[offset].source?.contentHash = page.contentHash
                graph.pages[offset].source?.bodyFingerprint = page.bodyFingerprint
            }
        }

        clock.lap("parse")
        // Links are checked again in the edited pages and in every page that may link to one of
        // them (a link to an anchor the edit removed is now broken). A body edit moves no page, so
        // links to other pages resolve as before.
        var diagnostics = DiagnosticList(loadWarnings)
        let resolver = LinkResolver(graph: graph)
        for page in edited { recordLinks(from: page.path, in: graph) }
        var checked = Set(editedOffsets)
        for page in edited {
            for source in linkingFiles[RelativePath.lastComponent(of: page.contentPath)] ?? [] {
                checked.formUnion(pagesBySource[source] ?? [])
            }
        }
        for offset in checked.sorted() {
            graph.pages[offset].linkRewrites = resolver.rewrites(for: graph.pages[offset], diagnostics: &diagnostics)
        }
        clock.lap("links")
        resolver.checkMenus(diagnostics: &diagnostics)
        ContentChecker(graph: graph).check(diagnostics: &diagnostics, onlyBodiesOf: editedPaths)
        clock.lap("content checks")
        // The translation status (stale translations) follows with the deferred work.
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.sorted) }

        let renderer = PageRenderer(graph: graph)
        clock.lap("renderer")
        var written: [OutputFile] = []
        var rendered = 0
        var languages: Set<String> = []
        for offset in editedOffsets {
            let page = graph.pages[offset]
            let result = renderer.renderPage(offset, reusing: [:], remember: true)
            guard let file = result.file, let cached = result.cached else {
                throw BuildFailure(diagnostics: result.problem.map { [$0] } ?? [])
            }
            rendered += 1
            languages.insert(page.language)
            renderCache?.pages[page.outputPath] = cached
            if files[file.path] != file.contents {
                files[file.path] = file.contents
                written.append(file)
            }
        }
        clock.lap("render")
        // Search indexes list untranslated pages in every language, from the text they have.
        for page in edited {
            let group = TranslationGroup.of(page)
            for language in graph.config.languages {
                if let best = graph.bestPage(group: group, for: language.code),
                    graph.pages[best].source?.path == page.path
                {
                    languages.insert(language.code)
                }
            }
        }
        deferredLanguages = (deferredLanguages ?? []).union(languages)
        return Update(
            written: written, removed: [], warnings: diagnostics.sorted.filter { $0.severity == .warning },
            pagesRendered: rendered, isPartial: true, ledgerUpdate: nil, ledgerNotes: [])
    }
}
