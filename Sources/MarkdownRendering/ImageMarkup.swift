/// What an image in Markdown becomes beyond cmark's `<img src alt>`: markup around it (a
/// `<picture>` with its `<source>`s before, `</picture>` after) and attributes on the `<img>`
/// (`width`, `height`, `srcset`, `loading`…), so that a resized image keeps cmark's escaping of its
/// `src` and alt text.
public struct ImageMarkup: Sendable, Equatable {
    /// HTML put before the `<img`, e.g. `<picture><source type="image/avif" srcset="…">`.
    public var before: String
    /// Added to the `<img>`: names of ASCII letters and `-`; values are escaped when rendered.
    public var attributes: [(name: String, value: String)]
    /// HTML put after the `<img … />`, e.g. `</picture>`.
    public var after: String

    public init(before: String = "", attributes: [(name: String, value: String)] = [], after: String = "") {
        self.before = before
        self.attributes = attributes
        self.after = after
    }

    public static func == (left: ImageMarkup, right: ImageMarkup) -> Bool {
        left.before == right.before && left.after == right.after
            && left.attributes.map(\.name) == right.attributes.map(\.name)
            && left.attributes.map(\.value) == right.attributes.map(\.value)
    }
}
