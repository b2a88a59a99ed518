import SiteCore

/// The version of an original that a translation records as `translatedFrom:`: a hash of what a
/// translator translates and nothing else, so that a translation turns stale only when that changes.
///
/// It covers the title, the description, the fields a translation may give in its own words (those
/// the kind's schema marks `translatable: true`, and on plain pages the fields no schema declares) and
/// the body. Facts (`country`, `website`, `date`, `weight`, …), a byte order mark, Windows or Unix line
/// ends, trailing spaces and tabs, and blank lines at the start or end of a text do not count.
public enum TranslationFingerprint {
    /// The fingerprint of `source` read as a page of `schema`'s kind.
    public static func of(_ source: SourcePage, schema: ContentSchema) -> String {
        var accumulator = ContentHash.Accumulator()
        add(label: "title", .string(source.frontMatter.title), to: &accumulator)
        if let description = source.frontMatter.description {
            add(label: "description", .string(description), to: &accumulator)
        }
        let object = source.frontMatter.fields
        let translatable = object.entries.filter { entry in
            !FrontMatter.knownKeys.contains(entry.key) && !object.isNull(entry.value)
                && (schema.field(entry.key)?.translatable ?? true)
        }
        for entry in translatable.sorted(by: { $0.key < $1.key }) {
            add(label: "field " + entry.key, TemplateValue(node: entry.value), to: &accumulator)
        }
        add(label: "body", .string(source.bodyFingerprint ?? body(source.body)), to: &accumulator)
        return accumulator.digest
    }

    /// The body's part: a hash of the Markdown as normalised below (`SourcePage` takes it when the file
    /// is read, as a one-off build lets the body go once it is parsed).
    public static func body(_ markdown: String) -> String {
        var accumulator = ContentHash.Accumulator()
        addNormalized(markdown, to: &accumulator)
        return accumulator.digest
    }

    /// A part, framed by its label and a NUL (which no page text holds: the loader refuses it).
    private static func add(label: String, _ value: TemplateValue, to accumulator: inout ContentHash.Accumulator) {
        addNormalized(label, to: &accumulator)
        accumulator.add(0)
        add(value, to: &accumulator)
        accumulator.add(0)
    }

    /// Scalars by their text (so `1` and `"1"` are the same words); lists and maps with markers
    /// between items, so that `[a b]` and `[a, b]` differ.
    private static func add(_ value: TemplateValue, to accumulator: inout ContentHash.Accumulator) {
        switch value {
        case .string(let text): addNormalized(text, to: &accumulator)
        case .int(let number): addNormalized(String(number), to: &accumulator)
        case .bool(let flag): addNormalized(flag ? "true" : "false", to: &accumulator)
        case .list(let items):
            for item in items {
                accumulator.add(1)
                add(item, to: &accumulator)
            }
            accumulator.add(2)
        case .map(let fields):
            for field in fields {
                accumulator.add(3)
                addNormalized(field.key, to: &accumulator)
                accumulator.add(4)
                add(field.value, to: &accumulator)
            }
            accumulator.add(2)
        }
    }

    /// Adds `text` with line ends made `\n`, spaces and tabs at line ends left out, blank lines at the
    /// start and end left out, and a leading byte order mark left out. One pass over the bytes.
    public static func addNormalized(_ text: String, to accumulator: inout ContentHash.Accumulator) {
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
            var started = false
            var pendingBreaks = 0
            var blanksStart: Int?
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 10, 13:
                    if byte == 13, index + 1 < bytes.count, bytes[index + 1] == 10 { index += 1 }
                    blanksStart = nil
                    if started { pendingBreaks += 1 }
                case 32, 9:
                    if blanksStart == nil { blanksStart = index }
                default:
                    for _ in 0..<pendingBreaks { accumulator.add(10) }
                    pendingBreaks = 0
                    if let start = blanksStart {
                        accumulator.add(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                        blanksStart = nil
                    }
                    accumulator.add(byte)
                    started = true
                }
                index += 1
            }
        }
    }
}
