import Foundation

extension MarkdownDocument {
    /// Appends the document as bytes to `out`, for the build cache to keep between builds;
    /// `init?(stored:)` reads them back into an equal document (the same headings, links, texts
    /// and HTML). Only for a document whose HTML has not been let go.
    public func store(into out: inout [UInt8]) {
        var writer = StoredWriter(out: out)
        out = []
        writer.integer(Self.storageVersion)
        writer.integer(Int(options))
        writer.integer(headings.count)
        for heading in headings {
            writer.integer(heading.level)
            writer.text(heading.text)
            writer.text(heading.id)
            writer.integer(heading.line)
            writer.integer(heading.column)
        }
        writer.integer(links.count)
        for link in links {
            writer.integer(link.kind == .image ? 1 : 0)
            writer.text(link.destination)
            writer.text(link.text)
            writer.integer(link.line)
            writer.integer(link.column)
            writer.integer(link.index)
        }
        writer.integer(deepestNesting.depth)
        writer.integer(deepestNesting.line)
        writer.integer(deepestNesting.column)
        writer.text(firstParagraph)
        writer.integer(segments.count)
        for segment in segments {
            writer.optionalText(segment.headingID)
            writer.optionalText(segment.heading)
            writer.text(segment.text)
        }
        let (parts, placeholderLinks) = html.contents
        writer.integer(parts.count)
        for part in parts { writer.text(part) }
        writer.integer(placeholderLinks.count)
        for link in placeholderLinks { writer.integer(link) }
        out = writer.out
    }

    /// A document stored by `store(into:)`, or nil when the bytes are not one (cut short, from
    /// another version of the format, or damaged where a count or a kind is).
    public convenience init?(stored bytes: UnsafeRawBufferPointer) {
        var reader = StoredReader(bytes: bytes)
        guard reader.integer() == Self.storageVersion, let options = reader.integer().flatMap(Int32.init(exactly:)),
            let headingCount = reader.count()
        else { return nil }
        var headings: [Heading] = []
        for _ in 0..<headingCount {
            guard let level = reader.integer(), let text = reader.text(), let id = reader.text(),
                let line = reader.integer(), let column = reader.integer()
            else { return nil }
            headings.append(Heading(level: level, text: text, id: id, line: line, column: column))
        }
        guard let linkCount = reader.count() else { return nil }
        var links: [Link] = []
        for _ in 0..<linkCount {
            guard let kind = reader.integer(), kind == 0 || kind == 1, let destination = reader.text(),
                let text = reader.text(), let line = reader.integer(), let column = reader.integer(),
                let index = reader.integer()
            else { return nil }
            links.append(
                Link(
                    kind: kind == 1 ? .image : .link, destination: destination, text: text, line: line, column: column,
                    index: index))
        }
        guard let depth = reader.integer(), let nestingLine = reader.integer(), let nestingColumn = reader.integer(),
            let firstParagraph = reader.text(), let segmentCount = reader.count()
        else { return nil }
        var segments: [(headingID: String?, heading: String?, text: String)] = []
        for _ in 0..<segmentCount {
            guard let headingID = reader.optionalText(), let heading = reader.optionalText(), let text = reader.text()
            else { return nil }
            segments.append((headingID, heading, text))
        }
        guard let partCount = reader.count() else { return nil }
        var parts: [String] = []
        for _ in 0..<partCount {
            guard let part = reader.text() else { return nil }
            parts.append(part)
        }
        guard let placeholderCount = reader.count() else { return nil }
        var placeholderLinks: [Int] = []
        for _ in 0..<placeholderCount {
            guard let link = reader.integer(), links.indices.contains(link) else { return nil }
            placeholderLinks.append(link)
        }
        guard reader.isAtEnd, parts.count == placeholderLinks.count + 1 else { return nil }
        self.init(
            headings: headings, links: links,
            deepestNesting: Nesting(depth: depth, line: nestingLine, column: nestingColumn),
            firstParagraph: firstParagraph, segments: segments, options: options,
            html: HTMLParts(parts: parts, placeholderLinks: placeholderLinks))
    }

    /// Bumped when what is stored changes.
    static let storageVersion = 1
}

/// Little-endian 64-bit integers and texts as their length and UTF-8 bytes.
private struct StoredWriter {
    var out: [UInt8]

    mutating func integer(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { out += $0 }
    }

    mutating func text(_ value: String) {
        integer(value.utf8.count)
        out += value.utf8
    }

    /// A flag (0 absent, 1 present), then the text.
    mutating func optionalText(_ value: String?) {
        integer(value == nil ? 0 : 1)
        if let value { text(value) }
    }
}

/// Reads what `StoredWriter` wrote; nil for anything past the end or out of range.
private struct StoredReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    var isAtEnd: Bool { position == bytes.count }

    mutating func integer() -> Int? {
        guard bytes.count - position >= 8 else { return nil }
        let value = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: Int64.self))
        position += 8
        return Int(exactly: value)
    }

    /// A count of items, each at least one byte: no more than the bytes left.
    mutating func count() -> Int? {
        guard let value = integer(), value >= 0, value <= bytes.count - position else { return nil }
        return value
    }

    mutating func text() -> String? {
        guard let length = count() else { return nil }
        defer { position += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)]), as: UTF8.self)
    }

    /// nil when the bytes are wrong; .some(nil) for an absent text.
    mutating func optionalText() -> String?? {
        switch integer() {
        case 0: return .some(nil)
        case 1: return text().map { .some($0) }
        default: return nil
        }
    }
}
