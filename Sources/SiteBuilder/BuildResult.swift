import SiteCore
import SiteOutput

/// A built site held in memory: the files to write and what to tell the user.
public struct BuildResult: Sendable {
    /// Every file, sorted by path; empty when the build streamed them to a `StagedOutput`.
    public var files: [OutputFile]
    /// How many files the site has (also when they were streamed).
    public var fileCount: Int
    public var warnings: [Diagnostic]
    /// Pages made in each language (untranslated stand-ins not counted), in config order.
    public var pages: PageTally
    public var pagesPerLanguage: [(String, Int)] { pages.entries.map { ($0.language, $0.pages) } }
    /// The new text of `content/_qr.yaml` when this build gave new pages their codes; the caller
    /// writes it (the build itself only writes the output folder).
    public var ledgerUpdate: String?
    /// What changed in the ledger, a sentence each.
    public var ledgerNotes: [String] = []
    /// The QR codes' versions and minimum printed sizes, a line for the summary.
    public var qrReport: String = ""
    /// What libvips writes here and what the image step made, a line for the summary; nil when
    /// the site has no images and draws no cards.
    public var imageReport: String?
    /// The stages this build ran, in order (see `BuildStep`).
    public var steps: [BuildStep] = []
}
