import ContentModel
import SiteCore

/// One page of the built site in one language: a content file, or a section page made for a
/// language whose `_index` is not translated (its text then comes from another language).
public struct SitePage: Sendable {
    public enum Kind: String, Sendable {
        case home
        case section
        case page
    }

    public var kind: Kind
    /// The language whose URL tree the page lives in.
    public var language: String
    /// The file the title and text come from; nil for a section with no `_index` file at all.
    public var source: SourcePage?
    /// The language the text is written in (differs from `language` when untranslated).
    public var contentLanguage: String
    /// Shared by every language version of the same page.
    public var group: TranslationGroup
    /// For home and sections: their own folder; for pages: the folder that holds them.
    public var directory: String
    public var title: String
    /// Site-relative: `/fr/partenaires/eco/`.
    public var url: String
    /// Relative to the output folder: `fr/partenaires/eco/index.html`.
    public var outputPath: String
    /// Link index → new destination, filled by validation.
    public var linkRewrites: [Int: String] = [:]

    public var isFallback: Bool { contentLanguage != language }
    public var isList: Bool { kind != .page }
}

/// A redirect from an old URL to a page.
public struct Alias: Sendable {
    /// Relative to the output folder, e.g. `old/about/index.html`.
    public var outputPath: String
    /// Index of the target page in `SiteGraph.pages`.
    public var target: Int
    public var position: SourcePosition
}
