import Foundation
import SiteCore

/// The YAML block at the top of a content file, typed: the fields the generator understands,
/// with their positions, and the rest kept for templates.
public struct FrontMatter: Sendable {
    public var title: String
    public var description: String?
    public var date: PageDate?
    public var draft: Bool
    /// Lower comes first in lists; 0 means unweighted and sorts after weighted pages (as in Hugo).
    public var weight: Int
    /// Replaces the last URL segment in this language.
    public var slug: String?
    /// Groups translations whose file names differ.
    public var translationKey: String?
    /// Old URLs that should redirect here.
    public var aliases: [(path: String, position: SourcePosition)]
    /// A template name to use instead of the kind's default.
    public var layout: String?
    public var layoutPosition: SourcePosition?
    /// Fields the generator does not know, as written.
    public var params: TemplateValue
    /// The content kind named in front matter (`kind: partner`), overriding the section's.
    public var kind: ContentKind?
    public var kindPosition: SourcePosition?
    /// For a translation: the short hash of the default-language file it was translated from.
    public var translatedFrom: String?
    /// The printed QR code's error-correction level for this page, when not the site's.
    public var qrErrorCorrection: QRLevel?
    /// On a section's `_index`: the section is a book, printed whole (issue 18). A fact about the
    /// section, not words to translate, so a known key: changing it leaves translations up to date.
    public var book = false
    public var qrErrorCorrectionPosition: SourcePosition?
    /// The whole front matter with positions, for checking typed fields against the kind's schema.
    public var fields: YAMLObject
    /// The front matter as written: an edit that leaves it alone changes nothing but the body.
    public var yaml: String = ""

    public static let knownKeys = [
        "title", "description", "date", "draft", "weight", "slug", "translationKey", "aliases", "layout", "kind",
        "translatedFrom", "qrErrorCorrection", "book",
    ]

    /// Splits `text` into front matter and body and reads the front matter. Returns nil (with
    /// diagnostics) only when there is no readable front matter; a page with a bad field is kept so
    /// that links to it do not cause further, misleading errors.
    public static func parse(
        _ text: String, file: String, limits: SiteLimits = SiteLimits(), diagnostics: inout DiagnosticList
    ) -> (FrontMatter, body: String, bodyLineOffset: Int)? {
        let stage = BuildStage.load
        var lines: [Substring]
        var fastBody: Substring?
        if !text.containsByte(13) {
            // Most files: read lines up to the closing `---` only, and take the body as it is
            // (splitting whole files into lines and joining them again was a tenth of a build).
            (lines, fastBody) = leadingLines(of: text)
        } else {
            lines = linesAtAnyBreak(text)
        }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard lines.first.map(isFence) == true else {
            diagnostics.append(
                .error(
                    "This page does not start with front matter.", at: SourcePosition(file: file),
                    hint: "Start the file with a line `---`, then `title: Your title`, then another line `---`.",
                    stage: stage))
            return nil
        }
        guard let closing = lines.dropFirst().firstIndex(where: isFence)
        else {
            diagnostics.append(
                .error(
                    "The front matter that starts on line 1 is never closed.", at: SourcePosition(file: file),
                    hint: "Did you forget to add a line `---` after the last front matter field?", stage: stage))
            return nil
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = fastBody.map(String.init) ?? lines[(closing + 1)...].joined(separator: "\n")
        guard
            let object = YAMLObject.parse(
                yaml, file: file, lineOffset: 1, stage: stage, maxValues: limits.maxYAMLValues,
                diagnostics: &diagnostics)
        else { return nil }

        let title = object.string("title", stage: stage, diagnostics: &diagnostics)
        if title?.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains) ?? true,
            object.value("title").map({ $0.scalar != nil }) ?? true
        {
            if object.value("title") != nil {
                diagnostics.append(
                    .error(
                        "The title of this page is empty.", at: object.positionOfKey("title"),
                        hint: "Write the page's title after `title:`, in double quotes: `title: \"Your title\"`.",
                        stage: stage))
            } else {
                diagnostics.append(
                    .error(
                        "This page has no `title`.", at: SourcePosition(file: file, line: 2),
                        hint: "Add a line `title: …` between the two `---` lines.", stage: stage))
            }
        }
        var date: PageDate?
        if let text = object.string("date", stage: stage, diagnostics: &diagnostics) {
            date = PageDate(text)
            if date == nil {
                diagnostics.append(
                    .error(
                        "`\(text)` is not a date.", at: object.position(of: object.value("date")!),
                        hint: PageDate.formatHint(field: "date"), stage: stage))
            }
        }
        let slug = object.string("slug", stage: stage, diagnostics: &diagnostics)
        if let slug, slug.isEmpty || slug.contains("/") || slug == "." || slug == ".." {
            diagnostics.append(
                .error(
                    "`slug` must be a single URL segment, not `\(slug)`.",
                    at: object.position(of: object.value("slug")!),
                    hint: "Use letters, digits and dashes, e.g. `slug: partenaires`.", stage: stage))
        } else if let slug, let unsafe = Slugifier.firstUnsafeCharacter(inSegment: slug) {
            diagnostics.append(
                .error(
                    "`slug` holds \(ContentPaths.describe(unsafe)), which does not work in a web address.",
                    at: object.position(of: object.value("slug")!),
                    hint: "Use letters, digits and dashes, e.g. `slug: partenaires`.", stage: stage))
        }
        let qrLetter = object.string("qrErrorCorrection", stage: stage, diagnostics: &diagnostics)
        let qrErrorCorrection = qrLetter.flatMap(QRLevel.init(rawValue:))
        if let qrLetter, qrErrorCorrection == nil {
            diagnostics.append(
                .error(
                    "`qrErrorCorrection` must be \(QRLevel.spelled), not `\(qrLetter)`.",
                    at: object.position(of: object.value("qrErrorCorrection")!),
                    hint: "Use Q or H for codes printed where they may get scratched or partly covered.", stage: stage))
        }
        var params: [TemplateValue.Field] = []
        for entry in object.entries where !knownKeys.contains(entry.key) {
            params.append(TemplateValue.Field(key: entry.key, value: TemplateValue(node: entry.value)))
        }
        let matter = FrontMatter(
            title: title ?? "",
            description: object.string("description", stage: stage, diagnostics: &diagnostics),
            date: date,
            draft: object.bool("draft", stage: stage, diagnostics: &diagnostics) ?? false,
            weight: object.int("weight", stage: stage, diagnostics: &diagnostics) ?? 0,
            slug: slug,
            translationKey: object.string("translationKey", stage: stage, diagnostics: &diagnostics),
            aliases: (object.stringList("aliases", stage: stage, diagnostics: &diagnostics) ?? []).map {
                (path: $0.0, position: $0.1)
            },
            layout: object.string("layout", stage: stage, diagnostics: &diagnostics),
            layoutPosition: object.value("layout").map { object.position(of: $0) },
            params: .map(params),
            kind: object.string("kind", stage: stage, diagnostics: &diagnostics).map(ContentKind.init(rawValue:)),
            kindPosition: object.value("kind").map { object.position(of: $0) },
            translatedFrom: object.string("translatedFrom", stage: stage, diagnostics: &diagnostics),
            qrErrorCorrection: qrErrorCorrection,
            qrErrorCorrectionPosition: object.value("qrErrorCorrection").map { object.position(of: $0) },
            fields: object)
        var withSource = matter
        withSource.yaml = yaml
        withSource.book = object.bool("book", stage: stage, diagnostics: &diagnostics) ?? false
        return (withSource, body, closing + 1)
    }
}

/// The lines of `text` split at `\r\n`, `\n` or `\r` (Windows and old Mac files). Splitting at
/// the Character "\n" did not split "\r\n", which Swift counts as one character.
private func linesAtAnyBreak(_ text: String) -> [Substring] {
    var lines: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var index = start
    while index != utf8.endIndex {
        let byte = utf8[index]
        guard byte == 10 || byte == 13 else {
            index = utf8.index(after: index)
            continue
        }
        lines.append(text[start..<index])
        var next = utf8.index(after: index)
        if byte == 13, next != utf8.endIndex, utf8[next] == 10 { next = utf8.index(after: next) }
        start = next
        index = next
    }
    lines.append(text[start...])
    return lines
}

/// Whether a line is `---` between blanks (Foundation's `.whitespaces`). ASCII lines are checked
/// on their bytes: trimming through Foundation for every front matter line showed in profiles.
private func isFence(_ line: Substring) -> Bool {
    var line = line
    let answer = line.withUTF8 { isFence(bytes: $0) }
    return answer ?? (line.trimmingCharacters(in: .whitespaces) == "---")
}

/// `isFence` on a line's bytes; nil when only Foundation can tell (no ASCII letter or sign but
/// blanks and dashes, and some other character, which may be a Unicode blank).
private func isFence(bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    var otherThanASCII = false
    for byte in bytes {
        switch byte {
        case 0x20, 0x09, 0x2D: continue
        case 0x80...: otherThanASCII = true
        default: return false  // Any other ASCII character is neither a blank nor a dash.
        }
    }
    if otherThanASCII { return nil }
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] != 0x2D { start += 1 }
    while end > start, bytes[end - 1] != 0x2D { end -= 1 }
    // Blanks around three dashes, and none between them.
    return end - start == 3 && bytes[start + 1] == 0x2D
}

/// The lines of `text` (which has no carriage return) up to the closing `---` of its front matter,
/// and the text after that line; all lines and no body when there is no closing line. Lines are
/// found with memchr: this runs on every file of every build.
private func leadingLines(of text: String) -> ([Substring], Substring?) {
    var copy = text
    let (ends, bodyStart) = copy.withUTF8 { bytes -> ([Int], Int?) in
        guard let base = bytes.baseAddress else { return ([0], nil) }
        var ends: [Int] = []
        var start = 0
        while true {
            let end =
                memchr(base + start, 10, bytes.count - start).map {
                    base.distance(to: $0.assumingMemoryBound(to: UInt8.self))
                } ?? bytes.count
            ends.append(end)
            var line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if ends.count == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) {
                line = UnsafeBufferPointer(rebasing: line[3...])
            }
            let fence =
                isFence(bytes: line)
                ?? isFence(String(decoding: line, as: UTF8.self)[...])
            if ends.count == 1 && !fence { return (ends, nil) }
            if ends.count > 1 && fence { return (ends, end == bytes.count ? end : end + 1) }
            guard end != bytes.count else { return (ends, nil) }
            start = end + 1
        }
    }
    let utf8 = text.utf8
    var lines: [Substring] = []
    lines.reserveCapacity(ends.count)
    var start = utf8.startIndex
    for end in ends {
        let endIndex = utf8.index(utf8.startIndex, offsetBy: end)
        lines.append(text[start..<endIndex])
        if endIndex != utf8.endIndex { start = utf8.index(after: endIndex) }
    }
    return (lines, bodyStart.map { text[utf8.index(utf8.startIndex, offsetBy: $0)...] })
}
