import Foundation
import QRCodes
import SiteCore
import Templating

/// Writes each printed code's landing page, `/Q/<code>/`, and its QR image, `/Q/<code>/qr.svg`.
public struct ShortLinkWriter {
    let graph: SiteGraph
    let pages: PageRenderer

    /// `HTTPS://HOST/Q/CODE`: scheme and host in capitals (they are case-insensitive) so the whole
    /// address fits QR's alphanumeric mode when the site has no sub-path.
    public static func link(_ code: String, baseURL: String) -> String {
        guard let schemeEnd = baseURL.range(of: "://") else { return baseURL + "Q/" + code }
        let afterScheme = baseURL[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        return baseURL[..<schemeEnd.upperBound].uppercased() + afterScheme[..<hostEnd].uppercased()
            + afterScheme[hostEnd...] + "Q/" + code
    }

    /// `interact-europe.org/Q/CODE`, as printed under a code.
    public static func text(_ code: String, baseURL: String) -> String {
        var address = baseURL
        if let schemeEnd = address.range(of: "://") { address = String(address[schemeEnd.upperBound...]) }
        return address + "Q/" + code
    }

    func write() -> [OutputFile] {
        var files: [OutputFile] = []
        let config = graph.config
        for entry in graph.ledger.entries {
            var links: [LanguageLink] = []
            var title = entry.url ?? entry.code
            var defaultURL = entry.url ?? "/\(config.defaultLanguage)/"
            if entry.url == nil, let group = entry.group {
                links = pages.languageLinks(group: group, current: "").filter(\.hasTranslation)
                if let best = graph.bestPage(group: group, for: config.defaultLanguage) {
                    title = graph.pages[best].title
                    defaultURL = graph.pages[best].url
                }
            }
            let context = ShortLinkContext(
                site: pages.siteInfo(language: config.defaultLanguage), code: entry.code, title: title, links: links,
                defaultURL: defaultURL, i18n: pages.strings(config.defaultLanguage))
            files.append(
                OutputFile(
                    path: "Q/\(entry.code)/index.html", text: graph.theme.render(context, template: "shortlink") ?? ""))
            let link = Self.link(entry.code, baseURL: config.baseURL)
            if let code = QRCode(link) {
                files.append(OutputFile(path: "Q/\(entry.code)/qr.svg", text: code.svg(title: "QR code: \(link)")))
            }
        }
        return files
    }
}
