import CCmarkGFM
import Foundation
import SiteCore

/// Parses Markdown with libcmark-gfm (tables, strikethrough, autolinks, task lists, footnotes,
/// tag filter) into a `MarkdownDocument` whose links can be checked and rewritten before rendering.
///
/// The only place that talks to cmark-gfm: the rest of the code never sees a C type.
public struct MarkdownRenderer: Sendable {
    /// Keep raw HTML from the source. Off by default: partner pull requests must not inject script.
    public var allowRawHTML: Bool

    public init(allowRawHTML: Bool = false) {
        self.allowRawHTML = allowRawHTML
    }

    private static let extensionsRegistered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    /// cmark-gfm 0.29 keeps the inline "special characters" of extensions (`~` for strikethrough,
    /// `w`/`:` for autolinks) in a process-wide table that a parser fills while it processes inlines
    /// in `cmark_parser_finish` and clears at the end of it, so two documents finishing at once can
    /// lose each other's extensions. Block parsing (`feed`) shares nothing and runs in parallel;
    /// `finish` runs one at a time.
    private static let parseLock = NSLock()
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    var options: Int32 {
        var options = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
        if allowRawHTML { options |= CMARK_OPT_UNSAFE }
        return options
    }

    /// A parser with the GitHub extensions attached. One per document: cmark parsers are not
    /// shared between threads.
    private func makeParser() -> OpaquePointer {
        _ = Self.extensionsRegistered
        let parser = cmark_parser_new(options)!
        for name in Self.extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        return parser
    }

    /// Parses `text`.
    public func parse(_ text: String) -> MarkdownDocument {
        let parser = makeParser()
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                cmark_parser_feed(parser, pointer, buffer.count)
            }
        }
        Self.parseLock.lock()
        let root = cmark_parser_finish(parser)!
        Self.parseLock.unlock()
        return MarkdownDocument(parser: parser, root: root, options: options, source: text)
    }

    /// cmark's own HTML for `text` with link destinations replaced in the tree (`rewrite` gets
    /// each destination in document order): what `MarkdownDocument.renderHTML` must equal, for
    /// tests. Headings keep cmark's `data-sourcepos` attributes.
    func referenceHTML(_ text: String, rewrite: (String) -> String?) -> String {
        let parser = makeParser()
        defer { cmark_parser_free(parser) }
        cmark_parser_feed(parser, text, text.utf8.count)
        let root = Self.parseLock.withLock { cmark_parser_finish(parser)! }
        defer { cmark_node_free(root) }
        let iterator = cmark_iter_new(root)!
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                [CMARK_NODE_LINK, CMARK_NODE_IMAGE].contains(cmark_node_get_type(node))
            else { continue }
            if let replacement = rewrite(cmark_node_get_url(node).map { String(cString: $0) } ?? "") {
                cmark_node_set_url(node, replacement)
            }
        }
        guard let html = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }
}
