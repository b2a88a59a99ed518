import ContentModel
import Foundation
import ShortLinks
import SiteCore
import Yams

/// The printed QR codes: each code leads to one page (all its translations) forever. Kept in
/// `content/_qr.yaml`, committed; the build adds a code for each page that has none and never
/// changes or reuses one. A page is identified by its `translationKey`, or by its default-language
/// file, so renaming a translation or a slug keeps the code.
public struct ShortLinkLedger: Sendable {
    public static let file = "content/_qr.yaml"
    /// QR alphanumeric characters without look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B).
    public static let alphabet = Array("34679ACDEFGHJKMNPQRTUVWXY")
    public static let codeLength = 3

    public struct Entry: Sendable, Equatable {
        public var code: String
        /// A content file (default language), e.g. `partners/eco.md`.
        public var page: String?
        /// A `translationKey`.
        public var key: String?
        /// An outside address the code sends to (e.g. a contact form).
        public var url: String?
        /// Where a removed page's code now leads: a content file.
        public var redirect: String?
        public var position: SourcePosition

        /// Names `group` as this entry's page.
        mutating func point(at target: TranslationGroup) {
            let group = target.rawValue
            (page, key) = (nil, nil)
            if group.hasPrefix("key:") {
                key = String(group.dropFirst(4))
            } else if group.hasPrefix("path:") {
                page = String(group.dropFirst(5)) + ".md"
            } else if group.hasPrefix("section:") {
                let directory = String(group.dropFirst(8))
                page = (directory.isEmpty ? "" : directory + "/") + "_index.md"
            }
        }

        /// The translation group this entry names.
        public var group: TranslationGroup? {
            // A redirect wins: it is where a removed page's code leads now.
            if redirect == nil, let key { return TranslationGroup(rawValue: "key:" + key) }
            guard let page = redirect ?? page, page.hasSuffix(".md") else { return nil }
            let path = String(page.dropLast(3))
            if RelativePath.lastComponent(of: path) == "_index" {
                return TranslationGroup.section(RelativePath.directory(of: path))
            }
            return TranslationGroup(rawValue: "path:" + path)
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Reads the ledger; a missing file is an empty ledger.
    public static func load(from fileSystem: any FileSystem, diagnostics: inout DiagnosticList) -> ShortLinkLedger {
        guard let text = fileSystem.text(of: file),
            let root = YAMLObject.parse(text, file: file, stage: .load, diagnostics: &diagnostics)
        else { return ShortLinkLedger() }
        root.rejectUnknownKeys(allowed: ["codes"], in: file, stage: .load, diagnostics: &diagnostics)
        var entries: [Entry] = []
        for item in root.value("codes")?.sequence ?? [] {
            guard let object = root.object(from: item, key: "codes", stage: .load, diagnostics: &diagnostics) else {
                continue
            }
            object.rejectUnknownKeys(
                allowed: ["code", "page", "key", "url", "redirect"], in: "a QR code entry", stage: .load,
                diagnostics: &diagnostics)
            guard let code = object.string("code", stage: .load, diagnostics: &diagnostics) else {
                diagnostics.append(
                    .error("This QR code entry has no `code`.", at: object.position, stage: .load))
                continue
            }
            entries.append(
                Entry(
                    code: code, page: object.string("page", stage: .load, diagnostics: &diagnostics),
                    key: object.string("key", stage: .load, diagnostics: &diagnostics),
                    url: object.string("url", stage: .load, diagnostics: &diagnostics),
                    redirect: object.string("redirect", stage: .load, diagnostics: &diagnostics),
                    position: object.position))
        }
        var seen: Set<String> = []
        for entry in entries where !seen.insert(entry.code).inserted {
            diagnostics.append(
                .error(
                    "The QR code \(entry.code) is listed twice.", at: entry.position,
                    hint: "A printed code can lead to one place only; keep the first entry.", stage: .load))
        }
        return ShortLinkLedger(entries: entries)
    }

    /// Points entries whose page file is gone at the page that now lists the old address among its
    /// `aliases`: the page was moved, and its printed code follows it. `movedTo` maps a content file
    /// (e.g. `partners/old.md`) to the group of the page claiming its old address, if any. Returns a
    /// line per move for the build's summary.
    public mutating func followMoves(
        present groups: Set<TranslationGroup>, movedTo: (String) -> TranslationGroup?
    ) -> [String] {
        var moves: [String] = []
        for index in entries.indices {
            let entry = entries[index]
            guard entry.url == nil, entry.redirect == nil, let page = entry.page, let group = entry.group,
                !groups.contains(group), let target = movedTo(page), groups.contains(target)
            else { continue }
            entries[index].point(at: target)
            let now = entries[index].page ?? entries[index].key ?? target.rawValue
            moves.append("QR code \(entry.code) follows \(page), moved to \(now) (found through its alias).")
        }
        return moves
    }

    /// Entries whose page is gone without a redirect: their printed codes would break. A page
    /// that exists but could not be read (`unreadable`, under `content/`) is not gone: its error
    /// counts the code.
    public func checkTargets(
        groups: Set<TranslationGroup>, unreadable: Set<String> = [], diagnostics: inout DiagnosticList
    ) {
        for entry in entries where entry.url == nil {
            guard let group = entry.group, groups.contains(group) else {
                let target = entry.redirect ?? entry.page ?? entry.key ?? "?"
                if unreadable.contains(target) {
                    let file = ContentPaths.folder + "/" + target
                    diagnostics.append(
                        Diagnostic.error(
                            "The QR code \(entry.code) leads to \(target), which could not be read.",
                            at: entry.position, hint: "Fix the error reported in \(file).", stage: .validate
                        ).depending(on: file, as: .qrCode))
                    continue
                }
                diagnostics.append(
                    .error(
                        "The QR code \(entry.code) leads to \(target), which no longer exists; printed copies would break.",
                        at: entry.position,
                        hint:
                            "Restore the page, or add `redirect: other-page.md` to this entry so the code leads there.",
                        stage: .validate))
                continue
            }
        }
    }

    /// The ledger with a new code for every group that has none, in a stable order.
    public func assigningCodes(to groups: [TranslationGroup]) -> (ShortLinkLedger, added: Int) {
        var ledger = self
        var taken = Set(entries.map(\.code))
        // A code that now redirects elsewhere does not stand for its target page, which gets its own.
        let covered = Set(entries.filter { $0.redirect == nil && $0.url == nil }.compactMap(\.group))
        var added = 0
        for group in groups.sorted() where !covered.contains(group) {
            let count = Self.alphabet.count
            let space = Int(pow(Double(count), Double(Self.codeLength)))
            var slot = Int(UInt64(ContentHash.of(group.rawValue), radix: 16)! % UInt64(space))
            var code = Self.code(slot)
            while taken.contains(code) {
                slot = (slot + 1) % space
                code = Self.code(slot)
            }
            taken.insert(code)
            var entry = Entry(
                code: code, page: nil, key: nil, url: nil, redirect: nil, position: SourcePosition(file: Self.file))
            entry.point(at: group)
            ledger.entries.append(entry)
            added += 1
        }
        return (ledger, added)
    }

    public static func code(_ slot: Int) -> String {
        var slot = slot
        var characters: [Character] = []
        for _ in 0..<codeLength {
            characters.append(alphabet[slot % alphabet.count])
            slot /= alphabet.count
        }
        return String(characters)
    }

    /// The ledger file's text.
    public var text: String {
        var lines = [
            "# Printed QR codes: each code leads to one page, in the reader's language, forever.",
            "# The build adds a code for every new page. Never change or reuse a code; when a page is",
            "# removed, add `redirect: other-page.md` to its entry so printed copies keep working.",
            "codes:",
        ]
        for entry in entries {
            lines.append("  - code: \(entry.code)")
            if let page = entry.page { lines.append("    page: \(page)") }
            if let key = entry.key { lines.append("    key: \(key)") }
            if let url = entry.url { lines.append("    url: \(url)") }
            if let redirect = entry.redirect { lines.append("    redirect: \(redirect)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
