/// WeasyPrint did not make the PDFs: it stopped, or answered with something else than they.
public struct WeasyPrintFailure: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
