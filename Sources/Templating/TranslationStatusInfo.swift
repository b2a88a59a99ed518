/// What the translation status page (`/translation-status/`, `{{#translationStatus}}`) shows: per
/// language, how much is translated and which pages are stale, not verified or missing, each linked
/// to the original and to the translation as published.
public struct TranslationStatusInfo: Sendable, Hashable, Encodable {
    /// One non-default language.
    public struct Language: Sendable, Hashable, Encodable {
        public var code: String
        public var name: String
        /// Translations in this language, whatever their state.
        public var translated: Int
        /// Pages in the default language.
        public var total: Int
        /// Whole percent translated.
        public var percent: Int
        /// `41 of 52 pages translated`.
        public var progress: String
        /// Translations stamped with the current version of their original.
        public var upToDate: Int
        /// Translations whose original changed after they were stamped.
        public var stale: [Entry]
        /// Translations with no stamp: nobody recorded which version of the original they match.
        public var notVerified: [Entry]
        /// Pages of the default language with no translation in this one.
        public var missing: [Entry]
        /// UI string keys this language's i18n file lacks.
        public var missingStrings: [String]

        public init(
            code: String, name: String, translated: Int, total: Int, progress: String, upToDate: Int,
            stale: [Entry], notVerified: [Entry], missing: [Entry], missingStrings: [String]
        ) {
            self.code = code
            self.name = name
            self.translated = translated
            self.total = total
            self.percent = total == 0 ? 100 : translated * 100 / total
            self.progress = progress
            self.upToDate = upToDate
            self.stale = stale
            self.notVerified = notVerified
            self.missing = missing
            self.missingStrings = missingStrings
        }
    }

    /// A page of the default language and, when it has one, its translation.
    public struct Entry: Sendable, Hashable, Encodable {
        /// The original's title and published address (nil when it has none), and its source file.
        public var title: String
        public var url: String?
        public var path: String
        /// The translation's; nil in the `missing` list.
        public var translationTitle: String?
        public var translationURL: String?
        public var translationPath: String?
        /// The translation's language code.
        public var lang: String

        public init(
            title: String, url: String?, path: String, translationTitle: String?, translationURL: String?,
            translationPath: String?, lang: String
        ) {
            self.title = title
            self.url = url
            self.path = path
            self.translationTitle = translationTitle
            self.translationURL = translationURL
            self.translationPath = translationPath
            self.lang = lang
        }
    }

    /// The default language's code and name, e.g. `en`, `English`.
    public var defaultLanguage: String
    public var defaultLanguageName: String
    /// Pages in the default language.
    public var total: Int
    public var languages: [Language]

    public init(defaultLanguage: String, defaultLanguageName: String, total: Int, languages: [Language]) {
        self.defaultLanguage = defaultLanguage
        self.defaultLanguageName = defaultLanguageName
        self.total = total
        self.languages = languages
    }
}
