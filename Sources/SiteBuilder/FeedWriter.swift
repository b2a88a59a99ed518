import SiteCore
import SiteOutput

/// Writes an Atom feed per language for each section whose pages are dated (news by `date:`,
/// events by `start:`): `/<lang>/<section>/atom.xml`, newest first, with no build-time timestamps.
/// Atom's `updated` is a full timestamp: a date known to the month only gives its first day
/// there (feed readers need one), never in what the site shows.
struct FeedWriter {
    let graph: SiteGraph
    let pages: PageModels

    func write() -> [OutputFile] {
        var files: [OutputFile] = []
        for directory in pages.datedSections.sorted() {
            for language in graph.config.languages {
                guard let sectionIndex = graph.sectionPage(directory, language: language.code) else { continue }
                let section = graph.pages[sectionIndex]
                // Newest first, by each page's date: `date:`, or an event's start (`SiteGraph.date(of:)`).
                let dated = graph.listedPages(in: directory, language: language.code).compactMap { index in
                    graph.date(of: graph.pages[index]).map { (index: index, date: $0) }
                }
                let entries = dated.enumerated().sorted { left, right in
                    left.element.date != right.element.date
                        ? left.element.date > right.element.date : left.offset < right.offset
                }.map(\.element)
                guard let newest = entries.first?.date else { continue }
                let siteTitle = pages.siteInfo(language: language.code).title
                var xml = """
                    <?xml version="1.0" encoding="utf-8"?>
                    <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language.code)">
                      <title>\(XMLEscaping.escape(section.title)) · \(XMLEscaping.escape(siteTitle))</title>
                      <id>\(XMLEscaping.escape(pages.permalink(section.url)))</id>
                      <link rel="self" href="\(XMLEscaping.escape(pages.permalink(section.url + "atom.xml")))"/>
                      <link rel="alternate" type="text/html" href="\(XMLEscaping.escape(pages.permalink(section.url)))"/>
                      <updated>\(newest.firstDay)T00:00:00Z</updated>
                      <author><name>\(XMLEscaping.escape(siteTitle))</name></author>

                    """
                for (entryIndex, date) in entries {
                    let entry = graph.pages[entryIndex]
                    let summary =
                        entry.source?.frontMatter.description
                        ?? entry.source.flatMap { graph.documents[$0.path]?.firstParagraph } ?? ""
                    xml += """
                          <entry xml:lang="\(entry.contentLanguage)">
                            <title>\(XMLEscaping.escape(entry.title))</title>
                            <id>\(XMLEscaping.escape(pages.permalink(entry.url)))</id>
                            <link rel="alternate" type="text/html" href="\(XMLEscaping.escape(pages.permalink(entry.url)))"/>
                            <updated>\(date.firstDay)T00:00:00Z</updated>
                            <summary>\(XMLEscaping.escape(summary))</summary>
                          </entry>

                        """
                }
                xml += "</feed>\n"
                files.append(OutputFile(path: String(section.url.dropFirst()) + "atom.xml", text: xml))
            }
        }
        return files
    }
}
