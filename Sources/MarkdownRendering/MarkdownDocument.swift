import CCmarkGFM
import Foundation
import SiteCore

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A parsed Markdown document: its headings (with stable, unique ids) and links, which the
/// builder checks and rewrites before asking for the HTML.
///
/// The HTML is rendered once, while parsing, with a placeholder for each link destination, and
/// the cmark tree is freed at once: a site's trees took far more memory than the site itself
/// (10,000 pages: 530 MB). `renderHTML(rewrite:)` fills the placeholders with destinations
/// escaped by cmark itself, so the result equals rendering the rewritten tree.
public final class MarkdownDocument: Sendable {
    /// One heading, with the id its anchor gets.
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        public var id: String
        /// 1-based line and column in the Markdown text that was parsed.
        public var line: Int
        public var column: Int
    }

    /// One link or image destination as written in the source.
    public struct Link: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case link
            case image
        }

        public var kind: Kind
        public var destination: String
        /// The link text, or an image's alt text.
        public var text: String
        public var line: Int
        public var column: Int
        /// Index in document order, to match a rewritten destination to its node.
        public var index: Int
    }

    /// Where block quotes and lists are nested deepest (the first place of that depth).
    public struct Nesting: Sendable, Hashable {
        public var depth: Int
        public var line: Int
        public var column: Int
    }

    public let headings: [Heading]
    public let links: [Link]
    /// Depth 0 when the page has no block quote or list.
    public let deepestNesting: Nesting
    /// The text of the first paragraph, for summaries and meta descriptions.
    public let firstParagraph: String
    /// The plain text of the document cut at each heading: the text before the first heading has
    /// no heading id. For search, so a match can link to the heading nearest it.
    public let segments: [(headingID: String?, heading: String?, text: String)]

    let options: Int32
    /// The rendered HTML cut at each link destination, until `releaseHTML()`.
    let html: HTMLParts

    /// A document as stored (`init?(stored:)`).
    init(
        headings: [Heading], links: [Link], deepestNesting: Nesting, firstParagraph: String,
        segments: [(headingID: String?, heading: String?, text: String)], options: Int32, html: HTMLParts
    ) {
        self.headings = headings
        self.links = links
        self.deepestNesting = deepestNesting
        self.firstParagraph = firstParagraph
        self.segments = segments
        self.options = options
        self.html = html
    }

    init(parser: OpaquePointer, root: OpaquePointer, options: Int32, source: String) {
        defer {
            cmark_node_free(root)
            cmark_parser_free(parser)
        }
        self.options = options
        // Line starts are found only when a heading or link needs its column: most pages have
        // few, and splitting every source into lines was a twentieth of a build.
        var lineStarts: [String.Index]?

        var headings: [Heading] = []
        var links: [Link] = []
        var linkNodes: [OpaquePointer] = []
        var firstParagraph: String?
        var usedIDs: [String: Int] = [:]

        var nesting = 0
        // The node where nesting is first deepest; its position is worked out once, at the end.
        var deepest: (depth: Int, node: OpaquePointer?) = (0, nil)

        let iterator = cmark_iter_new(root)!
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let isNesting = type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST
            if event == CMARK_EVENT_EXIT {
                if isNesting { nesting -= 1 }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            // Positions are worked out only for what diagnostics point at: most nodes are text.
            var line: Int { Int(cmark_node_get_start_line(node)) }
            var column: Int {
                if lineStarts == nil { lineStarts = Self.lineStarts(of: source) }
                return Self.characterColumn(
                    byteColumn: Int(cmark_node_get_start_column(node)), line: line, in: source, lineStarts: lineStarts!)
            }
            if isNesting {
                nesting += 1
                if nesting > deepest.depth { deepest = (nesting, node) }
            }
            switch type {
            case CMARK_NODE_HEADING:
                var text = Self.plainText(of: node)
                var id = ""
                if let explicit = Self.stripExplicitID(from: node) {
                    id = explicit
                    text = Self.plainText(of: node)
                } else {
                    id = Slugifier.slug(text)
                    if id.isEmpty { id = "section" }
                }
                if let count = usedIDs[id] {
                    usedIDs[id] = count + 1
                    id += "-\(count)"
                }
                usedIDs[id, default: 0] += 1
                headings.append(
                    Heading(
                        level: Int(cmark_node_get_heading_level(node)), text: text, id: id, line: line, column: column))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                links.append(
                    Link(
                        kind: type == CMARK_NODE_IMAGE ? .image : .link, destination: destination,
                        text: Self.plainText(of: node), line: line, column: column, index: links.count))
                linkNodes.append(node)
            case CMARK_NODE_PARAGRAPH where firstParagraph == nil:
                firstParagraph = Self.plainText(of: node)
            default:
                break
            }
        }
        // Each segment's blocks are joined once at the end, into a string of the right size:
        // appending block by block left texts with up to twice the room they need.
        var segments: [(headingID: String?, heading: String?, blocks: [String])] = []
        var headingIndex = 0
        var block = cmark_node_first_child(root)
        while let node = block {
            if cmark_node_get_type(node) == CMARK_NODE_HEADING, headingIndex < headings.count {
                segments.append((headings[headingIndex].id, headings[headingIndex].text, []))
                headingIndex += 1
            } else {
                let text = Self.plainText(of: node)
                if segments.isEmpty { segments.append((nil, nil, [])) }
                // As before: empty blocks before the first text are dropped, later ones kept.
                if !text.isEmpty || !segments[segments.count - 1].blocks.isEmpty {
                    segments[segments.count - 1].blocks.append(text)
                }
            }
            block = cmark_node_next(node)
        }
        self.segments = segments.map { ($0.headingID, $0.heading, Self.joinedExactly($0.blocks)) }
        self.headings = headings
        self.links = links
        if let node = deepest.node {
            let line = Int(cmark_node_get_start_line(node))
            let column = Self.characterColumn(
                byteColumn: Int(cmark_node_get_start_column(node)), line: line, in: source,
                lineStarts: lineStarts ?? Self.lineStarts(of: source))
            self.deepestNesting = Nesting(depth: deepest.depth, line: line, column: column)
        } else {
            self.deepestNesting = Nesting(depth: 0, line: 1, column: 1)
        }
        self.firstParagraph = firstParagraph ?? ""
        let headingIDsByLine = Dictionary(headings.map { ($0.line, $0.id) }, uniquingKeysWith: { first, _ in first })

        // A link inside an image's description is never rendered (the alt text is plain text).
        let rendered = linkNodes.indices.filter { !Self.isInsideImage(linkNodes[$0]) }
        let extensions = cmark_parser_get_syntax_extensions(parser)
        var marker = "imlink"
        let sourceBytes = Array(source.utf8)
        while Self.find(Array(marker.utf8), in: sourceBytes, from: 0) != nil { marker += "x" }
        while true {
            for (index, node) in linkNodes.enumerated() { cmark_node_set_url(node, "\(marker)\(index)") }
            // cmark's bytes go through the id pass and the cut without becoming a String in between.
            let html = cmark_render_html(root, options, extensions).map { pointer in
                defer { free(pointer) }
                let rendered = UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))
                return Self.replaceSourcePositions(in: rendered, headingIDsByLine: headingIDsByLine)
            }
            // The marker cannot come from the source, but an entity (`&#105;mlink0`) could spell
            // it: then each placeholder is not found exactly once, and a longer marker is tried.
            if let (parts, order) = Self.cut(html ?? [], at: marker, linkCount: linkNodes.count),
                order.sorted() == rendered
            {
                self.html = HTMLParts(parts: parts, placeholderLinks: order)
                break
            }
            marker += "x"
        }
    }

    /// `blocks.joined(separator: " ")` in a string of exactly that size: `joined` reserves an
    /// underestimate and then grows by doubling, which left search texts up to twice their size.
    static func joinedExactly(_ blocks: [String]) -> String {
        var text = ""
        text.reserveCapacity(blocks.reduce(max(0, blocks.count - 1)) { $0 + $1.utf8.count })
        for (index, block) in blocks.enumerated() {
            if index > 0 { text += " " }
            text += block
        }
        return text
    }

    /// Renders HTML. `rewrite` gets each link in document order and returns its new destination
    /// (nil keeps it); `attributes` may add attributes to a link's `<a>` (`hreflang` for a page in
    /// another language): names of ASCII letters and `-`, values escaped here; `image` may wrap an
    /// image and add to its `<img>` (a `<picture>` of resized versions). Headings get their ids.
    /// After `releaseHTML()` it is empty.
    public func renderHTML(
        rewrite: (Link) -> String? = { _ in nil }, attributes: (Link) -> [(name: String, value: String)] = { _ in [] },
        image: (Link) -> ImageMarkup? = { _ in nil }
    ) -> String {
        let rewritten = links.map(rewrite)
        let (parts, placeholderLinks) = html.contents
        var html = parts.first ?? ""
        let imageStart = "<img src=\""
        for (offset, index) in placeholderLinks.enumerated() {
            let link = links[index]
            var next = parts[offset + 1]
            let markup = link.kind == .image && html.hasSuffix(imageStart) ? image(link) : nil
            if let markup {
                html.removeLast(imageStart.count)
                html += markup.before + imageStart
            }
            html += Self.attributeValue(of: rewritten[index] ?? link.destination, kind: link.kind, options: options)
            // Inside `href="…"` or `src="…"`: each attribute closes the value before it and leaves
            // its own open for the quote that closed the first.
            let added = markup?.attributes ?? (link.kind == .link ? attributes(link) : [])
            for (name, value) in added where !name.isEmpty && name.allSatisfy({ ("a"..."z").contains($0) || $0 == "-" })
            {
                html += "\" \(name)=\"\(XMLEscaping.escape(value))"
            }
            // cmark ends an image with ` />`; its alt text is escaped, so the first `/>` is the end.
            if let markup, !markup.after.isEmpty, let end = next.range(of: "/>") {
                next.insert(contentsOf: markup.after, at: end.upperBound)
            }
            html += next
        }
        return html
    }

    /// Lets the HTML go once every page has been rendered (a site's is tens of megabytes); the
    /// headings, links and text stay.
    public func releaseHTML() {
        html.release()
    }

    /// A destination as cmark writes it in `href` or `src`: escaped, or empty when it is a
    /// dangerous URL (`javascript:`…) and raw HTML is off. Asked of cmark itself, from a
    /// one-node document.
    static func attributeValue(of destination: String, kind: Link.Kind, options: Int32) -> String {
        guard let node = cmark_node_new(kind == .image ? CMARK_NODE_IMAGE : CMARK_NODE_LINK) else { return "" }
        defer { cmark_node_free(node) }
        cmark_node_set_url(node, destination)
        guard let pointer = cmark_render_html(node, options, nil) else { return "" }
        defer { free(pointer) }
        // `<a href="…"></a>` or `<img src="…" alt="" />`: the value has no `"` (escaped as %22).
        let html = UnsafeBufferPointer(
            start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
        guard let open = html.firstIndex(of: UInt8(ascii: "\"")),
            let close = html[(open + 1)...].firstIndex(of: UInt8(ascii: "\""))
        else { return "" }
        return String(decoding: html[(open + 1)..<close], as: UTF8.self)
    }

    /// `html` cut at every `"<marker><n>"` attribute value, with the link numbers in the order
    /// they appear; nil when the marker appears anywhere else or a number twice. Works on bytes
    /// (String searching was a tenth of parsing).
    static func cut(_ bytes: [UInt8], at marker: String, linkCount: Int) -> ([String], [Int])? {
        let needle = Array(marker.utf8)
        var parts: [String] = []
        var order: [Int] = []
        var seen = Set<Int>()
        var start = 0
        var searchFrom = 0
        while let found = find(needle, in: bytes, from: searchFrom) {
            var end = found + needle.count
            var index = 0
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9"), index < linkCount
            {
                index = index * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                end += 1
            }
            guard found >= 2, bytes[found - 2] == UInt8(ascii: "="), bytes[found - 1] == UInt8(ascii: "\""),
                end > found + needle.count, index < linkCount, end < bytes.count, bytes[end] == UInt8(ascii: "\""),
                seen.insert(index).inserted
            else { return nil }
            parts.append(String(decoding: bytes[start..<found], as: UTF8.self))
            order.append(index)
            start = end
            searchFrom = end
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return (parts, order)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from offset: Int) -> Int? {
        guard let first = needle.first, haystack.count - offset >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay in
            var position = offset
            let last = hay.count - needle.count
            while position <= last {
                if hay[position] == first {
                    var matched = 1
                    while matched < needle.count, hay[position + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return position }
                }
                position += 1
            }
            return nil
        }
    }

    private static func isInsideImage(_ node: OpaquePointer) -> Bool {
        var parent = cmark_node_parent(node)
        while let current = parent {
            if cmark_node_get_type(current) == CMARK_NODE_IMAGE { return true }
            parent = cmark_node_parent(current)
        }
        return false
    }

    /// cmark marks each block with `data-sourcepos="L:C-L:C"`; headings turn that into their
    /// id and every other element loses it. Text cannot contain the attribute unescaped.
    private static func replaceSourcePositions(
        in rendered: UnsafeRawBufferPointer, headingIDsByLine: [Int: String]
    ) -> [UInt8] {
        let marker = Array(" data-sourcepos=\"".utf8)
        let bytes = Array(rendered)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: " "), bytes.count - index >= marker.count,
                bytes[index..<(index + marker.count)].elementsEqual(marker)
            {
                let valueStart = index + marker.count
                var valueEnd = valueStart
                while valueEnd < bytes.count, bytes[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
                if isHeadingTag(bytes, before: index), let line = startLine(bytes[valueStart..<valueEnd]),
                    let id = headingIDsByLine[line]
                {
                    output.append(contentsOf: Array(" id=\"\(id)\"".utf8))
                }
                index = valueEnd + 1
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return output
    }

    private static func isHeadingTag(_ bytes: [UInt8], before index: Int) -> Bool {
        index >= 3 && bytes[index - 3] == UInt8(ascii: "<") && bytes[index - 2] == UInt8(ascii: "h")
            && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[index - 1])
    }

    private static func startLine(_ value: ArraySlice<UInt8>) -> Int? {
        Int(String(decoding: value.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self))
    }

    /// `## Histoire {#history}` keeps a stable anchor across translations: strip the suffix
    /// from the heading's text and return the id.
    private static func stripExplicitID(from heading: OpaquePointer) -> String? {
        guard let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT,
            let literal = cmark_node_get_literal(last).map({ String(cString: $0) })
        else { return nil }
        guard literal.hasSuffix("}"), let open = literal.range(of: "{#", options: .backwards) else { return nil }
        let id = String(literal[open.upperBound..<literal.index(before: literal.endIndex)])
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        var remaining = String(literal[..<open.lowerBound])
        while remaining.hasSuffix(" ") { remaining.removeLast() }
        cmark_node_set_literal(last, remaining)
        return id
    }

    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)!
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM, CMARK_NODE_HEADING, CMARK_NODE_BLOCK_QUOTE:
                // Blocks are separate words: "a" and "b" in a list are not "ab".
                if !text.isEmpty && !text.hasSuffix(" ") { text += " " }
            case CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(child) { text += " " + String(cString: literal) }
            default:
                break
            }
        }
        return trimmed(text)
    }

    /// `text` without leading and trailing white space (Foundation's trimming bridges to NSString,
    /// which showed in profiles: this runs for every block of every page).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// cmark counts columns in bytes; editors count characters.
    static func characterColumn(byteColumn: Int, line: Int, in source: String, lineStarts: [String.Index]) -> Int {
        guard line >= 1, line <= lineStarts.count, byteColumn > 1 else { return max(1, byteColumn) }
        let utf8 = source.utf8[lineStarts[line - 1]...].prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        let prefix = utf8.prefix(byteColumn - 1)
        return String(decoding: prefix, as: UTF8.self).count + 1
    }

    /// Where each line begins, by bytes; like cmark, a line ends at `\n`, `\r\n` or `\r`.
    static func lineStarts(of source: String) -> [String.Index] {
        var starts = [source.startIndex]
        let utf8 = source.utf8
        var index = utf8.startIndex
        while let end = utf8[index...].firstIndex(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            index = utf8.index(after: end)
            if utf8[end] == UInt8(ascii: "\r"), index != utf8.endIndex, utf8[index] == UInt8(ascii: "\n") {
                index = utf8.index(after: index)
            }
            starts.append(index)
        }
        return starts
    }
}

/// A document's rendered HTML and the link number of each placeholder in it, shared by the
/// threads that render pages until a one-off build lets it go.
final class HTMLParts: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String]
    private var placeholderLinks: [Int]

    init(parts: [String], placeholderLinks: [Int]) {
        self.parts = parts
        self.placeholderLinks = placeholderLinks
    }

    var contents: ([String], [Int]) { lock.withLock { (parts, placeholderLinks) } }

    func release() {
        lock.withLock {
            parts = []
            placeholderLinks = []
        }
    }
}
