import ContentModel
import Foundation
import SiteCore

/// Events set against the build's day (`SiteGraph.today`, from `BuildContext.now`): upcoming until
/// their last day is over, past after it, and apart those whose date is not public. The event
/// lists, the home page's "what is happening" and `upcoming.ics` agree because they ask the same
/// day; nothing here reads the clock, so the same content and day give the same lists.
struct EventTimeline {
    let graph: SiteGraph

    /// Where an event stands on the build's day.
    enum Standing: Equatable {
        case upcoming
        case undated
        case past
    }

    /// Whether the page is an event (its kind's schema says `structuredData: Event`).
    func isEvent(_ index: Int) -> Bool {
        guard let source = graph.pages[index].source, let kind = graph.kinds[source.path] else { return false }
        return graph.schemas[kind]?.structuredData == "Event"
    }

    /// An event is upcoming while its last day (`end`, else its start) is today or later; one
    /// known to the month only stays upcoming to the end of that month (its days are not public).
    func standing(of index: Int) -> Standing {
        let page = graph.pages[index]
        guard let start = graph.date(of: page) else { return .undated }
        var last = start
        if let path = page.source?.path, case .date(let end)? = graph.fieldValues[path]?["end"], start < end {
            last = end
        }
        let today = graph.today
        let isOver =
            last.isMonth
            ? (last.year, last.month) < (today.year, today.month)
            : last < today
        return isOver ? .past : .upcoming
    }

    /// `indices` (a listing, in its order) split: upcoming soonest first, undated in listing
    /// order, past most recent first; ties keep the listing's order.
    func split(_ indices: [Int]) -> (upcoming: [Int], undated: [Int], past: [Int]) {
        let events = indices.filter(isEvent)
        let position = Dictionary(events.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func start(_ index: Int) -> PageDate { graph.date(of: graph.pages[index])! }
        let upcoming = events.filter { standing(of: $0) == .upcoming }.sorted {
            start($0) != start($1) ? start($0) < start($1) : position[$0]! < position[$1]!
        }
        let past = events.filter { standing(of: $0) == .past }.sorted {
            start($0) != start($1) ? start($1) < start($0) : position[$0]! < position[$1]!
        }
        return (upcoming, events.filter { standing(of: $0) == .undated }, past)
    }
}
