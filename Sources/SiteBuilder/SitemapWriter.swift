import SiteCore
import SiteOutput

/// Writes `sitemap.xml` (every page, with its translations as `xhtml:link` alternates and
/// `x-default`) and the `robots.txt` that points at it.
struct SitemapWriter {
    let graph: SiteGraph
    let pages: PageModels

    func write() -> [OutputFile] {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

            """
        // Positions sorted, not pages: a page is a large value, and the sort moves what it sorts.
        for index in graph.pages.indices.sorted(by: { graph.pages[$0].url < graph.pages[$1].url }) {
            let page = graph.pages[index]
            xml += "  <url>\n    <loc>\(XMLEscaping.escape(pages.permalink(page.url)))</loc>\n"
            if let date = page.source?.frontMatter.date {
                // The sitemap schema wants a whole date (xsd:date): a month gives its first day.
                xml += "    <lastmod>\(date.firstDay)</lastmod>\n"
            }
            for alternate in pages.alternates(group: page.group) {
                xml +=
                    "    <xhtml:link rel=\"alternate\" hreflang=\"\(alternate.hreflang)\" href=\"\(XMLEscaping.escape(alternate.href))\"/>\n"
            }
            xml += "  </url>\n"
        }
        xml += "</urlset>\n"
        let robots = "User-agent: *\nAllow: /\n\nSitemap: \(graph.config.baseURL)sitemap.xml\n"
        return [OutputFile(path: "sitemap.xml", text: xml), OutputFile(path: "robots.txt", text: robots)]
    }
}
