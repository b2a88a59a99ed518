import ContentModel
import Foundation
import SiteCore

/// Per language: which pages are translated, missing, stale or not verified, and which UI strings
/// are missing. Printed by `interact-site translations` (as text or JSON) and published, unlinked,
/// at `/translation-status/`.
///
/// A translation is up to date when its `translatedFrom:` stamp is the original's
/// `TranslationFingerprint`, stale when it is another, and not verified when it has no stamp: nobody
/// has recorded which version of the original it says the same as.
public struct TranslationStatus: Sendable, Codable {
    public struct LanguageStatus: Sendable, Codable {
        public var code: String
        public var name: String
        /// Every translation in this language (up to date, stale or not verified), by its path.
        public var translated: [String]
        /// Default-language source files with no translation in this language.
        public var missing: [String]
        /// Translations whose original changed, in what a translator translates, after they were stamped.
        public var stale: [String]
        /// Translations that are not verified: they carry no `translatedFrom` stamp.
        public var unstamped: [String]
        public var missingStrings: [String]

        /// Translations that are neither stale nor unverified.
        public var upToDate: Int { translated.count - stale.count - unstamped.count }
    }

    public var defaultLanguage: String
    public var total: Int
    public var languages: [LanguageStatus]
    /// The number of errors in the content when the status was taken: pages that could not be read
    /// are left out of it. 0 when the content is clean.
    public var contentErrors: Int = 0

    /// Computes the status; `warnings` gets one warning per stale translation.
    public static func of(_ graph: SiteGraph, warnings: inout DiagnosticList) -> TranslationStatus {
        let defaultLanguage = graph.config.defaultLanguage
        var sourcesByGroup: [TranslationGroup: [String: SourcePage]] = [:]
        for source in graph.sourcesByContentPath.values {
            sourcesByGroup[TranslationGroup.of(source), default: [:]][source.language] = source
        }
        let originals = sourcesByGroup.values.compactMap { $0[defaultLanguage] }.sorted { $0.path < $1.path }
        var fingerprints: [String: String] = [:]
        for original in originals {
            let schema = graph.schema(of: original.path)
            fingerprints[original.path] = TranslationFingerprint.of(original, schema: schema)
        }
        var languages: [LanguageStatus] = []
        for language in graph.config.languages where language.code != defaultLanguage {
            var status = LanguageStatus(
                code: language.code, name: language.name, translated: [], missing: [], stale: [], unstamped: [],
                missingStrings: graph.theme.i18n.missingKeys(for: language.code))
            for original in originals {
                guard let translation = sourcesByGroup[TranslationGroup.of(original)]?[language.code] else {
                    status.missing.append(original.path)
                    continue
                }
                status.translated.append(translation.path)
                guard let recorded = translation.frontMatter.translatedFrom else {
                    status.unstamped.append(translation.path)
                    continue
                }
                // A stamp made before stamps fingerprinted what is translated recorded the hash of
                // the whole file: it still holds while that file is unchanged.
                if recorded != fingerprints[original.path], recorded != original.contentHash {
                    status.stale.append(translation.path)
                    let object = translation.frontMatter.fields
                    warnings.append(
                        Diagnostic.warning(
                            "This translation was made from an older version of \(original.path).",
                            at: object.value("translatedFrom").map { object.position(of: $0) }
                                ?? SourcePosition(file: translation.path),
                            hint:
                                "Bring it up to date with \(original.path), then run `interact-site translations --stamp \(language.code) \(translation.path)`.",
                            stage: .validate
                        ).depending(on: original.path, as: .staleTranslation))
                }
            }
            languages.append(status)
        }
        return TranslationStatus(defaultLanguage: defaultLanguage, total: originals.count, languages: languages)
    }

    /// `41 of 52 pages translated`.
    public static func progress(translated: Int, total: Int) -> String {
        "\(translated) of \(total) \(total == 1 ? "page" : "pages") translated"
    }

    /// A plain-text report for the terminal; ends with a note when the content has errors.
    public var text: String {
        var lines = ["Pages in the default language (\(defaultLanguage)): \(total)"]
        for language in languages {
            lines.append(
                "\(language.code) \(language.name): \(Self.progress(translated: language.translated.count, total: total)) (\(language.upToDate) up to date, \(language.stale.count) stale, \(language.unstamped.count) not verified), \(language.missing.count) missing, \(language.missingStrings.count) UI strings missing"
            )
            for path in language.stale { lines.append("    stale:        \(path)") }
            for path in language.unstamped { lines.append("    not verified: \(path)") }
            for path in language.missing { lines.append("    missing:      \(path)") }
            if !language.missingStrings.isEmpty {
                lines.append("    UI strings missing: \(language.missingStrings.joined(separator: ", "))")
            }
        }
        if contentErrors > 0 {
            lines.append("")
            lines.append(
                "Note: the content has \(contentErrors) \(contentErrors == 1 ? "error" : "errors"), printed on standard error (`interact-site check` lists them too). Pages that could not be read are left out of these counts."
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
