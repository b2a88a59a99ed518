/// WeasyPrint did not make the PDFs: it is missing, it stopped, or it answered with something else
/// than they; `hint` says what to do about it where that is known.
public struct WeasyPrintFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
