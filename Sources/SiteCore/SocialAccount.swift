import Foundation

/// An account on a social network, from `social:` in config.yaml; the theme links to it on every
/// page with a name that says which network it is on.
///
/// ```yaml
/// social:
///   - {network: X, handle: "@EuropeanCancer"}          # url derived: https://x.com/EuropeanCancer
///   - {network: LinkedIn, handle: ECO, url: "https://www.linkedin.com/company/…"}
/// ```
public struct SocialAccount: Sendable, Hashable {
    /// The network's name as readers know it, e.g. `X`.
    public var network: String
    /// The account as it is written on the network, e.g. `@EuropeanCancer`.
    public var handle: String
    /// The account's page; https only.
    public var url: String

    public init(network: String, handle: String, url: String) {
        self.network = network
        self.handle = handle
        self.url = url
    }

    /// The account's address when it follows from the handle alone: on X (or Twitter, as it was
    /// called), `@name` is at `https://x.com/name`; nil for other networks.
    public static func derivedURL(network: String, handle: String) -> String? {
        guard ["x", "twitter"].contains(network.lowercased()) else { return nil }
        let name = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            return nil
        }
        return "https://x.com/" + name
    }

    static let keys = ["network", "handle", "url"]

    /// Reads the `social` list of config.yaml.
    static func readList(
        _ node: YAMLObject.Entry, in root: YAMLObject, stage: BuildStage, diagnostics: inout DiagnosticList
    ) -> [SocialAccount] {
        let example = "social: [{network: X, handle: \"@name\"}]"
        guard let items = node.value.sequence else {
            if !root.isNull(node.value) {
                diagnostics.append(
                    .error(
                        "`social` must be a list of accounts.", at: root.position(of: node.value),
                        hint: "For example `\(example)`.", stage: stage))
            }
            return []
        }
        var accounts: [SocialAccount] = []
        for item in items {
            guard let object = root.object(from: item, key: "social", stage: stage, diagnostics: &diagnostics) else {
                continue
            }
            object.rejectUnknownKeys(allowed: keys, in: "a social account", stage: stage, diagnostics: &diagnostics)
            let network = object.string("network", stage: stage, diagnostics: &diagnostics)
            let handle = object.string("handle", stage: stage, diagnostics: &diagnostics)
            guard let network, !network.isEmpty, let handle, !handle.isEmpty else {
                diagnostics.append(
                    .error(
                        "A social account needs a `network` and a `handle`.", at: object.position,
                        hint: "For example `- {network: X, handle: \"@name\"}`.", stage: stage))
                continue
            }
            let written = object.string("url", stage: stage, diagnostics: &diagnostics)
            if let written {
                guard written.hasPrefix("https://"), URL(string: written)?.host?.isEmpty == false else {
                    diagnostics.append(
                        .error(
                            "The address of \(handle) on \(network) must start with https://, not `\(written)`.",
                            at: object.position(of: object.value("url")!),
                            hint: "Copy it from the browser's address bar on the account's page.", stage: stage))
                    continue
                }
                accounts.append(SocialAccount(network: network, handle: handle, url: written))
            } else if let derived = derivedURL(network: network, handle: handle) {
                accounts.append(SocialAccount(network: network, handle: handle, url: derived))
            } else {
                diagnostics.append(
                    .error(
                        "The address of \(handle) on \(network) cannot be worked out from the handle.",
                        at: object.position,
                        hint: "Add `url:` with the account's https:// address (only X handles give it by themselves).",
                        stage: stage))
            }
        }
        return accounts
    }
}
