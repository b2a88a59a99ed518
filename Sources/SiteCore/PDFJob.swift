/// One PDF to make (see `PDFMaking`): the print edition page it is printed from, as a site path
/// such as `en/blueprint/print/index.html`.
public struct PDFJob: Sendable, Hashable {
    public var page: String

    public init(page: String) {
        self.page = page
    }
}
