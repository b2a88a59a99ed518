import Foundation

/// How visitors reach the project from the stakeholder page, from `contact:` in config.yaml.
///
/// ```yaml
/// contact:
///   email: someone@example.org          # the form composes a message to it (mailto:)
///   formAction: https://forms.example.org/interact   # or: the form posts to this endpoint
/// ```
///
/// With neither the page has no form and says how to reach the coordinator. Nothing is stored by
/// the site and nothing is sent to a third party unless `formAction` names one; that endpoint's
/// origin must then be in the Content-Security-Policy's `form-action` (deploy/site.conf), which the
/// nginx test checks.
public struct ContactSettings: Sendable, Hashable {
    public static let keys = ["email", "formAction"]

    /// The address the form's message goes to (`mailto:`), when set.
    public var email: String?
    /// The endpoint the form posts to (https), when set.
    public var formAction: String?

    public init(email: String? = nil, formAction: String? = nil) {
        self.email = email
        self.formAction = formAction
    }

    /// Reads `contact:`; an address that is not one, or an endpoint that is not https, is an
    /// error at its line.
    public static func read(
        _ object: YAMLObject, stage: BuildStage, diagnostics: inout DiagnosticList
    ) -> ContactSettings {
        object.rejectUnknownKeys(allowed: keys, in: "`contact`", stage: stage, diagnostics: &diagnostics)
        var settings = ContactSettings()
        if let email = object.string("email", stage: stage, diagnostics: &diagnostics)?.nonEmpty {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                !email.contains(where: { $0.isWhitespace || "<>\"?&".contains($0) })
            {
                settings.email = email
            } else {
                diagnostics.append(
                    .error(
                        "`contact.email` must be an e-mail address, not `\(email)`.",
                        at: object.position(of: object.value("email")!),
                        hint: "Write the address alone, e.g. `email: info@example.org`.", stage: stage))
            }
        }
        if let action = object.string("formAction", stage: stage, diagnostics: &diagnostics)?.nonEmpty {
            if let url = URL(string: action), url.scheme == "https", url.host?.isEmpty == false {
                settings.formAction = action
            } else {
                diagnostics.append(
                    .error(
                        "`contact.formAction` must be an https address, not `\(action)`.",
                        at: object.position(of: object.value("formAction")!),
                        hint:
                            "Give the endpoint that receives the form, e.g. `formAction: https://forms.example.org/interact`, and add its origin to form-action in deploy/site.conf.",
                        stage: stage))
            }
        }
        return settings
    }

    /// The origin of `formAction` (`https://forms.example.org`), for the CSP's `form-action`.
    public var formActionOrigin: String? {
        guard let formAction, let url = URL(string: formAction), let scheme = url.scheme, let host = url.host else {
            return nil
        }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}
