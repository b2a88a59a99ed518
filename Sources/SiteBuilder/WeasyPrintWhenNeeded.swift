import Foundation
import SiteCore

/// The PDF maker `build` passes in: it looks for WeasyPrint only when the site has books to print,
/// so that a build of a site without books never starts Python (looking costs a tenth of a
/// second or more), and when WeasyPrint is missing the build says so once, as a warning with the
/// way to install it, and goes on without the PDFs.
public struct WeasyPrintWhenNeeded: PDFMaking {
    let environment: [String: String]
    let cacheFolder: URL?

    public init(environment: [String: String], cacheFolder: URL?) {
        self.environment = environment
        self.cacheFolder = cacheFolder
    }

    public func makePDFs(_ jobs: [PDFJob], files: [String: Data], baseURL: String) throws -> [PDFResult] {
        guard var weasyPrint = WeasyPrint.find(environment: environment) else {
            throw WeasyPrintFailure(
                message: "WeasyPrint is not installed, so the books' PDFs are skipped.", hint: WeasyPrint.installHint)
        }
        weasyPrint.cacheFolder = cacheFolder
        return try weasyPrint.makePDFs(jobs, files: files, baseURL: baseURL)
    }
}
