import Foundation
import Yams

/// The site's settings from `config.yaml` at the source root.
///
/// Read with positions so a typo in a key or a language code is reported at its line; unknown
/// keys are errors rather than silently ignored settings.
public struct SiteConfig: Sendable {
    public static let fileName = "config.yaml"

    public var title: String
    /// Always ends with `/`.
    public var baseURL: String
    public var defaultLanguage: String
    public var theme: String
    /// Raw HTML in Markdown is dropped unless this is on: partner pull requests must not inject script.
    public var allowRawHTML: Bool
    /// In the order the config lists them; the first-listed order is the order of language switchers.
    public var languages: [Language]
    public var params: TemplateValue
    /// The error-correction level of printed QR codes (`L`, `M`, `Q` or `H`); a page can ask for
    /// another with `qrErrorCorrection` in its front matter.
    public var qrErrorCorrection: QRLevel
    /// Bounds on file size, nesting and YAML aliases (see `SiteLimits`).
    public var limits = SiteLimits()
    /// Where the source is edited; nil leaves pages without "Edit this page" and translate links.
    public var repository: SourceRepository?
    /// Accounts on social networks, linked from every page.
    public var social: [SocialAccount] = []
    /// Show each page's printed short link (`host/Q/CODE`) on screen too; it is always printed.
    public var shortLinkOnScreen = false
    /// `images:` in config.yaml: widths, quality, the pixel limit, share cards.
    public var images = ImageSettings()

    /// QR error-correction levels, from least to most damage recovered.

    public init(
        title: String, baseURL: String, defaultLanguage: String, theme: String, allowRawHTML: Bool = false,
        languages: [Language], params: TemplateValue = .empty, qrErrorCorrection: QRLevel = .medium
    ) {
        self.title = title
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.defaultLanguage = defaultLanguage
        self.theme = theme
        self.allowRawHTML = allowRawHTML
        self.languages = languages
        self.params = params
        self.qrErrorCorrection = qrErrorCorrection
    }

    public func language(_ code: String) -> Language? { languages.first { $0.code == code } }

    /// `load` guarantees the default language is configured; a hand-made config might not.
    public var defaultLanguageValue: Language {
        language(defaultLanguage) ?? languages.first ?? Language(code: defaultLanguage, name: defaultLanguage)
    }

    static let topLevelKeys = [
        "title", "baseURL", "defaultLanguage", "theme", "allowRawHTML", "languages", "params", "qrErrorCorrection",
        "limits", "repository", "social", "shortLinkOnScreen", "images",
    ]
    static let languageKeys = ["name", "locale", "direction", "title", "menus"]
    static let menuEntryKeys = ["name", "page", "url", "weight"]

    /// Reads and checks `config.yaml`; throws a configuration `BuildFailure` listing every problem.
    public static func load(from fileSystem: any FileSystem) throws(BuildFailure) -> SiteConfig {
        let file = fileName
        let stage = BuildStage.config
        guard let text = fileSystem.text(of: file) else {
            throw BuildFailure(
                diagnostics: [
                    .error(
                        "There is no config.yaml in the source folder.", at: SourcePosition(file: file),
                        hint:
                            "Run the command from the site's folder or pass --source with the folder that holds config.yaml.",
                        stage: stage)
                ], isConfigurationError: true)
        }
        var diagnostics = DiagnosticList()
        guard let root = YAMLObject.parse(text, file: file, stage: stage, diagnostics: &diagnostics) else {
            throw BuildFailure(diagnostics: diagnostics.sorted, isConfigurationError: true)
        }
        root.rejectUnknownKeys(allowed: topLevelKeys, in: "config.yaml", stage: stage, diagnostics: &diagnostics)

        func required(_ key: String, example: String) -> String {
            let value = root.string(key, stage: stage, diagnostics: &diagnostics)
            if let value, !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
            // Present but not text has been reported already; absent or empty is reported here.
            if root.value(key).map({ $0.scalar != nil }) ?? true {
                diagnostics.append(
                    .error(
                        "config.yaml needs a `\(key)`.", at: root.value(key).map(root.position(of:)) ?? root.position,
                        hint: "Add a line `\(key): \(example)`.", stage: stage))
            }
            return ""
        }
        let title = required("title", example: "My site")
        let baseURL = required("baseURL", example: "https://example.org/")
        if !baseURL.isEmpty, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") || baseURL.hasPrefix("/"))
        {
            diagnostics.append(
                .error(
                    "`baseURL` must be an absolute address such as https://example.org/, not `\(baseURL)`.",
                    at: root.position(of: root.value("baseURL")!), hint: "Start it with https://.", stage: stage))
        }
        let defaultLanguage = required("defaultLanguage", example: "en")
        let theme = required("theme", example: "interact")
        let allowRawHTML = root.bool("allowRawHTML", stage: stage, diagnostics: &diagnostics) ?? false
        let params = root.value("params").map(TemplateValue.init(node:)) ?? .empty
        let qrLetter = root.string("qrErrorCorrection", stage: stage, diagnostics: &diagnostics) ?? "M"
        let qrErrorCorrection = QRLevel(rawValue: qrLetter) ?? .medium
        if QRLevel(rawValue: qrLetter) == nil {
            diagnostics.append(
                .error(
                    "`qrErrorCorrection` must be \(QRLevel.spelled), not `\(qrLetter)`.",
                    at: root.position(of: root.value("qrErrorCorrection")!),
                    hint: "M suits most print; Q or H survive more damage but make denser codes.", stage: stage))
        }

        let limits =
            root.object("limits", stage: stage, diagnostics: &diagnostics).map {
                SiteLimits.read($0, stage: stage, diagnostics: &diagnostics)
            } ?? SiteLimits()
        var repository: SourceRepository?
        if let node = root.value("repository"), !root.isNull(node), let address = node.scalar?.string {
            diagnostics.append(
                .error(
                    "`repository` needs the repository's address and branch, not only its address.",
                    at: root.position(of: node),
                    hint:
                        "Write `repository: {url: \(address), branch: main}` with the branch the site is published from.",
                    stage: stage))
        } else if let object = root.object("repository", stage: stage, diagnostics: &diagnostics) {
            repository = SourceRepository.read(object, stage: stage, diagnostics: &diagnostics)
        }
        let social =
            root.entries.first { $0.key == "social" }.map {
                SocialAccount.readList($0, in: root, stage: stage, diagnostics: &diagnostics)
            } ?? []
        let shortLinkOnScreen = root.bool("shortLinkOnScreen", stage: stage, diagnostics: &diagnostics) ?? false
        let images =
            root.object("images", stage: stage, diagnostics: &diagnostics).map {
                ImageSettings.read($0, stage: stage, diagnostics: &diagnostics)
            } ?? ImageSettings()

        var languages: [Language] = []
        if let languagesObject = root.object("languages", stage: stage, diagnostics: &diagnostics) {
            for entry in languagesObject.entries {
                if let language = readLanguage(entry, in: languagesObject, diagnostics: &diagnostics) {
                    languages.append(language)
                }
            }
        }
        let declaredLanguages = root.value("languages").flatMap { $0.mapping?.count } ?? 0
        if declaredLanguages == 0 && root.value("languages").map({ $0.scalar != nil || $0.mapping != nil }) ?? true {
            diagnostics.append(
                .error(
                    "config.yaml needs a `languages` block.", at: root.position,
                    hint: "Add `languages:` with one entry per language, e.g. `en: {name: English}`.", stage: stage))
        }
        if !defaultLanguage.isEmpty, !languages.isEmpty, !languages.contains(where: { $0.code == defaultLanguage }) {
            diagnostics.append(
                .error(
                    "The default language `\(defaultLanguage)` is not one of the configured languages.",
                    at: root.position(of: root.value("defaultLanguage")!),
                    hint: "Use one of: \(languages.map(\.code).joined(separator: ", ")), or add it under `languages`.",
                    stage: stage))
        }
        if diagnostics.hasErrors {
            throw BuildFailure(diagnostics: diagnostics.sorted, isConfigurationError: true)
        }
        var config = SiteConfig(
            title: title, baseURL: baseURL, defaultLanguage: defaultLanguage, theme: theme, allowRawHTML: allowRawHTML,
            languages: languages, params: params, qrErrorCorrection: qrErrorCorrection)
        config.limits = limits
        config.repository = repository
        config.social = social
        config.shortLinkOnScreen = shortLinkOnScreen
        config.images = images
        return config
    }

    private static func readLanguage(
        _ entry: YAMLObject.Entry, in parent: YAMLObject, diagnostics: inout DiagnosticList
    ) -> Language? {
        let stage = BuildStage.config
        let code = entry.key
        guard Language.isKnownCode(code) else {
            diagnostics.append(
                .error(
                    "`\(code)` is not a known language code.", at: parent.position(of: entry.keyNode),
                    hint: "Use a two-letter ISO 639-1 code in lower case, such as `en`, `fr`, `de` or `pt-BR`.",
                    stage: stage))
            return nil
        }
        guard let object = parent.object(from: entry.value, key: code, stage: stage, diagnostics: &diagnostics) else {
            return nil
        }
        object.rejectUnknownKeys(
            allowed: languageKeys, in: "language `\(code)`", stage: stage, diagnostics: &diagnostics)
        guard let name = object.string("name", stage: stage, diagnostics: &diagnostics) else {
            diagnostics.append(
                .error(
                    "Language `\(code)` needs a `name`.", at: parent.position(of: entry.keyNode),
                    hint: "Add `name:` with the language's own name, e.g. `name: Français`.", stage: stage))
            return nil
        }
        var direction = Language.Direction.ltr
        if let text = object.string("direction", stage: stage, diagnostics: &diagnostics) {
            if let value = Language.Direction(rawValue: text) {
                direction = value
            } else {
                diagnostics.append(
                    .error(
                        "`direction` must be `ltr` or `rtl`, not `\(text)`.",
                        at: object.position(of: object.value("direction")!), stage: stage))
            }
        }
        let locale = object.string("locale", stage: stage, diagnostics: &diagnostics)
        var menus: [Menu] = []
        if let menusObject = object.object("menus", stage: stage, diagnostics: &diagnostics) {
            for menu in menusObject.entries {
                guard let list = menu.value.sequence else {
                    diagnostics.append(
                        .error(
                            "Menu `\(menu.key)` must be a list of entries.", at: menusObject.position(of: menu.value),
                            hint: "Write each entry as `- name: About` with `page: about/_index.md` below it.",
                            stage: stage))
                    continue
                }
                var entries: [MenuEntry] = []
                for item in list {
                    guard
                        let itemObject = menusObject.object(
                            from: item, key: "menu entry", stage: stage, diagnostics: &diagnostics)
                    else { continue }
                    itemObject.rejectUnknownKeys(
                        allowed: menuEntryKeys, in: "a menu entry", stage: stage, diagnostics: &diagnostics)
                    let name = itemObject.string("name", stage: stage, diagnostics: &diagnostics)
                    let page = itemObject.string("page", stage: stage, diagnostics: &diagnostics)
                    let url = itemObject.string("url", stage: stage, diagnostics: &diagnostics)
                    let weight = itemObject.int("weight", stage: stage, diagnostics: &diagnostics) ?? 0
                    guard let name, (page == nil) != (url == nil) else {
                        diagnostics.append(
                            .error(
                                "A menu entry needs a `name` and either a `page` or a `url`.", at: itemObject.position,
                                hint: "For example `- {name: About, page: about/_index.md}`.", stage: stage))
                        continue
                    }
                    entries.append(
                        MenuEntry(name: name, page: page, url: url, weight: weight, position: itemObject.position))
                }
                // Unweighted entries (0) follow weighted ones, as in Hugo; equal weights keep the config's order.
                func rank(_ weight: Int) -> Int { weight == 0 ? Int.max : weight }
                let ordered = entries.enumerated().sorted {
                    (rank($0.element.weight), $0.offset) < (rank($1.element.weight), $1.offset)
                }
                menus.append(Menu(name: menu.key, entries: ordered.map(\.element)))
            }
        }
        return Language(
            code: code, name: name, locale: locale, direction: direction,
            title: object.string("title", stage: stage, diagnostics: &diagnostics), menus: menus)
    }
}
