import Foundation

/// Upper bounds on what one source file may ask of a build, set under `limits:` in config.yaml.
///
/// Content arrives by pull request from many organisations. Without bounds, one file could make
/// every later build slow or exhaust memory (a 10 MB page, lists nested thousands deep, a YAML
/// "billion laughs" whose aliases expand to millions of values); with them, such a file gets an
/// error that names it and says which setting to raise if it is really meant.
public struct SiteLimits: Sendable, Equatable {
    /// The largest Markdown file read, in kilobytes (1024 bytes).
    public var maxFileSizeKB = 4096
    /// How deep block quotes and lists may be nested in a page.
    public var maxNestingDepth = 32
    /// How many values aliases (`*name`) may add to one YAML file, beyond those written out.
    public var maxYAMLValues = 10_000

    public init() {}

    static let keys = ["maxFileSizeKB", "maxNestingDepth", "maxYAMLValues"]

    /// Reads the `limits` block of config.yaml; each value must be a whole number above zero.
    static func read(_ object: YAMLObject, stage: BuildStage, diagnostics: inout DiagnosticList) -> SiteLimits {
        object.rejectUnknownKeys(allowed: keys, in: "limits", stage: stage, diagnostics: &diagnostics)
        var limits = SiteLimits()
        func read(_ key: String, into value: inout Int) {
            guard let number = object.int(key, stage: stage, diagnostics: &diagnostics) else { return }
            guard number > 0 else {
                diagnostics.append(
                    .error(
                        "`limits.\(key)` must be a whole number above zero, not \(number).",
                        at: object.position(of: object.value(key)!),
                        hint: "Remove the line to use the default, \(value).", stage: stage))
                return
            }
            value = number
        }
        read("maxFileSizeKB", into: &limits.maxFileSizeKB)
        read("maxNestingDepth", into: &limits.maxNestingDepth)
        read("maxYAMLValues", into: &limits.maxYAMLValues)
        return limits
    }
}
