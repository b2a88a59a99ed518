import Foundation
import Mustache
import SiteCore

/// A theme's templates, static files and UI strings, with the site's own files laid over them:
/// a site overrides any template, asset or string by putting a file at the same path at its root.
public struct Theme: Sendable {
    public let name: String
    /// Template name (path under `layouts/` without `.mustache`) → the file it came from.
    public let templateSources: [String: String]
    /// Output path → source path, site files winning over the theme's. Style sheets and scripts
    /// carry a content hash in their output name (`css/site.3f2a9c1b7d4e.css`) so hosts can cache
    /// them for a year.
    public let staticFiles: [String: String]
    /// Template key → URL of each fingerprinted file: `css/site.css` is `{{site.assets.cssSiteCss}}`.
    public let assetURLs: [String: String]
    public let i18n: I18nCatalog
    let library: MustacheLibrary
    /// A hash of every template's text: equal fingerprints render equal models to equal HTML.
    public var templateFingerprint: String = ""

    /// Loads theme `name` from `themes/<name>/` under the site folder.
    public static func load(
        name: String, languages: [Language], defaultLanguage: String, from fileSystem: any FileSystem
    ) throws(BuildFailure) -> Theme {
        let themeRoot = "themes/\(name)"
        guard fileSystem.isDirectory(themeRoot) else {
            let available = fileSystem.files(under: "themes").compactMap { $0.split(separator: "/").dropFirst().first }
            let names = Array(Set(available.map(String.init))).sorted()
            throw BuildFailure(
                diagnostics: [
                    .error(
                        "The theme `\(name)` does not exist: there is no folder \(themeRoot).",
                        at: SourcePosition(file: SiteConfig.fileName),
                        hint: names.isEmpty
                            ? "Create \(themeRoot)/layouts/ or set `theme:` to an existing theme."
                            : "Set `theme:` to one of: \(names.joined(separator: ", ")).", stage: .config)
                ], isConfigurationError: true)
        }
        var diagnostics = DiagnosticList()
        var library = MustacheLibrary()
        var templateSources: [String: String] = [:]
        var attempted: Set<String> = []
        var templateTexts: [String: String] = [:]
        HTMLEscaping.register()
        for (templateName, text) in BuiltInTemplates.all.sorted(by: { $0.key < $1.key }) {
            templateTexts[templateName] = text
            try? library.register(HTMLEscaping.pragma + text, named: templateName)
            templateSources[templateName] = "(built in)"
        }
        for folder in ["\(themeRoot)/layouts", "layouts"] {
            for path in fileSystem.files(under: folder) where path.hasSuffix(".mustache") {
                let templateName = String(path.dropFirst(folder.count + 1).dropLast(".mustache".count))
                let text = fileSystem.text(of: path) ?? ""
                templateTexts[templateName] = text
                attempted.insert(templateName)
                do {
                    library.register(try MustacheTemplate(string: HTMLEscaping.pragma + text), named: templateName)
                    templateSources[templateName] = path
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.append(
                        .error(
                            "This template cannot be read: \(describe(error.error)).",
                            at: SourcePosition(
                                file: path, line: error.context.lineNumber,
                                // The pragma put in front of the first line is not the author's.
                                column: error.context.columnNumber
                                    - (error.context.lineNumber == 1 ? HTMLEscaping.pragma.count : 0)),
                            hint:
                                "Check that every {{#section}} has a matching {{/section}} and every tag is closed with }}.",
                            stage: .config))
                } catch {
                    diagnostics.append(
                        .error(
                            "This template cannot be read: \(error).", at: SourcePosition(file: path), stage: .config))
                }
            }
        }
        // A template that exists but does not parse has been reported already.
        for required in ["home", "section", "page", "404"]
        where templateSources[required] == nil && !attempted.contains(required) {
            diagnostics.append(
                .error(
                    "The theme `\(name)` has no `\(required)` template.", at: SourcePosition(file: themeRoot),
                    hint: "Add \(themeRoot)/layouts/\(required).mustache.", stage: .config))
        }
        var sources: [String: String] = [:]
        for folder in ["\(themeRoot)/static", "static"] {
            for path in fileSystem.files(under: folder) {
                sources[String(path.dropFirst(folder.count + 1))] = path
            }
        }
        var staticFiles: [String: String] = [:]
        var assetURLs: [String: String] = [:]
        for (output, source) in sources {
            guard output.hasSuffix(".css") || output.hasSuffix(".js"),
                let text = fileSystem.text(of: source)
            else {
                staticFiles[output] = source
                continue
            }
            let dot = output.lastIndex(of: ".")!
            let fingerprinted = output[..<dot] + "." + ContentHash.of(text) + output[dot...]
            staticFiles[String(fingerprinted)] = source
            assetURLs[assetKey(output)] = "/" + fingerprinted
        }
        let i18n = I18nCatalog.load(
            themeFolder: "\(themeRoot)/i18n", siteFolder: "i18n", languages: languages,
            defaultLanguage: defaultLanguage,
            from: fileSystem, diagnostics: &diagnostics)
        if diagnostics.hasErrors {
            throw BuildFailure(diagnostics: diagnostics.sorted, isConfigurationError: true)
        }
        var theme = Theme(
            name: name, templateSources: templateSources, staticFiles: staticFiles, assetURLs: assetURLs,
            i18n: i18n.with(warnings: diagnostics.warnings), library: library)
        theme.templateFingerprint = ContentHash.of(
            templateTexts.sorted { $0.key < $1.key }.map { $0.key + "\u{0}" + $0.value }.joined(separator: "\u{0}"))
        return theme
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else {
            return "\(error)" == "overflow" ? "a tag is not closed with }}" : "\(error)"
        }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not finished"
        case .expectedSectionEnd: return "a section is opened but never closed"
        default: return "\(error)"
        }
    }

    /// `css/site.css` → `cssSiteCss`: Mustache names cannot contain dots or slashes.
    public static func assetKey(_ path: String) -> String {
        let words = path.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        guard let first = words.first else { return "" }
        return first.lowercased() + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func assetKey(_ path: Substring) -> String { assetKey(String(path)) }

    public func hasTemplate(_ name: String) -> Bool { templateSources[name] != nil }

    /// Renders `context` with the template `name`; nil when there is no such template.
    public func render(_ context: Any, template name: String) -> String? {
        library.render(context, withTemplate: name)
    }

    /// Renders a template model, boxed so the library's casts do not copy it (`TemplateBox`).
    public func render(_ context: some MustacheParent & Sendable, template name: String) -> String? {
        library.render(TemplateBox(context), withTemplate: name)
    }
}
