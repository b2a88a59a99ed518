import Mustache
import SiteCore

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
        XMLEscaping.escape(text, apostrophe: "&#39;")
    }

    /// Registers the content type with swift-mustache (a registry the library keeps per process;
    /// registering again is harmless).
    static func register() {
        MustacheContentTypes.register(HTMLEscaping(), named: name)
    }
}
