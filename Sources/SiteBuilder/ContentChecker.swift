import ContentModel
import MarkdownRendering
import SiteCore

/// Checks that make pages accessible and publishable beyond what links and fields need:
/// heading order (the title is the only h1, no skipped levels), alternative text on images,
/// and addresses that differ only in letter case.
struct ContentChecker {
    let graph: SiteGraph

    func check(diagnostics: inout DiagnosticList) {
        check(diagnostics: &diagnostics, onlyBodiesOf: nil)
    }

    /// With `onlyBodiesOf`, checks the text of those files only (the live preview after editing
    /// them); addresses depend on front matter and file names, so they are not checked again.
    func check(diagnostics: inout DiagnosticList, onlyBodiesOf edited: Set<String>?) {
        // Content paths, not pages: a page is a large value, and copies of all of them (twice,
        // to sort) were a peak of the build's memory.
        let contentPaths =
            edited.map { paths in paths.map { String($0.dropFirst(ContentPaths.folder.count + 1)) } }
            ?? Array(graph.sourcesByContentPath.keys)
        for contentPath in contentPaths.sorted() {
            guard let source = graph.sourcesByContentPath[contentPath], let document = graph.documents[source.path]
            else { continue }
            checkHeadings(document.headings, in: source, diagnostics: &diagnostics)
            checkHighlights(of: source, diagnostics: &diagnostics)
            let nesting = document.deepestNesting
            let maxDepth = graph.config.limits.maxNestingDepth
            if nesting.depth > maxDepth {
                diagnostics.append(
                    .error(
                        "Lists and quotes here are nested \(nesting.depth) levels deep; pages may nest them \(maxDepth) levels at most.",
                        at: SourcePosition(
                            file: source.path, line: nesting.line + source.bodyLineOffset, column: nesting.column),
                        hint:
                            "Flatten the structure (readers follow three or four levels), or raise `limits.maxNestingDepth` in config.yaml.",
                        stage: .validate))
            }
            for image in document.links where image.kind == .image {
                if image.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    diagnostics.append(
                        .error(
                            "This image has no alternative text, so people who cannot see it miss what it shows.",
                            at: SourcePosition(
                                file: source.path, line: image.line + source.bodyLineOffset, column: image.column),
                            hint:
                                "Describe what the image shows between the brackets: `![What the image shows](\(image.destination))`.",
                            stage: .validate))
                } else if Self.isFileName(image.text, of: image.destination) {
                    diagnostics.append(
                        .warning(
                            "This image's description is its file name, `\(image.text)`: it tells people who cannot see the image nothing.",
                            at: SourcePosition(
                                file: source.path, line: image.line + source.bodyLineOffset, column: image.column),
                            hint:
                                "Describe what the image shows between the brackets: `![What the image shows](\(image.destination))`.",
                            stage: .validate))
                }
            }
        }
        if edited == nil { checkLetterCase(diagnostics: &diagnostics) }
    }

    /// Whether an image's text is only its file's name (`team.jpg`, `team`, `IMG_2041`), as editors
    /// fill it in when nobody describes the picture.
    static func isFileName(_ text: String, of destination: String) -> Bool {
        let written = text.trimmingCharacters(in: .whitespaces)
        let file = destination.split(separator: "/").last.map(String.init) ?? destination
        let stem = file.split(separator: ".").dropLast().joined(separator: ".")
        // The stem only as written: `![Logo](logo.png)` is a (short) description someone typed.
        return written.lowercased() == file.lowercased() || (!stem.isEmpty && written == stem)
    }

    private func checkHeadings(
        _ headings: [MarkdownDocument.Heading], in source: SourcePage, diagnostics: inout DiagnosticList
    ) {
        // The theme renders the title as the page's h1, so the body starts at level 2.
        var previous = 1
        for heading in headings {
            let position = SourcePosition(
                file: source.path, line: heading.line + source.bodyLineOffset, column: heading.column)
            if heading.level == 1 {
                diagnostics.append(
                    .error(
                        "A page has one main heading, its `title`; this `#` heading would be a second one.",
                        at: position, hint: "Use `##` for the sections of the page.", stage: .validate))
                previous = 1
                continue
            }
            if heading.level > previous + 1 {
                let wanted = String(repeating: "#", count: previous + 1)
                diagnostics.append(
                    .error(
                        "This heading jumps from level \(previous) to level \(heading.level), which confuses screen readers.",
                        at: position, hint: "Use `\(wanted)` here, or add the missing level above it.", stage: .validate
                    ))
            }
            previous = heading.level
        }
    }

    /// Hosts on case-insensitive file systems would serve one page for both addresses.
    private func checkLetterCase(diagnostics: inout DiagnosticList) {
        // Page numbers, not pages: a page is a large value, and a copy of each made this
        // dictionary one of the build's largest.
        var seen: [String: Int] = [:]
        for (offset, page) in graph.pages.enumerated() {
            let folded = page.outputPath.lowercased()
            if let seenOffset = seen[folded], case let other = graph.pages[seenOffset],
                other.outputPath != page.outputPath,
                let source = page.source
            {
                diagnostics.append(
                    .error(
                        "\(page.url) and \(other.url) differ only in letter case; some hosts treat them as one address.",
                        at: SourcePosition(file: source.path),
                        hint: "Rename the file or set a `slug` in lower case.", stage: .validate))
            } else {
                seen[folded] = offset
            }
        }
    }

    /// `highlights:` (the pages the home page puts forward) names content files that exist, as
    /// `blueprint/_index.md` or `get-involved.md`; a wrong one would drop out of the page unseen.
    private func checkHighlights(of source: SourcePage, diagnostics: inout DiagnosticList) {
        let fields = source.frontMatter.fields
        guard let node = fields.value("highlights"), let items = node.sequence else { return }
        for item in items {
            guard let path = item.scalar?.string, graph.sourcesByContentPath[path] == nil else { continue }
            let known = graph.sourcesByContentPath.keys.filter { !$0.contains(".") || $0.hasSuffix(".md") }.sorted()
            let suggestion = EditDistance.closest(to: path, among: known).map { " Did you mean `\($0)`?" } ?? ""
            diagnostics.append(
                .error(
                    "`highlights` names `\(path)`, which is not a page of content/.", at: fields.position(of: item),
                    hint:
                        "Write the file's path under content/, e.g. `get-involved.md` or `blueprint/_index.md`.\(suggestion)",
                    stage: .validate))
        }
    }
}
