import Foundation
import SiteBuilder
import SiteOutput

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What no built file may contain, whatever the content: script the theme did not write, event
/// handlers, frames and plug-ins, or links that run code. Used on the hostile fixtures.
enum OutputSafety {
    static func problems(in files: [OutputFile]) -> [String] {
        var problems: [String] = []
        for file in files {
            let text = String(decoding: file.contents, as: UTF8.self)
            if file.path.hasSuffix(".html") {
                problems += htmlProblems(text).map { "\(file.path): \($0)" }
            } else if file.path.hasSuffix(".json") {
                if (try? JSONSerialization.jsonObject(with: file.contents, options: [.fragmentsAllowed])) == nil {
                    problems.append("\(file.path): not valid JSON")
                }
            } else if file.path.hasSuffix(".xml") {
                if !XMLParser(data: file.contents).parse() { problems.append("\(file.path): not well-formed XML") }
            }
        }
        return problems
    }

    private static let forbiddenElements: Set = ["iframe", "frame", "object", "embed", "style", "base"]
    private static let urlAttributes: Set = ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster"]

    static func htmlProblems(_ html: String) -> [String] {
        var problems: [String] = []
        for tag in tags(in: html) {
            if forbiddenElements.contains(tag.name) { problems.append("<\(tag.name)> element") }
            if tag.name == "meta" && tag.attributes["http-equiv"] != nil { problems.append("meta http-equiv") }
            if tag.name == "script" {
                let type = tag.attributes["type"]
                let source = tag.attributes["src"] ?? ""
                if type == "application/ld+json" {
                    // Checked below: its text must not contain markup.
                } else if !(source.hasPrefix("/js/") && tag.attributes.count <= 3) {
                    problems.append("script not from the theme: \(tag.raw)")
                }
            }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { problems.append("event handler \(name)= in \(tag.raw)") }
                if name == "style" { problems.append("style attribute in \(tag.raw)") }
                if urlAttributes.contains(name), let scheme = scheme(of: value),
                    ["javascript", "vbscript", "data", "file"].contains(scheme),
                    !(tag.name == "img" && name == "src" && value.lowercased().hasPrefix("data:image/png")),
                    // The theme's empty icon, which spares browsers a request for /favicon.ico.
                    !(tag.name == "link" && value == "data:,")
                {
                    problems.append("\(scheme): URL in \(tag.raw)")
                }
            }
        }
        var rest = html[...]
        while let start = rest.range(of: "<script type=\"application/ld+json\">") {
            guard let end = rest[start.upperBound...].range(of: "</script>") else { break }
            let json = rest[start.upperBound..<end.lowerBound]
            if json.contains("<") { problems.append("markup inside JSON-LD: \(json.prefix(120))") }
            if (try? JSONSerialization.jsonObject(with: Data(json.utf8))) == nil {
                problems.append("JSON-LD that is not JSON: \(json.prefix(120))")
            }
            rest = rest[end.upperBound...]
        }
        return problems
    }

    /// The scheme a browser would see: entities decoded, tabs, newlines and control characters
    /// dropped, letters lowered.
    static func scheme(of value: String) -> String? {
        var decoded = value
        for (entity, character) in [
            ("&#x09;", "\t"), ("&#9;", "\t"), ("&#x0A;", "\n"), ("&colon;", ":"), ("&#58;", ":"), ("&amp;", "&"),
        ] {
            decoded = decoded.replacingOccurrences(of: entity, with: character, options: .caseInsensitive)
        }
        let cleaned = String(
            String.UnicodeScalarView(decoded.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        guard let colon = cleaned.firstIndex(of: ":") else { return nil }
        let candidate = cleaned[..<colon].lowercased()
        guard !candidate.isEmpty, candidate.allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) }) else {
            return nil
        }
        return candidate
    }

    struct Tag {
        var name: String
        var attributes: [String: String]
        var raw: String
    }

    /// Start tags with their attributes, as an HTML tokenizer would split them (outside comments).
    static func tags(in html: String) -> [Tag] {
        var tags: [Tag] = []
        let comment = try! NSRegularExpression(pattern: "<!--.*?-->", options: [.dotMatchesLineSeparators])
        let text = comment.stringByReplacingMatches(
            in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "")
        let tagPattern = try! NSRegularExpression(pattern: "<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
        let attributePattern = try! NSRegularExpression(
            pattern: "([^\\s\"'>/=]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?")
        for match in tagPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let name = String(text[Range(match.range(at: 1), in: text)!]).lowercased()
            let attributeText = String(text[Range(match.range(at: 2), in: text)!])
            var attributes: [String: String] = [:]
            for attribute in attributePattern.matches(
                in: attributeText, range: NSRange(attributeText.startIndex..., in: attributeText))
            {
                let key = String(attributeText[Range(attribute.range(at: 1), in: attributeText)!]).lowercased()
                var value = ""
                for group in 2...4 {
                    if let range = Range(attribute.range(at: group), in: attributeText) {
                        value = String(attributeText[range])
                    }
                }
                attributes[key] = value
            }
            tags.append(
                Tag(name: name, attributes: attributes, raw: String(text[Range(match.range, in: text)!].prefix(160))))
        }
        return tags
    }
}
