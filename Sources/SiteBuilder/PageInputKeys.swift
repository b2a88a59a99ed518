import ContentModel
import Foundation
import MarkdownRendering
import SiteCore

/// What each page of a build is made from, named before the page's model is built, so that a
/// build over a live site reuses the pages made from what made them last time without building
/// their models (building and hashing every page's model was a fifth of a warm build).
///
/// A page is made from its own text and from the rest of the site. The rest is named once per
/// build, as the structure: every file below the site folder apart from the pages' texts, named
/// before the build reads them (`files(context:outputFolder:)`), each content file's front matter
/// and where its text starts, every page's headings and links (other pages' links and anchors are
/// resolved against them), the whole text of pages that show an image (the image plan is the
/// site's) or of every page when raw HTML is allowed, printed codes, what this machine's fonts and
/// image encoders make of images, the build's day and options, and the print editions. A page's
/// key adds its address, layout, source file, that file's text and the whole file's hash. The
/// model of a page reads no other page's text (`PageModels`), so pages with equal keys have equal
/// models. An edit to anything but a page's text changes every key; those pages are then found by
/// their model's key (`CachedRendering`).
struct PageInputKeys: Sendable {
    private var structure: StableHasher
    private let bodies: [String: MarkdownCache.Key]

    /// The files below the site folder as they were before the build read any (`files(context:)`),
    /// and what the build made of the rest; nil when the files could not be named.
    init?(
        files: UInt64?, graph: SiteGraph, bodies: [String: MarkdownCache.Key], context: BuildContext
    ) {
        guard let files else { return nil }
        self.bodies = bodies
        var hasher = StableHasher(seed: 0x1A9E_5EED)
        hasher.combine(word: files)
        hasher.combine(context.includeDrafts)
        hasher.combine(context.baseURLOverride)
        hasher.combine(graph.today.iso)
        for path in graph.sourcesByContentPath.keys.sorted() {
            let source = graph.sourcesByContentPath[path]!
            hasher.combine(source.path)
            hasher.combine(source.frontMatter.yaml)
            hasher.combine(source.bodyLineOffset)
            hasher.combine(source.language)
        }
        hasher.combine(graph.drafts.sorted())
        // What pages show that the build works out from more than the files: printed codes (drafts
        // keep theirs), and images as this machine's fonts and encoders make them.
        hasher.combine(graph.shortCodes.map { "\($0.key.rawValue) \($0.value)" }.sorted())
        hasher.combine(graph.qrErrorCorrection.map { "\($0.key.rawValue) \($0.value.rawValue)" }.sorted())
        hasher.combine(graph.images.cardFingerprint)
        hasher.combine(graph.images.encoders.map { String(describing: $0) })
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

    /// Every file below the site folder but the pages' texts, taken before the build reads them
    /// (a file changed later makes the next build miss, never reuse a page made from older bytes):
    /// by stamp (size, modification and change times, inode), or by its bytes when it changed in
    /// the last seconds, since a second change in the same tick of the disk's clock would keep its
    /// stamp. Nil when the folder holds a symbolic link: a linked folder's files are not walked.
    static func files(context: BuildContext, outputFolder: String?, now: Date = Date()) -> UInt64? {
        let recent = Int(now.timeIntervalSince1970) - 2
        let contentPrefix = ContentPaths.folder + "/"
        var names: [String] = []
        for (path, stamp) in context.source.stampedFiles(under: "", skipping: outputFolder) {
            if stamp?.hasPrefix("link ") == true { return nil }
            names.append(path)
            if path.hasPrefix(contentPrefix) && path.hasSuffix(".md") { continue }
            if let stamp, let seconds = latestSeconds(stamp), seconds < recent {
                names.append(stamp)
            } else {
                let bytes = context.source.contents(of: path) ?? Data()
                names.append(bytes.withUnsafeBytes { String(StableHash.bytes($0, seed: 0xF11E), radix: 16) })
            }
        }
        var hasher = StableHasher()
        hasher.combine(names)
        return hasher.state
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
            // The whole file's hash (line ends, a byte order mark, the fences as written), which a
            // page shown untranslated puts in its link that starts a translation.
            hasher.combine(source.contentHash)
        }
        return "input " + hasher.hexDigest
    }

    /// The key of what a stage makes from the structure alone (no page's text).
    func key(forStage stage: String) -> String {
        var hasher = structure
        hasher.combine(stage)
        return "input stage " + hasher.hexDigest
    }

    /// The later of the modification and change times' whole seconds in a `LocalFileSystem`
    /// stamp (`size:seconds.nanoseconds:inode`, then `:seconds.nanoseconds` of the change time).
    private static func latestSeconds(_ stamp: String) -> Int? {
        let parts = stamp.split(separator: ":")
        guard parts.count >= 3 else { return nil }
        let times = [parts[1]] + (parts.count > 3 ? [parts[3]] : [])
        let seconds = times.compactMap { $0.split(separator: ".").first.flatMap { Int($0) } }
        return seconds.count == times.count ? seconds.max() : nil
    }
}
