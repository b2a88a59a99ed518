/// The key every language version of one page shares: pages are linked across languages, given
/// one QR code and checked for staleness by it. Sections are grouped by folder, other pages by
/// `translationKey` or their path without the language.
public enum TranslationGroup {
    /// The group of a file: its section's for an `_index` file, else its own.
    public static func of(_ source: SourcePage) -> String {
        source.isSectionIndex ? section(source.directory) : source.translationGroup
    }

    /// The group of the section page of `directory` (`""`: the home page).
    public static func section(_ directory: String) -> String { "section:" + directory }
}
