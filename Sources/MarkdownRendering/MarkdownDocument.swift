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
/// Owns the cmark tree; one stage uses it at a time, so it is handed between stages as a
/// reference (`@unchecked Sendable`) but never touched by two threads at once.
public final class MarkdownDocument: @unchecked Sendable {
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

    public let headings: [Heading]
    public let links: [Link]
    /// The text of the first paragraph, for summaries and meta descriptions.
    public let firstParagraph: String
    /// The plain text of the document cut at each heading: the text before the first heading has
    /// no heading id. For search, so a match can link to the heading nearest it.
    public let segments: [(headingID: String?, heading: String?, text: String)]

    private let parser: OpaquePointer
    private let root: OpaquePointer
    private let extensions: UnsafeMutablePointer<cmark_llist>?
    private let options: Int32
    private let linkNodes: [OpaquePointer]
    private let headingIDsByLine: [Int: String]

    init(
        parser: OpaquePointer, root: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?, options: Int32,
        source: String
    ) {
        self.parser = parser
        self.root = root
        self.extensions = extensions
        self.options = options
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)

        var headings: [Heading] = []
        var links: [Link] = []
        var linkNodes: [OpaquePointer] = []
        var firstParagraph: String?
        var usedIDs: [String: Int] = [:]

        let iterator = cmark_iter_new(root)!
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            // Positions are worked out only for what diagnostics point at: most nodes are text.
            var line: Int { Int(cmark_node_get_start_line(node)) }
            var column: Int {
                Self.characterColumn(byteColumn: Int(cmark_node_get_start_column(node)), line: line, lines: lines)
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
        var segments: [(headingID: String?, heading: String?, text: String)] = []
        var headingIndex = 0
        var block = cmark_node_first_child(root)
        while let node = block {
            if cmark_node_get_type(node) == CMARK_NODE_HEADING, headingIndex < headings.count {
                segments.append((headings[headingIndex].id, headings[headingIndex].text, ""))
                headingIndex += 1
            } else {
                let text = Self.plainText(of: node)
                if segments.isEmpty { segments.append((nil, nil, "")) }
                segments[segments.count - 1].text += segments[segments.count - 1].text.isEmpty ? text : " " + text
            }
            block = cmark_node_next(node)
        }
        self.segments = segments
        self.headings = headings
        self.links = links
        self.linkNodes = linkNodes
        self.firstParagraph = firstParagraph ?? ""
        self.headingIDsByLine = Dictionary(headings.map { ($0.line, $0.id) }, uniquingKeysWith: { first, _ in first })
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Renders HTML. `rewrite` gets each link in document order and returns its new destination
    /// (nil keeps it). Headings get their ids.
    public func renderHTML(rewrite: (Link) -> String? = { _ in nil }) -> String {
        // Rewriting sets URLs in the shared tree: an untranslated page renders the same document
        // in several languages, with different link targets, possibly on several threads at once.
        renderLock.lock()
        for link in links {
            if let replacement = rewrite(link) {
                cmark_node_set_url(linkNodes[link.index], replacement)
            }
        }
        let html = cmark_render_html(root, options, extensions)
        renderLock.unlock()
        guard let html else { return "" }
        defer { free(html) }
        return replaceSourcePositions(in: String(cString: html))
    }

    private let renderLock = NSLock()

    /// cmark marks each block with `data-sourcepos="L:C-L:C"`; headings turn that into their
    /// id and every other element loses it. Text cannot contain the attribute unescaped.
    private func replaceSourcePositions(in html: String) -> String {
        let marker = Array(" data-sourcepos=\"".utf8)
        let bytes = Array(html.utf8)
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
        return String(decoding: output, as: UTF8.self)
    }

    private func isHeadingTag(_ bytes: [UInt8], before index: Int) -> Bool {
        index >= 3 && bytes[index - 3] == UInt8(ascii: "<") && bytes[index - 2] == UInt8(ascii: "h")
            && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[index - 1])
    }

    private func startLine(_ value: ArraySlice<UInt8>) -> Int? {
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
    static func characterColumn(byteColumn: Int, line: Int, lines: [Substring]) -> Int {
        guard line >= 1, line <= lines.count, byteColumn > 1 else { return max(1, byteColumn) }
        let utf8 = lines[line - 1].utf8
        let prefix = utf8.prefix(byteColumn - 1)
        return String(decoding: prefix, as: UTF8.self).count + 1
    }
}
