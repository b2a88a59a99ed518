import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The size an SVG is drawn at when nothing else says: its root's `width` and `height` when both
/// are plain lengths, else its `viewBox`'s. The page gives `<img>` these as `width`/`height` so the
/// browser reserves the logo's box before it loads (no layout shift). nil when the SVG gives neither
/// (then the theme's CSS box decides). Call it on an SVG that `SVGSanitizer` accepted.
public struct SVGDimensions: Sendable, Equatable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public init?(_ data: Data) {
        let reader = RootReader()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        parser.parse()
        guard let attributes = reader.attributes else { return nil }
        if let width = attributes["width"].flatMap(Self.length), let height = attributes["height"].flatMap(Self.length),
            width >= 1, height >= 1
        {
            self.width = Int(width.rounded())
            self.height = Int(height.rounded())
            return
        }
        let box = (attributes["viewBox"] ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).compactMap {
            Double($0)
        }
        guard box.count == 4, box[2] > 0, box[3] > 0 else { return nil }
        // A tiny viewBox (0 0 1 0.5) is scaled up so that its ratio survives rounding.
        let scale = min(box[2], box[3]) < 16 ? 100 / min(box[2], box[3]) : 1
        self.width = Int((box[2] * scale).rounded())
        self.height = Int((box[3] * scale).rounded())
    }

    /// `120`, `120px` or `120.5`; percentages and other units do not give a size.
    static func length(_ text: String) -> Double? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.hasSuffix("px") { value.removeLast(2) }
        return Double(value)
    }
}

/// Reads the first element's attributes and stops.
private final class RootReader: NSObject, XMLParserDelegate {
    var attributes: [String: String]?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        if attributes == nil { attributes = attributeDict }
        parser.abortParsing()
    }
}
