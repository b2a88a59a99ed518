import Foundation

/// Turns print editions (HTML pages of the built site) into PDF files. Passed in through
/// `BuildContext.pdfMaker` rather than found by the build, because the one that ships
/// (`WeasyPrint`) is an outside program that a machine may lack: without one the build still makes
/// every print edition's HTML and leaves the PDFs out, and tests run without it.
public protocol PDFMaking: Sendable {
    /// Makes every job's PDF in one go (an outside program starts once, not once per book).
    /// `files` holds, by site path (`en/blueprint/print/index.html`, `css/print.css`), the pages and
    /// everything they may load; nothing else may be fetched. `baseURL` is the site's, absolute.
    /// Results come in the order of `jobs`.
    func makePDFs(_ jobs: [PDFJob], files: [String: Data], baseURL: String) throws -> [PDFResult]
}
