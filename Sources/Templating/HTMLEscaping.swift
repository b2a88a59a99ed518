import Mustache

/// How `{{value}}` is escaped in HTML: the same five characters as swift-mustache's HTML content
/// type (`<`, `>`, `&`, `"`, `'`), found on UTF-8 bytes. The library walks Characters with a
/// dictionary lookup each, which was 13 % of a 10,000-page build; most values need no escaping at
/// all and are returned as they are.
///
/// swift-mustache picks a content type per template with a `CONTENT_TYPE` pragma, and partials
/// start again from its default, so `Theme` puts the pragma in front of every template it loads.
struct HTMLEscaping: MustacheContentType {
    static let name = "interact-site-html"
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"

    func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 })
        else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x3C: escaped.append(contentsOf: "&lt;".utf8)
            case 0x3E: escaped.append(contentsOf: "&gt;".utf8)
            case 0x26: escaped.append(contentsOf: "&amp;".utf8)
            case 0x22: escaped.append(contentsOf: "&quot;".utf8)
            case 0x27: escaped.append(contentsOf: "&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Registers the content type with swift-mustache (a registry the library keeps per process;
    /// registering again is harmless).
    static func register() {
        MustacheContentTypes.register(HTMLEscaping(), named: name)
    }
}
