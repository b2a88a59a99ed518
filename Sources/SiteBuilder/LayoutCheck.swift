import ContentModel
import SiteCore

/// The `layouts` step: a page's `layout:` names a template the theme has.
struct LayoutCheck {
    let graph: SiteGraph

    func check(diagnostics: inout DiagnosticList) {
        for page in graph.pages {
            guard let source = page.source, let layout = source.frontMatter.layout, !graph.theme.hasTemplate(layout)
            else { continue }
            let known = graph.theme.templateSources.keys.filter { !$0.contains("/") }.sorted()
            let suggestion = EditDistance.closest(to: layout, among: known)
            diagnostics.append(
                .error(
                    "There is no template called `\(layout)`.",
                    at: source.frontMatter.layoutPosition ?? SourcePosition(file: source.path),
                    hint: suggestion.map { "Did you mean `\($0)`?" }
                        ?? "Add layouts/\(layout).mustache or use one of: \(known.joined(separator: ", ")).",
                    stage: .validate))
        }
    }
}
