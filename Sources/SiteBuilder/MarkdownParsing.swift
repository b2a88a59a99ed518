import ContentModel
import Foundation
import MarkdownRendering
import SiteCore

/// The `parse` step: every page's Markdown parsed on every core (see `MarkdownRenderer` for what
/// cmark-gfm serialises), reusing what an earlier build parsed from the same text.
struct MarkdownParsing {
    /// 1: parse on the calling thread only.
    var threads = 0
    /// Keep each page's Markdown after parsing (the live preview compares it on the next edit); a
    /// one-off build lets each text go as soon as it is parsed, so the texts and the parsed pages
    /// are not all held at once.
    var keepsMarkdown = true
    /// Markdown parsed by an earlier build, by file, with the body it was parsed from.
    var earlier: [String: (body: String, document: MarkdownDocument)] = [:]
    /// The build cache's parsed Markdown: read for pages whose text it has, written again when
    /// the pages' texts are not all the ones it holds.
    var cache: MarkdownCache?

    /// The parsed pages by file (`content/…`).
    func parse(_ loaded: inout LoadedSite) -> [String: MarkdownDocument] {
        let renderer = MarkdownRenderer(allowRawHTML: loaded.config.allowRawHTML)
        let bodies = Bodies(loaded.pages.map(\.body))
        if !keepsMarkdown {
            // Section texts stay: shown untranslated in other languages, they fill in the link
            // that starts a translation (`TranslationDraft`).
            for index in loaded.pages.indices where !loaded.pages[index].isSectionIndex {
                loaded.pages[index].body = ""
            }
        }
        let paths = loaded.pages.map(\.path)
        let earlier = earlier
        let keepsMarkdown = keepsMarkdown
        let stored = cache?.open()
        let keyed = cache != nil
        let allowRawHTML = renderer.allowRawHTML
        let parsed = ParallelMap.chunks(count: paths.count, threads: threads) { range in
            range.map { index -> (key: MarkdownCache.Key?, document: MarkdownDocument, fromCache: Bool) in
                let body = keepsMarkdown ? bodies[index] : bodies.take(index)
                if let known = earlier[paths[index]], known.body == body { return (nil, known.document, false) }
                guard keyed else { return (nil, renderer.parse(body), false) }
                let key = MarkdownCache.Key(body: body, allowRawHTML: allowRawHTML)
                if let document = stored?.document(for: key) { return (key, document, true) }
                return (key, renderer.parse(body), false)
            }
        }
        var documents: [String: MarkdownDocument] = [:]
        documents.reserveCapacity(paths.count)
        for (path, entry) in zip(paths, parsed) {
            documents[path] = entry.document
            if let key = entry.key { loaded.bodyKeys[path] = key }
        }
        if let cache {
            // Written again unless every page came from it and it holds no other text.
            let entries = parsed.compactMap { entry in entry.key.map { (key: $0, document: entry.document) } }
            if let stored {
                if !parsed.allSatisfy(\.fromCache) || Set(entries.map(\.key)).count != stored.count {
                    cache.update(stored, to: entries)
                }
            } else {
                cache.save(entries)
            }
        }
        // The Markdown's text is gone (one-off builds): its memory goes back before the graph grows.
        if !keepsMarkdown { FreedMemory.returnToSystem() }
        return documents
    }
}

/// The pages' Markdown texts, each taken by the one thread that parses it.
private final class Bodies: @unchecked Sendable {
    private var texts: [String]
    private let lock = NSLock()

    init(_ texts: [String]) { self.texts = texts }

    subscript(index: Int) -> String { lock.withLock { texts[index] } }

    /// The text, no longer held here.
    func take(_ index: Int) -> String {
        lock.withLock {
            let text = texts[index]
            texts[index] = ""
            return text
        }
    }
}
