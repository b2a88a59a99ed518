import ContentModel
import SiteCore
import SiteOutput

/// The `assets` step: the theme's and the site's static files, then the files beside the
/// content (SVG images, PDFs), copied as they are (raster images go through `ImagePipeline`); one that would replace a generated page is an error.
struct AssetCopier {
    let graph: SiteGraph
    let source: any FileSystem
    /// The files the build made before this step (printed codes' pages, search, feeds…).
    var generated: Set<String> = []

    func files(diagnostics: inout DiagnosticList) -> [OutputFile] {
        var generated = generated.union(graph.pages.map(\.outputPath))
        var files: [OutputFile] = []
        var sources: [(output: String, source: String)] = graph.theme.staticFiles.sorted { $0.key < $1.key }.map {
            (output: $0.key, source: $0.value)
        }
        // Raster images are published by the image step, resized and without their metadata.
        sources += graph.assets.sorted().filter { graph.images.rasters[$0] == nil }.map {
            (output: $0, source: ContentPaths.folder + "/" + $0)
        }
        for (output, path) in sources {
            guard generated.insert(output).inserted else {
                diagnostics.append(
                    .error(
                        "\(path) would be published at /\(output), where another file is already generated.",
                        at: SourcePosition(file: path), hint: "Rename or move the file.", stage: .render))
                continue
            }
            if let data = source.contents(of: path) { files.append(OutputFile(path: output, contents: data)) }
        }
        return files
    }
}
