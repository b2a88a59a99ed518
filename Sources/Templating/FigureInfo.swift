/// A key figure on the home page: `value` shown large, `label` in the reader's language.
/// `isCounted` tells the figures the build counted from the content from the official ones
/// (`data/figures.yaml`), which the page may say in words.
public struct FigureInfo: Sendable, Hashable, Encodable {
    public var value: String
    public var label: String
    public var isCounted: Bool

    public init(value: String, label: String, isCounted: Bool) {
        self.value = value
        self.label = label
        self.isCounted = isCounted
    }
}
