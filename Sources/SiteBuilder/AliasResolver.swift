import ContentModel
import SiteCore

/// The `aliases` step: each page's old addresses (`aliases:`), checked for clashes with pages,
/// with each other and with what the generator publishes; each becomes a redirect.
struct AliasResolver {
    let graph: SiteGraph

    func aliases(diagnostics: inout DiagnosticList) -> [Alias] {
        var taken = Dictionary(
            graph.pages.map { ($0.outputPath, $0.source?.path ?? $0.url) }, uniquingKeysWith: { a, _ in a })
        var aliases: [Alias] = []
        for (offset, page) in graph.pages.enumerated() {
            guard let source = page.source, source.language == page.language else { continue }
            guard page.kind == .page || source.language == page.language else { continue }
            for (path, position) in source.frontMatter.aliases {
                guard let normalized = RelativePath.normalize(path), !normalized.isEmpty,
                    !path.contains("://"), !path.contains("?"), !path.contains("#")
                else {
                    diagnostics.append(
                        .error(
                            "`\(path)` cannot be used as an alias.", at: position,
                            hint: "Write the old address as a path on this site, e.g. `/old/page/`.", stage: .validate))
                    continue
                }
                let outputPath = normalized.hasSuffix(".html") ? normalized : normalized + "/index.html"
                if let use = PageAddressing.generatedUse(of: outputPath, languages: graph.config.languages) {
                    diagnostics.append(
                        .error(
                            "The alias `\(path)` is where the generator publishes \(use).", at: position,
                            hint: "Remove the alias.", stage: .validate))
                    continue
                }
                if outputPath == page.outputPath {
                    diagnostics.append(
                        .error(
                            "The alias `\(path)` is this page's own address, so it would redirect to itself.",
                            at: position, hint: "Remove it: an alias is an old address that should lead here.",
                            stage: .validate))
                    continue
                }
                if let owner = taken[outputPath] {
                    diagnostics.append(
                        .error(
                            "The alias `\(path)` is already used by \(owner).", at: position,
                            hint: "Remove the alias or choose another old address.", stage: .validate))
                    continue
                }
                taken[outputPath] = source.path
                aliases.append(Alias(outputPath: outputPath, target: offset, position: position))
            }
        }
        return aliases
    }
}
