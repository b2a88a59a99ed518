import Foundation
import SiteCore
import Yams

/// The theme's UI strings per language (`i18n/<lang>.yaml`), with the site's files overriding
/// key by key, CLDR plural forms, and the default language standing in for a missing string.
public struct I18nCatalog: Sendable {
    enum Entry: Sendable, Hashable {
        case text(String)
        case plural([PluralCategory: String])

        var otherForm: String {
            switch self {
            case .text(let text): return text
            case .plural(let forms): return forms[.other] ?? forms.values.sorted().first ?? ""
            }
        }
    }

    let entries: [String: [String: Entry]]
    public let defaultLanguage: String
    /// Missing strings and plural forms, found when loading.
    public private(set) var warnings: [Diagnostic]

    init(entries: [String: [String: Entry]], defaultLanguage: String, warnings: [Diagnostic]) {
        self.entries = entries
        self.defaultLanguage = defaultLanguage
        self.warnings = warnings
    }

    func with(warnings: [Diagnostic]) -> I18nCatalog {
        var copy = self
        copy.warnings = warnings
        return copy
    }

    private func entry(_ key: String, language: String) -> Entry? {
        entries[language]?[key] ?? entries[defaultLanguage]?[key]
    }

    /// Every string for `language` (plural entries give their `other` form), the default
    /// language's filling the gaps.
    public func strings(for language: String) -> [String: String] {
        var result = (entries[defaultLanguage] ?? [:]).mapValues(\.otherForm)
        for (key, entry) in entries[language] ?? [:] { result[key] = entry.otherForm }
        return result
    }

    /// The string `key` in `language` with `{name}` placeholders filled; the key itself when no
    /// language has it, so a gap is visible rather than blank.
    public func text(_ key: String, language: String, _ values: [String: String] = [:]) -> String {
        fill(entry(key, language: language)?.otherForm ?? key, values)
    }

    /// The plural forms of `key` in `language` by CLDR category name (the default language's when
    /// `language` has none), for scripts that count in the browser with `Intl.PluralRules`.
    public func pluralForms(_ key: String, language: String) -> [String: String] {
        switch entry(key, language: language) {
        case .plural(let forms)?: return Dictionary(uniqueKeysWithValues: forms.map { ($0.key.rawValue, $0.value) })
        case .text(let text)?: return ["other": text]
        case nil: return [:]
        }
    }

    /// Keys the default language has and `language` lacks.
    public func missingKeys(for language: String) -> [String] {
        let own = entries[language] ?? [:]
        return (entries[defaultLanguage] ?? [:]).keys.filter { own[$0] == nil }.sorted()
    }

    /// The string `key` in `language` (or the default language), nil when neither has it.
    public func lookup(_ key: String, language: String) -> String? {
        entry(key, language: language)?.otherForm
    }

    /// The string `key` as `language`'s own files give it (no default language standing in), nil
    /// when they do not: for strings whose default-language form would be wrong in another
    /// language, such as a language's name.
    public func ownString(_ key: String, language: String) -> String? {
        entries[language]?[key]?.otherForm
    }

    /// The plural form of `key` for `count` in `language`, with `{count}` filled.
    public func plural(_ key: String, count: Int, language: String, _ values: [String: String] = [:]) -> String {
        let category = PluralCategory.forCount(count, language: language)
        let form: String
        switch entries[language]?[key] {
        case .plural(let forms)?:
            form = forms[category] ?? forms[.other] ?? key
        case .text(let text)?:
            form = text
        case nil:
            let fallback = PluralCategory.forCount(count, language: defaultLanguage)
            if case .plural(let forms)? = entries[defaultLanguage]?[key] {
                form = forms[fallback] ?? forms[.other] ?? key
            } else {
                form = entries[defaultLanguage]?[key]?.otherForm ?? key
            }
        }
        var all = values
        all["count"] = String(count)
        return fill(form, all)
    }

    private func fill(_ template: String, _ values: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var result = template
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }

    /// The categories a language needs for integer counts.
    static func requiredCategories(for language: String) -> Set<PluralCategory> {
        Set((0...1_000).map { PluralCategory.forCount($0, language: language) })
    }

    static func load(
        themeFolder: String, siteFolder: String, languages: [Language], defaultLanguage: String,
        from fileSystem: any FileSystem, diagnostics: inout DiagnosticList
    ) -> I18nCatalog {
        var entries: [String: [String: Entry]] = [:]
        var fileOf: [String: String] = [:]
        for language in languages {
            var merged: [String: Entry] = [:]
            for folder in [themeFolder, siteFolder] {
                let path = "\(folder)/\(language.code).yaml"
                guard let text = fileSystem.text(of: path) else { continue }
                fileOf[language.code] = path
                guard let object = YAMLObject.parse(text, file: path, stage: .config, diagnostics: &diagnostics) else {
                    continue
                }
                for item in object.entries {
                    if let entry = readEntry(item, in: object, diagnostics: &diagnostics) { merged[item.key] = entry }
                }
            }
            entries[language.code] = merged
        }
        let defaultKeys = (entries[defaultLanguage] ?? [:]).keys.sorted()
        for language in languages {
            let file = fileOf[language.code] ?? "\(themeFolder)/\(language.code).yaml"
            let own = entries[language.code] ?? [:]
            let defaultName = languages.first { $0.code == defaultLanguage }?.name ?? defaultLanguage
            if language.code != defaultLanguage {
                let missing = defaultKeys.filter { own[$0] == nil }
                if !missing.isEmpty {
                    diagnostics.append(
                        .warning(
                            "\(language.name) has no translation for \(missing.map { "`\($0)`" }.joined(separator: ", ")); the \(defaultName) text is shown instead.",
                            at: SourcePosition(file: file),
                            hint:
                                "Add the missing keys to \(fileOf[language.code] == nil ? "a new file " : "")\(file).",
                            stage: .config))
                }
            }
            for (key, entry) in own.sorted(by: { $0.key < $1.key }) {
                guard case .plural(let forms) = entry else { continue }
                // A missing `other` is already an error of its own.
                let needed = requiredCategories(for: language.code).subtracting(forms.keys).subtracting([.other])
                if !needed.isEmpty {
                    let names = PluralCategory.allCases.filter(needed.contains).map(\.rawValue).joined(separator: ", ")
                    diagnostics.append(
                        .warning(
                            "`\(key)` in \(language.name) lacks the plural form(s) \(names), which \(language.name) needs for some numbers.",
                            at: SourcePosition(file: file),
                            hint: "Add \(names) under `\(key)`; until then `other` is used.", stage: .config))
                }
            }
        }
        return I18nCatalog(entries: entries, defaultLanguage: defaultLanguage, warnings: [])
    }

    private static func readEntry(
        _ item: YAMLObject.Entry, in object: YAMLObject, diagnostics: inout DiagnosticList
    ) -> Entry? {
        if let scalar = item.value.scalar { return .text(scalar.string) }
        guard let mapping = item.value.mapping else {
            diagnostics.append(
                .error(
                    "`\(item.key)` must be a text or a set of plural forms.", at: object.position(of: item.value),
                    hint: "Write `\(item.key): \"text\"`, or plural forms such as `one:` and `other:` below it.",
                    stage: .config))
            return nil
        }
        var forms: [PluralCategory: String] = [:]
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? ""
            guard let category = PluralCategory(rawValue: name), let text = valueNode.scalar?.string else {
                diagnostics.append(
                    .error(
                        "`\(name)` is not a plural category.", at: object.position(of: keyNode),
                        hint: "Use zero, one, two, few, many or other.", stage: .config))
                continue
            }
            forms[category] = text
        }
        if forms[.other] == nil {
            diagnostics.append(
                .error(
                    "The plural forms of `\(item.key)` need an `other` form.", at: object.position(of: item.value),
                    hint: "Add `other:` with the general form.", stage: .config))
        }
        return .plural(forms)
    }
}
