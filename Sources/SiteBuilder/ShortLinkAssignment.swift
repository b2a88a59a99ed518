import ContentModel
import ShortLinks
import SiteCore

/// The `shortLinks` step: the printed QR codes' ledger brought up to date. Codes follow moved
/// pages, every code must still lead somewhere, new published pages get codes (written to
/// `content/_qr.yaml` by the caller), and each page's QR error-correction level is settled.
struct ShortLinkAssignment {
    let loaded: LoadedSite

    func assign(to graph: inout SiteGraph, diagnostics: inout DiagnosticList) {
        // A draft exists, published or not: its code stays valid, and it gets none until it is published
        // (a code given by `--drafts` would be written to the ledger and break the next plain build).
        let groups = Set(graph.pages.map(\.group)).union(loaded.draftGroups)
        let publishedGroups = Set(graph.pages.filter { $0.source?.frontMatter.draft != true }.map(\.group))
        var ledger = loaded.ledger
        graph.ledgerNotes = ledger.followMoves(present: groups) { movedPage(from: $0, in: graph) }
        ledger.checkTargets(groups: groups, unreadable: loaded.unreadable, diagnostics: &diagnostics)
        let added: Int
        (graph.ledger, added) = ledger.assigningCodes(to: Array(publishedGroups))
        if added > 0 { graph.ledgerNotes.append("Added QR codes for \(added) new page\(added == 1 ? "" : "s").") }
        graph.qrErrorCorrection = qrErrorCorrection(in: graph, diagnostics: &diagnostics)
        for entry in graph.ledger.entries where entry.url == nil && entry.redirect == nil {
            if let group = entry.group, graph.shortCodes[group] == nil { graph.shortCodes[group] = entry.code }
        }
    }

    /// Pages that ask for another QR error-correction level than the site's. All translations share
    /// one printed code, so the level is set in the default-language file; a translation may only repeat it.
    private func qrErrorCorrection(
        in graph: SiteGraph, diagnostics: inout DiagnosticList
    ) -> [TranslationGroup: QRLevel] {
        var levels: [TranslationGroup: QRLevel] = [:]
        // Indices, not copies of the pages (a page is a large value).
        let sources = graph.pages.indices.lazy.compactMap { index -> SourcePage? in
            graph.pages[index].source.flatMap { $0.language == graph.pages[index].language ? $0 : nil }
        }
        for source in sources where source.language == graph.config.defaultLanguage {
            if let level = source.frontMatter.qrErrorCorrection { levels[TranslationGroup.of(source)] = level }
        }
        for source in sources where source.language != graph.config.defaultLanguage {
            guard let level = source.frontMatter.qrErrorCorrection,
                level != levels[TranslationGroup.of(source)] ?? graph.config.qrErrorCorrection
            else { continue }
            let group = TranslationGroup.of(source)
            let defaultFile =
                graph.page(group: group, language: graph.config.defaultLanguage).flatMap {
                    graph.pages[$0].source?.path
                }
                ?? "the \(graph.config.defaultLanguage) file"
            diagnostics.append(
                .error(
                    "All translations of a page share one QR code, so a translation cannot change `qrErrorCorrection`.",
                    at: source.frontMatter.qrErrorCorrectionPosition ?? SourcePosition(file: source.path),
                    hint: "Remove the line here; set it in \(defaultFile), which all translations follow.",
                    stage: .validate))
        }
        return levels
    }

    /// The group of the page whose `aliases` claim the address `file` (a default-language content
    /// file that no longer exists) was published at.
    private func movedPage(from file: String, in graph: SiteGraph) -> TranslationGroup? {
        let path = String(file.dropLast(3))
        let name = RelativePath.lastComponent(of: path)
        let directory = RelativePath.directory(of: path)
        let language = graph.config.defaultLanguage
        var candidates = name == "_index" ? [language + "/" + directory, directory] : [language + "/" + path, path]
        if name != "_index", let section = graph.sectionPage(directory, language: language) {
            candidates.append(graph.pages[section].url + name)
        }
        for candidate in candidates {
            guard let normalized = RelativePath.normalize(candidate), !normalized.isEmpty else { continue }
            if let alias = graph.aliases.first(where: { $0.outputPath == normalized + "/index.html" }) {
                return graph.pages[alias.target].group
            }
        }
        return nil
    }
}
