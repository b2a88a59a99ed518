import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Decides whether an SVG may be published as it is. An SVG opened on its own runs in the site's
/// origin like a page, so anything that runs or loads something is refused, each finding at its
/// file:line:column naming the element: `<script>` (and SVG Tiny's `<handler>`), `on…=` event
/// attributes, `<foreignObject>` (HTML inside), `href`/`xlink:href` to anything but `#…` in the same
/// document, `url(…)` not starting with `#`, `@import` and CSS escapes in styles, `javascript:`
/// anywhere, animations that set an `href` or a handler, `<?xml-stylesheet?>`, and `<!DOCTYPE>` /
/// `<!ENTITY>` (entity expansion). It parses the SVG as XML and changes nothing: a safe SVG comes
/// back byte for byte.
public struct SVGSanitizer: Sendable {
    /// One thing that makes an SVG unsafe, where it starts.
    public struct Violation: Sendable, Equatable {
        public let line: Int
        public let column: Int
        /// The element as written, e.g. "<script>" or "<!DOCTYPE>".
        public let element: String
        /// A plain sentence naming the element and what is wrong.
        public let reason: String
    }

    /// Returns `data` unchanged when safe; throws `.unsafeSVG` listing every finding, or
    /// `.malformedSVG` when it is not XML. `file` is how errors name the file.
    public static func check(_ data: Data, file: String) throws(ImageError) -> Data {
        let bytes = [UInt8](data)
        let locator = Locator(bytes: bytes)
        // DTDs are refused before the XML parser sees them, so no entity is ever expanded.
        let declarations = locator.find(["<!doctype", "<!entity"])
        if !declarations.isEmpty {
            throw .unsafeSVG(
                file: file,
                violations: declarations.map { offset in
                    let (line, column) = locator.position(of: offset)
                    let entity = locator.matches(at: offset, "<!entity")
                    let element = entity ? "<!ENTITY>" : "<!DOCTYPE>"
                    return Violation(
                        line: line, column: column, element: element,
                        reason:
                            "\(element) is not allowed: a document type can declare entities that expand or load files."
                    )
                })
        }
        let delegate = Inspector(locator: locator)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        let parsed = parser.parse()
        if let failure = delegate.failure {
            throw .malformedSVG(file: file, line: failure.line, column: failure.column, detail: failure.detail)
        }
        if !parsed {
            let detail = parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error"
            throw .malformedSVG(file: file, line: parser.lineNumber, column: parser.columnNumber, detail: detail)
        }
        guard delegate.violations.isEmpty else { throw .unsafeSVG(file: file, violations: delegate.violations) }
        guard delegate.sawRoot else {
            throw .malformedSVG(file: file, line: 1, column: 1, detail: "there is no <svg> element")
        }
        return data
    }
}

/// Byte offsets to line and column (both from 1), and the start of an element before the parser's
/// position (libxml2 reports where a start tag ends).
private struct Locator {
    let bytes: [UInt8]
    let lineStarts: [Int]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        self.lineStarts = starts
    }

    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    func matches(at offset: Int, _ lowercased: String) -> Bool {
        let pattern = Array(lowercased.utf8)
        guard offset + pattern.count <= bytes.count else { return false }
        for (index, byte) in pattern.enumerated() {
            let actual = bytes[offset + index]
            let lower = (65...90).contains(actual) ? actual + 32 : actual
            if lower != byte { return false }
        }
        return true
    }

    func find(_ patterns: [String]) -> [Int] {
        var found: [Int] = []
        for offset in bytes.indices where bytes[offset] == UInt8(ascii: "<") {
            if patterns.contains(where: { matches(at: offset, $0) }) { found.append(offset) }
        }
        return found
    }

    /// Where `<qualifiedName` starts at or before the parser's (line, column).
    func elementStart(name: String, line: Int, column: Int) -> (line: Int, column: Int) {
        guard line >= 1, line <= lineStarts.count else { return (max(line, 1), max(column, 1)) }
        var offset = min(lineStarts[line - 1] + max(column - 1, 0), bytes.count - 1)
        let tag = "<" + name.lowercased()
        while offset >= 0 {
            if bytes[offset] == UInt8(ascii: "<") && matches(at: offset, tag) { return position(of: offset) }
            offset -= 1
        }
        return (line, column)
    }
}

private final class Inspector: NSObject, XMLParserDelegate {
    let locator: Locator
    var violations: [Violation] = []
    var sawRoot = false
    /// The first XML error (libxml2 may report one and still finish).
    var failure: (line: Int, column: Int, detail: String)?
    /// Open `<style>` elements: where each starts, and its text so far.
    private var styles: [(line: Int, column: Int, text: String)] = []

    typealias Violation = SVGSanitizer.Violation

    init(locator: Locator) {
        self.locator = locator
    }

    private func add(_ element: String, at place: (line: Int, column: Int), _ reason: String) {
        violations.append(Violation(line: place.line, column: place.column, element: element, reason: reason))
    }

    private static func localName(_ name: String) -> String {
        String(name.split(separator: ":").last ?? Substring(name)).lowercased()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let place = locator.elementStart(name: elementName, line: parser.lineNumber, column: parser.columnNumber)
        let tag = "<\(elementName)>"
        let local = Self.localName(elementName)
        if !sawRoot {
            sawRoot = true
            if local != "svg" { add(tag, at: place, "\(tag) is not an SVG document's root element (<svg> is).") }
        }
        switch local {
        case "script", "handler":
            add(tag, at: place, "\(tag) is not allowed: scripts in an SVG run with the site's rights.")
        case "foreignobject":
            add(tag, at: place, "\(tag) is not allowed: it embeds HTML, which can run scripts and load pages.")
        case "style":
            styles.append((place.line, place.column, ""))
        default: break
        }
        let animation = ["set", "animate", "animatecolor", "animatemotion", "animatetransform"].contains(local)
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            let attribute = Self.localName(name)
            if name.lowercased() == "xmlns" || name.lowercased().hasPrefix("xmlns:") { continue }
            if attribute.hasPrefix("on") {
                add(tag, at: place, "\(tag) has the event attribute \(name)=, which runs a script.")
            } else if attribute == "href" {
                let target = value.trimmingCharacters(in: .whitespacesAndNewlines)
                if !target.hasPrefix("#") {
                    add(tag, at: place, "\(tag) has \(name)=\"\(target)\": only links inside the SVG (#…) are allowed.")
                }
            } else if animation && attribute == "attributename" {
                let animated = Self.localName(value.trimmingCharacters(in: .whitespaces))
                if animated == "href" || animated.hasPrefix("on") {
                    add(tag, at: place, "\(tag) animates \(value), which can make a link or a script.")
                }
            }
            if value.lowercased().contains("javascript:") {
                add(tag, at: place, "\(tag) has \(name)= with a javascript: address.")
            } else if attribute == "style" || value.lowercased().contains("url(") {
                for problem in Self.cssProblems(value) { add(tag, at: place, "\(tag) has \(name)= \(problem)") }
            }
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if failure == nil {
            let code = (parseError as NSError).code
            failure = (parser.lineNumber, parser.columnNumber, "XML error \(code)")
        }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !styles.isEmpty { styles[styles.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if !styles.isEmpty { styles[styles.count - 1].text += String(decoding: block, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard Self.localName(elementName) == "style", let style = styles.popLast() else { return }
        for problem in Self.cssProblems(style.text) {
            add("<\(elementName)>", at: (style.line, style.column), "<\(elementName)> has CSS \(problem)")
        }
    }

    func parser(_ parser: XMLParser, foundProcessingInstructionWithTarget target: String, data: String?) {
        if target.lowercased() != "xml" {
            add(
                "<?\(target)?>", at: (parser.lineNumber, max(parser.columnNumber, 1)),
                "<?\(target)?> is not allowed: it can load a style sheet from elsewhere.")
        }
    }

    /// What is unsafe in a piece of CSS, as the ends of sentences.
    static func cssProblems(_ css: String) -> [String] {
        let lower = css.lowercased()
        var problems: [String] = []
        if lower.contains("@import") { problems.append("with @import, which loads a style sheet from elsewhere.") }
        if lower.contains("\\") { problems.append("with a CSS escape (\\), which can hide a url( or @import.") }
        if lower.contains("javascript:") { problems.append("with a javascript: address.") }
        var rest = lower[...]
        while let range = rest.range(of: "url(") {
            let target = rest[range.upperBound...].drop {
                $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\t" || $0 == "\n"
            }
            if !target.hasPrefix("#") {
                let shown = target.prefix { $0 != ")" && $0 != "\"" && $0 != "'" }.prefix(60)
                problems.append("with url(\(shown)): only references inside the SVG (url(#…)) are allowed.")
            }
            rest = rest[range.upperBound...]
        }
        return problems
    }
}
