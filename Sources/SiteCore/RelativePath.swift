/// Path arithmetic on `/`-separated relative paths that never climbs above its root.
public enum RelativePath {
    /// Removes `.` and empty segments and applies `..`; nil when the path would leave the root.
    public static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// `target` resolved against the folder that holds `file`; nil when it leaves the root.
    public static func resolve(_ target: String, relativeTo file: String) -> String? {
        if target.hasPrefix("/") { return normalize(target) }
        return normalize(directory(of: file) + "/" + target)
    }

    /// The folder part of a path, `""` at the root.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The last segment of a path.
    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// How to reach `target` from the folder holding `file`, as a person would write the link.
    public static func relative(from file: String, to target: String) -> String {
        let from = directory(of: file).split(separator: "/")
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }
}
