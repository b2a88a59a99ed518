import Foundation

/// A PDF made from a `PDFJob`: its bytes, its number of pages (for the link that offers it:
/// "Download PDF (24 pages, 0.6 MB)"), and the files it asked for that were not there (an image
/// missing in one language), which the build reports because the reader of the PDF loses them.
public struct PDFResult: Sendable, Hashable {
    public var contents: Data
    public var pageCount: Int
    /// Site paths, as the page named them.
    public var missing: [String]

    public init(contents: Data, pageCount: Int, missing: [String] = []) {
        self.contents = contents
        self.pageCount = pageCount
        self.missing = missing
    }
}
