import Images
import SiteCore

/// The words on a page's share card, in the page's language: its title, its top-level section's
/// title ("Partners"; "Home" on the home page and pages at the top), the project's name and the
/// funding statement. The pages' `og:image` and the pipeline that draws the cards both ask here,
/// so the name a page gives its card is the card that is drawn.
struct ShareCardTexts {
    let graph: SiteGraph

    func text(for page: SitePage) -> ShareCard.Text {
        let i18n = graph.theme.i18n
        let top = page.directory.split(separator: "/").first.map(String.init)
        let section =
            top.flatMap { graph.sectionPage($0, language: page.language) }.map { graph.pages[$0].title }
            ?? i18n.text("home", language: page.language)
        return ShareCard.Text(
            title: page.title, section: section, project: graph.config.title,
            fundingStatement: i18n.text("euFunding", language: page.language))
    }
}
