import Foundation
import SiteCore

/// schema.org JSON-LD for a page: `Organization`, `Course` or `Event` as its kind's schema
/// declares (`structuredData:`), `WebSite` for home pages. Built from the typed fields, so it
/// always matches what the page shows. Dates are ISO 8601 at the precision written: `2023-12`
/// for a month, never a made-up day.
struct StructuredData {
    let graph: SiteGraph
    let permalink: (String) -> String

    func json(for page: SitePage) -> String? {
        var object: [String: Any]
        if page.kind == .home {
            object = [
                "@type": "WebSite", "name": graph.config.language(page.language)?.title ?? graph.config.title,
                "url": permalink(page.url), "inLanguage": page.language,
            ]
        } else {
            guard page.kind == .page, let source = page.source,
                let type = graph.schema(of: source.path).structuredData
            else { return nil }
            let fields = graph.fieldValues[source.path] ?? [:]
            func text(_ name: String) -> String? {
                switch fields[name] {
                case .text(let value)?, .url(let value)?, .email(let value)?, .country(let value)?: return value
                case .date(let value)?: return value.iso
                case .asset(let url)?: return permalink(url)
                default: return nil
                }
            }
            let publisher: [String: Any] = [
                "@type": "Organization", "name": graph.config.title, "url": graph.config.baseURL,
            ]
            object = ["@type": type, "url": permalink(page.url), "inLanguage": page.contentLanguage]
            if let description = source.frontMatter.description { object["description"] = description }
            switch type {
            case "Organization":
                object["name"] = text("name") ?? page.title
                if let short = text("shortName") { object["alternateName"] = short }
                if let website = text("website") { object["sameAs"] = website }
                if let logo = text("logo") { object["logo"] = logo }
                if let country = text("country") {
                    object["address"] = ["@type": "PostalAddress", "addressCountry": country]
                }
            case "Course":
                object["name"] = page.title
                object["description"] = object["description"] ?? page.title
                object["provider"] = publisher
            case "Event":
                object["name"] = page.title
                if let start = text("start") { object["startDate"] = start }
                if let end = text("end") { object["endDate"] = end }
                // A webinar happens online; every other type of event somewhere.
                let online = fields["type"] == .enumeration("webinar")
                object["eventAttendanceMode"] =
                    "https://schema.org/\(online ? "Online" : "Offline")EventAttendanceMode"
                object["organizer"] = publisher
                if let city = text("city") {
                    var address: [String: Any] = ["@type": "PostalAddress", "addressLocality": city]
                    if let country = text("country") { address["addressCountry"] = country }
                    object["location"] = ["@type": "Place", "name": city, "address": address]
                }
            default:
                break
            }
        }
        object["@context"] = "https://schema.org"
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        // Inside a script element, `</script>` would end it and `<!--` would change how the
        // browser finds its end; JSON may spell `<`, `>` and `&` as escapes, which no HTML
        // parser reads as markup. (They can only occur inside strings.)
        return String(decoding: data, as: UTF8.self).replacingBytes("<", with: "\\u003c")
            .replacingBytes(">", with: "\\u003e").replacingBytes("&", with: "\\u0026")
    }
}
