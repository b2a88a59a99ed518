import Foundation

/// Where the site's source lives, from `repository:` in config.yaml: the pages then link to the
/// host's web editor ("Edit this page") and, where a language shows a page untranslated, to a new
/// file pre-filled for translating it.
///
/// ```yaml
/// repository:
///   url: https://github.com/interact-europe/interact-site
///   branch: main
///   host: github      # optional: github or gitlab; otherwise told by the URL's host name
/// ```
///
/// The site's folder (the one holding config.yaml and content/) is the repository's root.
public struct SourceRepository: Sendable, Hashable {
    /// The web editors the links are made for.
    public enum Host: String, Sendable, Hashable, CaseIterable {
        /// `URL/edit/BRANCH/PATH`; new files `URL/new/BRANCH/FOLDER?filename=NAME&value=TEXT`.
        case github
        /// `URL/-/edit/BRANCH/PATH`; new files `URL/-/new/BRANCH/FOLDER?file_name=NAME&content=TEXT`.
        case gitlab
    }

    /// The repository's web address without a trailing `/` or `.git`,
    /// e.g. `https://github.com/interact-europe/interact-site`.
    public var url: String
    public var branch: String
    public var host: Host

    /// Links longer than this many characters are not made: the pre-filled text of a new file is
    /// cut to fit (see `newFileURL`). Browsers and GitHub take longer ones, but servers and
    /// proxies on the way commonly refuse request lines beyond 8 KB.
    public static let maxURLLength = 8000

    public init(url: String, branch: String, host: Host) {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        if url.hasSuffix(".git") { url.removeLast(4) }
        self.url = url
        self.branch = branch
        self.host = host
    }

    /// The host's editor for a file, `path` relative to the repository (`content/partners/eco.md`).
    public func editURL(path: String) -> String {
        switch host {
        case .github: return "\(url)/edit/\(Self.encodePath(branch))/\(Self.encodePath(path))"
        case .gitlab: return "\(url)/-/edit/\(Self.encodePath(branch))/\(Self.encodePath(path))"
        }
    }

    /// The host's page for a new file `name` in `folder` (relative to the repository), its editor
    /// filled with `head` then `body`. When the link would be longer than `maxURLLength`, `head`
    /// is kept whole and only as much of `body` is given as fits, cut after the last paragraph
    /// (else line, else character) that fits, followed by `continuation`.
    public func newFileURL(
        folder: String, name: String, head: String, body: String, continuation: String = ""
    )
        -> String
    {
        let start: String
        let nameKey: String
        let textKey: String
        switch host {
        case .github: (start, nameKey, textKey) = ("\(url)/new/", "filename", "value")
        case .gitlab: (start, nameKey, textKey) = ("\(url)/-/new/", "file_name", "content")
        }
        let base =
            start + Self.encodePath(branch) + (folder.isEmpty ? "" : "/" + Self.encodePath(folder)) + "?" + nameKey
            + "=" + Self.encodeQueryValue(name) + "&" + textKey + "=" + Self.encodeQueryValue(head)
        let whole = Self.encodeQueryValue(body)
        if base.utf8.count + whole.utf8.count <= Self.maxURLLength { return base + whole }
        let room = Self.maxURLLength - base.utf8.count - Self.encodeQueryValue(continuation).utf8.count
        return base + Self.encodeQueryValue(Self.prefix(of: body, fittingIn: room) + continuation)
    }

    /// The longest start of `text` whose encoding takes at most `room` characters: whole
    /// paragraphs if one fits, else whole lines, else characters.
    static func prefix(of text: String, fittingIn room: Int) -> String {
        func fits(_ candidate: Substring) -> Bool { encodeQueryValue(String(candidate)).utf8.count <= room }
        var best: Substring = ""
        for separator in ["\n\n", "\n"] {
            var end = text.startIndex
            while let found = text.range(of: separator, range: end..<text.endIndex) {
                guard fits(text[..<found.upperBound]) else { break }
                best = text[..<found.upperBound]
                end = found.upperBound
            }
            if !best.isEmpty { return String(best) }
        }
        var used = 0
        var end = text.startIndex
        for character in text {
            let size = encodeQueryValue(String(character)).utf8.count
            guard used + size <= room else { break }
            used += size
            end = text.index(after: end)
        }
        return String(text[..<end])
    }

    /// Letters, digits and `-._~` as they are; everything else, `/` included, as UTF-8 `%XX`.
    public static func encodeQueryValue(_ text: String) -> String {
        percentEncode(text, keeping: "")
    }

    /// As `encodeQueryValue`, but keeping `/` between path segments.
    public static func encodePath(_ path: String) -> String {
        percentEncode(path, keeping: "/")
    }

    private static func percentEncode(_ text: String, keeping extra: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        let kept = Set(extra.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                if kept.contains(byte) {
                    bytes.append(byte)
                } else {
                    bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let keys = ["url", "branch", "host"]

    /// Reads the `repository` block of config.yaml.
    static func read(_ object: YAMLObject, stage: BuildStage, diagnostics: inout DiagnosticList) -> SourceRepository? {
        object.rejectUnknownKeys(allowed: keys, in: "repository", stage: stage, diagnostics: &diagnostics)
        let example = "repository: {url: https://github.com/OWNER/NAME, branch: main}"
        let url = object.string("url", stage: stage, diagnostics: &diagnostics)
        let branch = object.string("branch", stage: stage, diagnostics: &diagnostics)
        var valid = true
        if url == nil, object.value("url").map({ object.isNull($0) }) ?? true {
            diagnostics.append(
                .error(
                    "`repository` needs a `url`: the repository's web address.", at: object.position,
                    hint: "For example `\(example)`.", stage: stage))
            valid = false
        }
        if branch?.trimmingCharacters(in: .whitespaces).isEmpty ?? true,
            object.value("branch").map({ object.isNull($0) || $0.scalar != nil }) ?? true
        {
            diagnostics.append(
                .error(
                    "`repository` needs a `branch`: the branch the site is published from.",
                    at: object.value("branch").map(object.position(of:)) ?? object.position,
                    hint: "For example `branch: main`.", stage: stage))
            valid = false
        }
        var components: URLComponents?
        if let url {
            components = URLComponents(string: url)
            let segments = components?.path.split(separator: "/") ?? []
            if components?.scheme != "https" || components?.host?.isEmpty != false || segments.count < 2
                || components?.query != nil || components?.fragment != nil
            {
                diagnostics.append(
                    .error(
                        "`repository.url` must be a repository's https:// address, not `\(url)`.",
                        at: object.position(of: object.value("url")!),
                        hint: "Copy it from the repository's page, e.g. https://github.com/OWNER/NAME.", stage: stage))
                valid = false
            }
        }
        var host: Host?
        if let named = object.string("host", stage: stage, diagnostics: &diagnostics) {
            host = Host(rawValue: named)
            if host == nil {
                diagnostics.append(
                    .error(
                        "`repository.host` must be \(Host.allCases.map(\.rawValue).joined(separator: " or ")), not `\(named)`.",
                        at: object.position(of: object.value("host")!),
                        hint: "Name the kind of server that hosts the repository; links are made in its shape.",
                        stage: stage))
                return nil
            }
        } else if let name = components?.host?.lowercased() {
            host = Host.allCases.first { name == "\($0.rawValue).com" || name.hasPrefix("\($0.rawValue).") }
            if host == nil, valid {
                diagnostics.append(
                    .error(
                        "`repository.url` is on \(name), which is not known to be GitHub or GitLab.",
                        at: object.position(of: object.value("url")!),
                        hint: "Say which it runs: add `host: github` or `host: gitlab` under `repository`.",
                        stage: stage))
                return nil
            }
        }
        guard valid, let url, let branch, let host else { return nil }
        return SourceRepository(url: url, branch: branch, host: host)
    }
}
