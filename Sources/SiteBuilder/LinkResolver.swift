import ContentModel
import Foundation
import MarkdownRendering
import SiteCore

/// Checks every link and image in the content and works out what it becomes on the site.
///
/// Links between pages are written as links to Markdown files (`../partners/eco.md#history`),
/// which GitHub renders correctly in a pull request; on the site they become the linked page's
/// URL in the reader's language, or in the default language when it is not translated.
struct LinkResolver: Sendable {
    let graph: SiteGraph

    /// Schemes that run code or read local files in a visitor's browser.
    static let forbiddenSchemes = ["javascript", "vbscript", "data", "file"]

    /// The `links` step: every page's links on every core (diagnostics kept in page order), then
    /// the menus. Each page learns what its links become.
    static func resolve(in graph: inout SiteGraph, threads: Int, diagnostics: inout DiagnosticList) {
        let resolver = LinkResolver(graph: graph)
        let resolved = ParallelMap.chunks(count: graph.pages.count, threads: threads) { [graph] range in
            range.map { offset -> ([Int: String], DiagnosticList) in
                var found = DiagnosticList()
                return (resolver.rewrites(for: graph.pages[offset], diagnostics: &found), found)
            }
        }
        for (offset, (rewrites, found)) in resolved.enumerated() {
            graph.pages[offset].linkRewrites = rewrites
            diagnostics.append(contentsOf: found.items)
        }
        resolver.checkMenus(diagnostics: &diagnostics)
    }

    func rewrites(for page: SitePage, diagnostics: inout DiagnosticList) -> [Int: String] {
        guard let source = page.source, let document = graph.documents[source.path] else { return [:] }
        var rewrites: [Int: String] = [:]
        for link in document.links {
            let position = SourcePosition(
                file: source.path, line: link.line + source.bodyLineOffset, column: link.column)
            if let destination = resolve(
                link, in: page, source: source, document: document, at: position, diagnostics: &diagnostics)
            {
                rewrites[link.index] = destination
            }
        }
        return rewrites
    }

    /// The new destination, or nil to keep the link as written.
    private func resolve(
        _ link: MarkdownDocument.Link, in page: SitePage, source: SourcePage, document: MarkdownDocument,
        at position: SourcePosition, diagnostics: inout DiagnosticList
    ) -> String? {
        // Browsers ignore tabs, newlines and leading control characters in URLs, so `java\tscript:` must be caught too.
        let destination = String(
            String.UnicodeScalarView(
                link.destination.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        )
        guard !destination.isEmpty else { return nil }
        if let scheme = Self.scheme(of: destination) {
            let isInlineImage =
                link.kind == .image && destination.lowercased().hasPrefix("data:image/")
                && !destination.lowercased().hasPrefix("data:image/svg")
            if Self.forbiddenSchemes.contains(scheme) && !isInlineImage {
                diagnostics.append(
                    .error(
                        scheme == "file"
                            ? "Links starting with `file:` are not allowed: they point into the visitor's own computer, not to the web."
                            : "Links starting with `\(scheme):` are not allowed: they can run code in a visitor's browser.",
                        at: position, hint: "Link to a page of this site or to an https:// address instead.",
                        stage: .validate))
            }
            return nil
        }
        if destination.hasPrefix("//") { return nil }

        var path = destination
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let question = path.firstIndex(of: "?") { path = String(path[..<question]) }
        path = path.removingPercentEncoding ?? path

        if path.isEmpty {
            if let fragment, !fragment.isEmpty, !document.headings.contains(where: { $0.id == fragment }) {
                reportMissingAnchor(
                    fragment, in: source.path, headings: document.headings, at: position, diagnostics: &diagnostics)
            }
            return nil
        }

        let isRooted = path.hasPrefix("/")
        let contentRelative: String?
        if path.hasPrefix("/content/") {
            contentRelative = RelativePath.normalize(String(path.dropFirst("/content/".count)))
        } else {
            contentRelative = RelativePath.resolve(path, relativeTo: source.contentPath)
        }
        guard let target = contentRelative else {
            diagnostics.append(
                .error(
                    "The link `\(link.destination)` points outside the content folder.", at: position,
                    hint: "Link to a file inside content/, relative to this file.", stage: .validate))
            return nil
        }

        if path.hasSuffix(".md") {
            return resolvePageLink(
                target: target, fragment: fragment, written: link.destination, page: page, source: source,
                at: position, diagnostics: &diagnostics)
        }
        if graph.assets.contains(target) {
            return "/" + target + (fragment.map { "#" + $0 } ?? "")
        }
        // A site-absolute address such as /en/ or /images/logo.svg is the author's business.
        if isRooted { return nil }
        // `(estro)` for `(estro.md)`: the page's name without its file ending.
        let pageFile = [target + ".md", target + "/_index.md"].first {
            graph.sourcesByContentPath[$0] != nil || graph.unreadable.contains($0) || graph.drafts.contains($0)
        }
        if link.kind == .link, let pageFile {
            let written =
                RelativePath.relative(from: source.contentPath, to: pageFile) + (fragment.map { "#" + $0 } ?? "")
            diagnostics.append(
                .error(
                    "The link `\(link.destination)` points to a file that does not exist.", at: position,
                    hint: "Did you mean `\(written)`? Links to pages name the page's .md file.", stage: .validate))
            return nil
        }
        let suggestion = closestFile(to: target, from: source.contentPath, candidates: Array(graph.assets))
        diagnostics.append(
            .error(
                "The \(link.kind == .image ? "image" : "link") `\(link.destination)` points to a file that does not exist.",
                at: position,
                hint: suggestion.map { "Did you mean `\($0)`?" }
                    ?? "Check the file name; paths are relative to the folder of this file.",
                stage: .validate))
        return nil
    }

    private func resolvePageLink(
        target: String, fragment: String?, written: String, page: SitePage, source: SourcePage,
        at position: SourcePosition, diagnostics: inout DiagnosticList
    ) -> String? {
        guard let linked = graph.sourcesByContentPath[target] else {
            if graph.drafts.contains(target) {
                diagnostics.append(
                    .error(
                        "The link `\(written)` points to content/\(target), which is a draft and is not published.",
                        at: position,
                        hint: "Remove `draft: true` from that page, or remove this link until the page is ready.",
                        stage: .validate))
                return nil
            }
            if graph.unreadable.contains(target) {
                diagnostics.append(
                    Diagnostic.error(
                        "The link `\(written)` points to content/\(target), which could not be read.", at: position,
                        hint: "Fix the error reported in content/\(target).", stage: .validate
                    ).depending(on: ContentPaths.folder + "/" + target, as: .link))
                return nil
            }
            let suggestion = closestFile(
                to: target, from: source.contentPath, candidates: Array(graph.sourcesByContentPath.keys))
            diagnostics.append(
                .error(
                    "The link `\(written)` points to a page that does not exist (content/\(target)).", at: position,
                    hint: suggestion.map { "Did you mean `\($0)`?" }
                        ?? "Check the file name; paths are relative to the folder of this file.",
                    stage: .validate))
            return nil
        }
        let group = TranslationGroup.of(linked)
        guard let targetIndex = graph.bestPage(group: group, for: page.language) else { return nil }
        let targetPage = graph.pages[targetIndex]
        guard let fragment, !fragment.isEmpty else { return targetPage.url }

        let namedHeadings = graph.documents[linked.path]?.headings ?? []
        guard let headingIndex = namedHeadings.firstIndex(where: { $0.id == fragment }) else {
            reportMissingAnchor(
                fragment, in: linked.path, headings: namedHeadings, at: position, diagnostics: &diagnostics)
            return nil
        }
        // The reader's version of the page may have translated headings: keep the id when it
        // exists there, else take the heading at the same place in a same-shaped document.
        guard let shown = targetPage.source, shown.path != linked.path,
            let shownHeadings = graph.documents[shown.path]?.headings
        else { return targetPage.url + "#" + fragment }
        if shownHeadings.contains(where: { $0.id == fragment }) { return targetPage.url + "#" + fragment }
        if shownHeadings.map(\.level) == namedHeadings.map(\.level) {
            return targetPage.url + "#" + shownHeadings[headingIndex].id
        }
        diagnostics.append(
            .warning(
                "The heading `#\(fragment)` of \(linked.path) has no counterpart in \(shown.path); the link goes to the top of that page.",
                at: position,
                hint: "Give the matching heading in \(shown.path) the same id: `## Translated heading {#\(fragment)}`.",
                stage: .validate))
        return targetPage.url
    }

    private func reportMissingAnchor(
        _ fragment: String, in file: String, headings: [MarkdownDocument.Heading], at position: SourcePosition,
        diagnostics: inout DiagnosticList
    ) {
        let ids = headings.map(\.id)
        let suggestion = EditDistance.closest(to: fragment, among: ids)
        diagnostics.append(
            .error(
                "There is no heading with the id `#\(fragment)` in \(file).", at: position,
                hint: suggestion.map { "Did you mean `#\($0)`?" }
                    ?? (ids.isEmpty
                        ? "That page has no headings; link to the page without `#\(fragment)`."
                        : "Its headings are: \(ids.map { "#\($0)" }.joined(separator: ", "))."),
                stage: .validate))
    }

    /// The candidate path closest to a mistyped one, written relative to the linking file.
    private func closestFile(to target: String, from file: String, candidates: [String]) -> String? {
        let sorted = candidates.sorted()
        guard let best = EditDistance.closest(to: target, among: sorted) else { return nil }
        return RelativePath.relative(from: file, to: best)
    }

    static func scheme(of destination: String) -> String? {
        guard let colon = destination.firstIndex(of: ":") else { return nil }
        let candidate = destination[..<colon]
        guard let first = candidate.first, first.isASCII, first.isLetter,
            candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) })
        else { return nil }
        return candidate.lowercased()
    }

    // MARK: Menus

    /// The URL of a menu entry in `language`; nil when its page does not exist.
    func url(of entry: MenuEntry, language: String) -> String? {
        if let url = entry.url { return url }
        return page(of: entry, language: language).map { graph.pages[$0].url }
    }

    /// The page a menu entry leads a reader of `language` to (its translation, else the page in
    /// another language); nil for an outside link or a page that does not exist.
    func page(of entry: MenuEntry, language: String) -> Int? {
        guard entry.url == nil, let page = entry.page else { return nil }
        guard let normalized = RelativePath.normalize(Self.contentRelative(page)),
            let source = graph.sourcesByContentPath[normalized]
        else {
            return nil
        }
        return graph.bestPage(group: TranslationGroup.of(source), for: language)
    }

    /// A menu entry's `page`, relative to `content/` (it may be written `/content/…`).
    static func contentRelative(_ page: String) -> String {
        var path = page
        if path.hasPrefix("/") { path.removeFirst() }
        if path.hasPrefix("content/") { path.removeFirst("content/".count) }
        return path
    }

    func checkMenus(diagnostics: inout DiagnosticList) {
        for language in graph.config.languages {
            for menu in language.menus {
                for entry in menu.entries where entry.page != nil && url(of: entry, language: language.code) == nil {
                    if let page = entry.page, let path = RelativePath.normalize(Self.contentRelative(page)),
                        graph.unreadable.contains(path)
                    {
                        diagnostics.append(
                            Diagnostic.error(
                                "The menu entry `\(entry.name)` points to content/\(path), which could not be read.",
                                at: entry.position, hint: "Fix the error reported in content/\(path).",
                                stage: .validate
                            ).depending(on: ContentPaths.folder + "/" + path, as: .link))
                        continue
                    }
                    let candidates = Array(graph.sourcesByContentPath.keys).sorted()
                    let suggestion = EditDistance.closest(to: entry.page ?? "", among: candidates)
                    diagnostics.append(
                        .error(
                            "The menu entry `\(entry.name)` points to content/\(entry.page ?? ""), which does not exist.",
                            at: entry.position,
                            hint: suggestion.map { "Did you mean `\($0)`?" }
                                ?? "Use a path under content/, such as `about/_index.md`.",
                            stage: .validate))
                }
            }
        }
    }
}
