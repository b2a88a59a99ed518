import ContentModel
import Foundation
import QRCodes
import ShortLinks
import SiteCore
import SiteOutput
import Templating

/// Writes each printed code's landing page, `/Q/<code>/`, and its QR image, `/Q/<code>/qr.svg`.
public struct ShortLinkWriter: Sendable {
    init(graph: SiteGraph, pages: PageModels, threads: Int = 0, rendering: CachedRendering? = nil) {
        self.graph = graph
        self.pages = pages
        self.threads = threads
        self.rendering = rendering ?? CachedRendering(theme: graph.theme, output: nil)
    }

    let graph: SiteGraph
    let pages: PageModels
    /// 1: make the codes on the calling thread only.
    var threads = 0
    /// Posters and landing pages through the build cache, when the build keeps one.
    var rendering: CachedRendering

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

    /// Phones read a code held at arm's length when a module is at least half a millimetre wide;
    /// docs/qr-codes.md explains the figure and how to size codes read from further away.
    public static let minimumModuleMillimetres = 0.5

    /// The printed width of `code` (quiet zone included) at the minimum module size, rounded up.
    public static func minimumWidth(of code: QRCode, quietZone: Int = 4) -> Int {
        Int((Double(code.size + 2 * quietZone) * minimumModuleMillimetres).rounded(.up))
    }

    /// A ledger entry with its image and where it leads.
    struct PrintedCode {
        var entry: ShortLinkLedger.Entry
        var qr: QRCode
        var link: String
        /// Nil for outside links.
        var group: TranslationGroup?
    }

    /// Every code in the ledger, encoded at its page's error-correction level.
    func printedCodes() -> [PrintedCode] {
        let config = graph.config
        return graph.ledger.entries.compactMap { entry in
            let group = entry.url == nil ? entry.group : nil
            let level = group.flatMap { graph.qrErrorCorrection[$0] } ?? config.qrErrorCorrection
            let link = Self.link(entry.code, baseURL: config.baseURL)
            guard let qr = QRCode(link, errorCorrection: QRCode.ErrorCorrection(rawValue: level.rawValue) ?? .medium)
            else {
                return nil
            }
            return PrintedCode(entry: entry, qr: qr, link: link, group: group)
        }
    }

    /// A line for the build's summary: how many codes of each version and level, and how small they print.
    func report(_ codes: [PrintedCode]) -> String {
        var counts: [String: (count: Int, width: Int)] = [:]
        for printed in codes {
            let key = "version \(printed.qr.version)-\(printed.qr.errorCorrection.rawValue)"
            counts[key] = ((counts[key]?.count ?? 0) + 1, Self.minimumWidth(of: printed.qr))
        }
        let parts = counts.sorted { $0.key < $1.key }.map {
            "\($0.value.count) at \($0.key) (≥ \($0.value.width) mm wide)"
        }
        return "\(codes.count) QR code\(codes.count == 1 ? "" : "s"): \(parts.joined(separator: ", "))."
    }

    /// With `emit`, posters are handed over a chunk at a time instead of returned (10,000 posters
    /// are tens of megabytes).
    func write(_ codes: [PrintedCode], emit: (@Sendable ([OutputFile]) -> Void)? = nil) -> [OutputFile] {
        // Landing pages and codes on every core.
        var files = ParallelMap.chunks(count: codes.count, threads: threads) { range in
            range.flatMap { landingFiles(codes[$0]) }
        }
        guard graph.theme.hasTemplate("qr-sheet") else { return files }
        let languages = graph.config.languages.map(\.code)
        let sheets = languages.map { language in
            pages.generatedPageContext(
                language: language, url: "/\(language)/qr/", title: pages.strings(language)["qrSheet"] ?? "QR codes",
                kind: "qr-sheet")
        }
        // Each language's row of each code (and its posters) on its own, so both cores stay busy
        // to the end: posters are most of the work, and five languages do not split evenly in two.
        let rows = ParallelMap.chunks(count: languages.count * codes.count, threads: threads) { range in
            var rows = range.map { index in
                let language = index / max(1, codes.count)
                return row(codes[index % codes.count], language: languages[language], sheet: sheets[language])
            }
            if let emit {
                emit(rows.flatMap(\.posters))
                for index in rows.indices { rows[index].posters = [] }
            }
            return rows
        }
        files += rows.flatMap(\.posters)
        files += ParallelMap.chunks(count: languages.count, threads: threads, perCore: languages.count) { range in
            range.map { language in
                let start = language * codes.count
                return sheet(
                    rows[start..<(start + codes.count)].compactMap(\.info), language: languages[language],
                    context: sheets[language])
            }
        }
        return files
    }

    /// `/Q/<code>/`, the page a printed code opens, and the code itself.
    private func landingFiles(_ printed: PrintedCode) -> [OutputFile] {
        let config = graph.config
        let entry = printed.entry
        var links: [LanguageLink] = []
        var title = entry.url ?? entry.code
        var defaultURL = entry.url ?? "/\(config.defaultLanguage)/"
        if let group = printed.group {
            links = pages.languageLinks(group: group, current: "").filter(\.hasTranslation)
            if let best = graph.bestPage(group: group, for: config.defaultLanguage) {
                title = graph.pages[best].title
                defaultURL = graph.pages[best].url
            }
        }
        let context = ShortLinkContext(
            site: pages.siteInfo(language: config.defaultLanguage), code: entry.code, title: title, links: links,
            defaultURL: defaultURL, i18n: pages.strings(config.defaultLanguage))
        return [
            rendering.file("Q/\(entry.code)/index.html", model: context, template: "shortlink") {
                graph.theme.render(context, template: "shortlink")
            },
            rendering.file(
                "Q/\(entry.code)/qr.svg",
                key: {
                    // The drawing is made from the code's modules and its title; the modules from
                    // the link, level and version (by libqrencode, part of the memo's generator).
                    var hasher = StableHasher()
                    hasher.combine(printed.link)
                    hasher.combine(printed.qr.errorCorrection.rawValue)
                    hasher.combine(printed.qr.version)
                    return "qr " + hasher.hexDigest
                }, make: { printed.qr.svg(title: "QR code: \(printed.link)") }),
        ]
    }

    /// One code's row on the QR sheet of `language` (nil when its page is not in that language),
    /// and its poster `/<lang>/qr/<code>.html` when the page is translated into `language` (a file,
    /// not a folder: tens of thousands of folders cost more to write than the files themselves).
    /// One poster prints on A4 or A5, whichever paper the print dialog has: it is drawn in units of
    /// the page's width (site.css), so one file does what an A4 and an A5 file did, and a build
    /// of 10,000 pages writes 10,000 files fewer.
    private func row(
        _ printed: PrintedCode, language: String, sheet: PageContext
    ) -> (
        info: QRCodeInfo?, posters: [OutputFile]
    ) {
        var posters: [OutputFile] = []
        let entry = printed.entry
        var info = QRCodeInfo(
            code: entry.code, title: entry.url ?? entry.code, lang: language, description: nil,
            url: entry.url ?? "", isExternal: entry.url != nil, shortLink: printed.link,
            shortLinkText: Self.text(entry.code, baseURL: graph.config.baseURL),
            imageURL: "/Q/\(entry.code)/qr.svg", version: printed.qr.version,
            errorCorrection: printed.qr.errorCorrection.rawValue,
            minimumWidth: "\(Self.minimumWidth(of: printed.qr)) mm")
        if let group = printed.group {
            guard let best = graph.bestPage(group: group, for: language) else { return (nil, []) }
            let page = graph.pages[best]
            info.title = page.title
            info.lang = page.contentLanguage
            info.url = page.url
            info.description = page.source?.frontMatter.description
            let posterLanguage = page.contentLanguage
            info.posterURL = "/\(posterLanguage)/qr/\(entry.code).html"
            if posterLanguage == language, let url = info.posterURL {
                var posterContext = pages.generatedPageContext(
                    language: language, url: url, title: page.title, kind: "poster", navigation: sheet)
                posterContext.page.description = info.description
                posterContext.poster = info
                posters.append(
                    rendering.file(String(url.dropFirst()), model: posterContext, template: "poster") {
                        graph.theme.render(posterContext, template: "poster")
                    })
            }
        }
        return (info, posters)
    }

    /// `/<lang>/qr/`, the QR sheet.
    private func sheet(_ rows: [QRCodeInfo], language: String, context: PageContext) -> OutputFile {
        var context = context
        context.qrCodes = rows
        context.languages = graph.config.languages.map { other in
            var link = LanguageLink(
                code: other.code, name: other.name, url: "/\(other.code)/qr/", isCurrent: other.code == language,
                hasTranslation: true, direction: other.direction.rawValue)
            link.ogLocale = other.locale.replacingOccurrences(of: "-", with: "_")
            return link
        }
        // The rows are sorted only when the sheet is made: the key of the rows as found (always in
        // the same order) names the sorted sheet as well, and sorting thousands of titles by the
        // reader's alphabet is most of the sheet's cost in a build that reuses it.
        let localeIdentifier = graph.config.language(language)?.locale ?? language
        return rendering.file(
            "\(language)/qr/index.html", model: context, template: "qr-sheet sorted for " + localeIdentifier
        ) {
            var sorted = context
            sorted.qrCodes = Self.sortedForSheet(rows, locale: Locale(identifier: localeIdentifier))
            return graph.theme.render(sorted, template: "qr-sheet")
        }
    }

    /// By title in the reader's alphabet, outside links last: the team looks a page up by its name.
    static func sortedForSheet(_ rows: [QRCodeInfo], locale: Locale) -> [QRCodeInfo] {
        // Positions are sorted, not the rows: a row is a large value, and the sort moves what it sorts.
        let keys = rows.map { (isExternal: $0.isExternal, title: $0.title, code: $0.code) }
        return keys.indices.sorted { left, right in
            let (a, b) = (keys[left], keys[right])
            if a.isExternal != b.isExternal { return b.isExternal }
            let order = a.title.compare(b.title, options: [.caseInsensitive], range: nil, locale: locale)
            return order == .orderedSame ? a.code < b.code : order == .orderedAscending
        }.map { rows[$0] }
    }
}
