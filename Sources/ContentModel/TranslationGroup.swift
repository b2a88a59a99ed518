/// The key every language version of one page shares: pages are linked across languages, given
/// one QR code and checked for staleness by it. Sections are grouped by folder (`section:partners`),
/// other pages by `translationKey` (`key:…`) or their path without the language (`path:partners/eco`).
public struct TranslationGroup: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The group of a file: its section's for an `_index` file, else its own.
    public static func of(_ source: SourcePage) -> TranslationGroup {
        source.isSectionIndex ? section(source.directory) : source.translationGroup
    }

    /// The group of the section page of `directory` (`""`: the home page).
    public static func section(_ directory: String) -> TranslationGroup {
        TranslationGroup(rawValue: "section:" + directory)
    }

    public var description: String { rawValue }

    public static func < (a: TranslationGroup, b: TranslationGroup) -> Bool { a.rawValue < b.rawValue }
}
