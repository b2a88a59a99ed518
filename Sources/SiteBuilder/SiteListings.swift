import Foundation
import SiteCore
import SiteOutput

/// The `listings` step: the pages and files made from the whole site rather than one page (the
/// translation status and other support pages, Atom feeds, calendars, the sitemap), four
/// independent writers side by side.
struct SiteListings {
    let graph: SiteGraph
    let pages: PageModels
    let now: Date
    let threads: Int
    /// Support pages through the build cache, when the build keeps one.
    let rendering: CachedRendering

    func files() -> [OutputFile] {
        let (graph, pages, now, rendering) = (graph, pages, now, rendering)
        return ParallelMap.chunks(count: 4, threads: threads, perCore: 2) { range in
            range.flatMap { writer -> [OutputFile] in
                switch writer {
                case 0: SupportPageRenderer(graph: graph, pages: pages, rendering: rendering).render()
                case 1: FeedWriter(graph: graph, pages: pages).write()
                case 2: ICalendarWriter(graph: graph, pages: pages, now: now).write()
                default: SitemapWriter(graph: graph, pages: pages).write()
                }
            }
        }
    }
}
