import Foundation
import SiteCore

/// Every configured language's name as the readers of each configured language say it: English
/// is `inglés` on a Spanish page and `Αγγλικά` on a Greek one (fallback notices, the language
/// badges of untranslated pages, search results). The i18n key `languageName.<code>` in the
/// reader's own strings wins, so a theme or site can choose another form; else the name CLDR
/// gives in the reader's locale; else the language's own name from config.yaml.
public struct LanguageNames: Sendable {
    /// Reader's language → language code → name.
    private let names: [String: [String: String]]

    public init(config: SiteConfig, i18n: I18nCatalog) {
        var names: [String: [String: String]] = [:]
        for reader in config.languages {
            let locale = Locale(identifier: reader.locale)
            var row: [String: String] = [:]
            for language in config.languages {
                row[language.code] =
                    i18n.ownString("languageName.\(language.code)", language: reader.code)
                    ?? locale.localizedString(forLanguageCode: language.code)?.nonEmpty ?? language.name
            }
            names[reader.code] = row
        }
        self.names = names
    }

    /// The name of `code` in `reader`'s language; the code itself for a language the site does not have.
    public func name(of code: String, in reader: String) -> String {
        names[reader]?[code] ?? names.values.first?[code] ?? code
    }
}
