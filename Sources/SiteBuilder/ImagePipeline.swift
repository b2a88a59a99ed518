import ContentModel
import Foundation
import Images
import SiteCore
import SiteOutput

/// The `image variants and share cards` step: each planned image encoded in its widths and
/// formats (through the persistent cache in `.cache/images/` when the build has one, so a rebuild
/// encodes only what changed) and published under the names the pages already use; each page's
/// share card drawn. The original of a raster image is not published: its address serves the
/// largest fallback version, without metadata (no camera data, no GPS position). Cache entries
/// this build did not use are removed.
struct ImagePipeline {
    let graph: SiteGraph
    let source: any FileSystem
    /// nil: encode everything (tests of a site in memory).
    let cacheFolder: URL?
    var threads = 0

    /// What the summary reports.
    struct Tally: Sendable {
        var encoded = 0
        var fromCache = 0
        var cardsDrawn = 0
        var cards = 0
    }

    func files(diagnostics: inout DiagnosticList, emit: ([OutputFile]) -> Void) -> Tally {
        let plan = graph.images
        var tally = Tally()
        let cache = cacheFolder.map(ImageCache.init(directory:))
        var usedKeys: Set<String> = []

        let planned = plan.rasters.keys.sorted().compactMap { plan.rasters[$0] }
        if let encoders = plan.encoders, !planned.isEmpty,
            let maker = try? ImageVariants(encoders: encoders, options: ImagePlan.options(plan.settings))
        {
            let results = ParallelMap.chunks(count: planned.count, threads: threads, perCore: 1) { range in
                range.map { encode(planned[$0], maker: maker, cache: cache) }
            }
            for (image, result) in zip(planned, results) {
                switch result {
                case .success(let (files, hit)):
                    emit(files)
                    usedKeys.insert(image.key)
                    if hit { tally.fromCache += 1 } else { tally.encoded += 1 }
                case .failure(let error):
                    let file = ContentPaths.folder + "/" + image.path
                    let at = plan.references[image.path] ?? SourcePosition(file: file)
                    let message = at.file == file ? error.message : "\(file): \(error.message)"
                    diagnostics.append(.error(message, at: at, hint: error.hint, stage: .render))
                }
            }
        }

        if plan.cardFingerprint != nil {
            let texts = ShareCardTexts(graph: graph)
            var unique: [String: ShareCard.Text] = [:]
            for page in graph.pages {
                let text = texts.text(for: page)
                if let url = plan.cardURL(for: text) { unique[String(url.dropFirst())] = text }
            }
            let cards = unique.keys.sorted()
            let cardTexts = cards.map { unique[$0]! }
            let card = ShareCard()
            let drawn = ParallelMap.chunks(count: cards.count, threads: threads) { range in
                range.map { index -> Result<(png: Data, key: String?, hit: Bool), ImageError> in
                    let text = cardTexts[index]
                    do throws(ImageError) {
                        if let cache { return .success(try cache.shareCard(text, using: card)) }
                        return .success((try card.render(text).png, nil, false))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            for (path, result) in zip(cards, drawn) {
                switch result {
                case .success(let (png, key, hit)):
                    emit([OutputFile(path: path, contents: png)])
                    if let key { usedKeys.insert(key) }
                    tally.cards += 1
                    if !hit { tally.cardsDrawn += 1 }
                case .failure(let error):
                    diagnostics.append(
                        .error(
                            "The share card \(path) could not be drawn: \(error.message)",
                            at: SourcePosition(file: SiteConfig.fileName), hint: error.hint, stage: .render))
                }
            }
        }
        // Only a build that made everything may decide what the cache no longer needs.
        if let cache, !diagnostics.hasErrors {
            _ = try? cache.prune(keeping: usedKeys)
        }
        return tally
    }

    /// An image's files under its planned names, and whether they came from the cache.
    private func encode(
        _ image: PlannedImage, maker: ImageVariants, cache: ImageCache?
    ) -> Result<([OutputFile], Bool), ImageError> {
        do throws(ImageError) {
            let name = RelativePath.lastComponent(of: image.path)
            let made: [ImageVariant]
            var hit = false
            // The plan's key finds a cached entry without reading the source again.
            if let cached = cache?.cached(key: image.key, name: name) {
                made = cached
                hit = true
            } else if let cache {
                guard let data = source.contents(of: ContentPaths.folder + "/" + image.path) else {
                    return .failure(.unreadable(format: image.format, detail: "the file could not be read"))
                }
                let lookup = try cache.variants(of: data, name: name, using: maker)
                made = lookup.variants
                hit = lookup.hit
            } else {
                guard let data = source.contents(of: ContentPaths.folder + "/" + image.path) else {
                    return .failure(.unreadable(format: image.format, detail: "the file could not be read"))
                }
                made = try maker.make(from: data, name: name)
            }
            var byKind: [String: ImageVariant] = [:]
            for variant in made { byKind["\(variant.format.rawValue) \(variant.width)"] = variant }
            var files: [OutputFile] = []
            for variant in image.variants {
                guard let encoded = byKind["\(variant.format.rawValue) \(variant.width)"] else {
                    return .failure(
                        .encodingFailed(
                            format: variant.format, detail: "no \(variant.width) pixels wide version was made"))
                }
                files.append(OutputFile(path: variant.path, contents: encoded.data))
            }
            // The original's address keeps working (a link to the file), with the largest version
            // in its own format when one is made.
            if let largest = image.variants.first(where: { $0.format == image.format }),
                let encoded = byKind["\(largest.format.rawValue) \(largest.width)"]
            {
                files.append(OutputFile(path: image.path, contents: encoded.data))
            }
            return .success((files, hit))
        } catch {
            return .failure(error)
        }
    }
}
