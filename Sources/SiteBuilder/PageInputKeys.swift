import ContentModel
import Foundation
import MarkdownRendering
import SiteCore

/// What each page of a build is made from, named before the page's model is built, so that a
/// build over a live site reuses the pages made from what made them last time without building
/// their models (building and hashing every page's model was a fifth of a warm build).
///
/// A page is made from its own text and from the rest of the site. The rest is named once per
/// build, as the structure: every file below the site folder apart from the pages' texts (by
/// `FileSystem.stamp`, or by its bytes when there is no stamp or the file changed in the last
/// seconds), each content file's front matter and where its text starts, every page's headings
/// and links (other pages' links and anchors are resolved against them), the whole text of pages
/// that show an image (the image plan is the site's) or of every page when raw HTML is allowed,
/// the build's day and options, and the print editions. A page's key adds its address, layout,
/// source file and that file's text. The model of a page reads no other page's text
/// (`PageModels`), so pages with equal keys have equal models. An edit to anything but a page's
/// text changes every key; those pages are then found by their model's key (`CachedRendering`).
struct PageInputKeys: Sendable {
    private var structure: StableHasher
    private let bodies: [String: MarkdownCache.Key]

    /// `bodies`: each content file's text, as the parse step keyed it; `outputFolder`: the site
    /// being written, when it is below the site folder (relative to it), which is not an input.
    init(
        graph: SiteGraph, bodies: [String: MarkdownCache.Key], context: BuildContext, outputFolder: String?,
        now: Date = Date()
    ) {
        self.bodies = bodies
        var hasher = StableHasher(seed: 0x1A9E_5EED)
        hasher.combine(context.includeDrafts)
        hasher.combine(context.baseURLOverride)
        hasher.combine(graph.today.iso)
        // Files: a stamp names a version without reading it, unless the file changed so lately
        // that a second change in the same tick of the disk's clock would keep it.
        let recent = Int(now.timeIntervalSince1970) - 2
        let contentPrefix = ContentPaths.folder + "/"
        var files: [String] = []
        for (path, stamp) in context.source.stampedFiles(under: "", skipping: outputFolder) {
            files.append(path)
            if path.hasPrefix(contentPrefix) && path.hasSuffix(".md") { continue }
            if let stamp, let seconds = Self.modifiedSeconds(stamp), seconds < recent {
                files.append(stamp)
            } else {
                let bytes = context.source.contents(of: path) ?? Data()
                files.append(bytes.withUnsafeBytes { String(StableHash.bytes($0, seed: 0xF11E), radix: 16) })
            }
        }
        hasher.combine(files)
        for path in graph.sourcesByContentPath.keys.sorted() {
            let source = graph.sourcesByContentPath[path]!
            hasher.combine(source.path)
            hasher.combine(source.frontMatter.yaml)
            hasher.combine(source.bodyLineOffset)
            hasher.combine(source.language)
        }
        hasher.combine(graph.drafts.sorted())
        let wholeTexts = graph.config.allowRawHTML
        for path in graph.documents.keys.sorted() {
            let document = graph.documents[path]!
            hasher.combine(path)
            hasher.combine(document.headings.map { "\($0.level) \($0.id) \($0.text)" })
            hasher.combine(document.links.map { "\($0.kind) \($0.destination) \($0.text)" })
            if wholeTexts || document.links.contains(where: { $0.kind == .image }) {
                let key = bodies[path] ?? MarkdownCache.Key(high: 0, low: 0)
                hasher.combine(word: key.high)
                hasher.combine(word: key.low)
            }
        }
        structure = hasher
    }

    /// The print editions are made after validation, just before the pages.
    mutating func include(printEditions: [Int: PrintEditionLink]) {
        for index in printEditions.keys.sorted() {
            let link = printEditions[index]!
            structure.combine(index)
            structure.combine([link.url, link.pdfURL ?? "-", link.pdfLabel ?? "-"])
        }
        structure.combine(printEditions.count)
    }

    /// The key of `page` made with `layout`; nil for a page whose text was not keyed.
    func key(for page: SitePage, layout: String) -> String? {
        var hasher = structure
        hasher.combine(page.outputPath)
        hasher.combine(layout)
        hasher.combine(page.source?.path)
        if let source = page.source {
            guard let body = bodies[source.path] else { return nil }
            hasher.combine(word: body.high)
            hasher.combine(word: body.low)
        }
        return "input " + hasher.hexDigest
    }

    /// The whole seconds of a `LocalFileSystem` stamp (`size:seconds.nanoseconds:inode`).
    private static func modifiedSeconds(_ stamp: String) -> Int? {
        let parts = stamp.split(separator: ":")
        guard parts.count == 3, let seconds = parts[1].split(separator: ".").first else { return nil }
        return Int(seconds)
    }
}
