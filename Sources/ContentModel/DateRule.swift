import SiteCore
import Yams

/// How pages of a kind are dated: the `date:` key of its schema (`schemas/<kind>.yaml`).
///
/// The built-in front-matter `date:` sorts lists and dates feeds. Some kinds need it (news is
/// dated by nature: `date: required`); others are dated by a field of their own, and a `date:`
/// there would be silently ignored: an event's day is its `start` (`date: start`), so `date:`
/// on an event is an error that says to use `start:`. That field's value then dates the page in
/// lists, feeds and "mentioned in" lists.
public enum DateRule: Sendable, Hashable {
    /// `date:` may be given or not (the default).
    case optional
    /// Every page of the kind has a `date:` (a translation may inherit its original's).
    case required
    /// Pages are dated by this date field; `date:` is an error.
    case field(String)

    /// Reads the schema's `date:` value; a name that is not one of `fields` of type date is a
    /// configuration error.
    init?(_ object: YAMLObject, node: Node, fields: [ContentSchema.Field], diagnostics: inout DiagnosticList) {
        let dateFields = fields.filter { $0.type == .date }.map(\.name)
        let choices = ["optional", "required"] + dateFields
        let text = node.scalar?.string ?? ""
        switch text {
        case "optional": self = .optional
        case "required": self = .required
        case _ where dateFields.contains(text): self = .field(text)
        default:
            diagnostics.append(
                .error(
                    "`date: \(text)` is neither `optional`, `required` nor a date field of this kind.",
                    at: object.position(of: node),
                    hint:
                        "Use one of: \(choices.joined(separator: ", ")) (a field must be declared with `type: date`).",
                    stage: .config))
            return nil
        }
    }

    /// `date:` written on a page of a kind dated by a field: an error at its line.
    public func checkWritten(_ source: SourcePage, schema: ContentSchema, diagnostics: inout DiagnosticList) {
        guard case .field(let name) = self else { return }
        let object = source.frontMatter.fields
        guard let node = object.value("date"), !object.isNull(node) else { return }
        diagnostics.append(
            .error(
                "This \(schema.kind) page is dated by `\(name)`, not `date`.",
                at: object.positionOfKey("date"), hint: "Rename the line: \(schema.kind)s use `\(name):`.",
                stage: .validate))
    }

    /// A page of a kind that requires a date, with none of its own or inherited: an error at
    /// its front matter. (`source` is the page translations inherit from.)
    public func checkPresent(_ source: SourcePage, schema: ContentSchema, diagnostics: inout DiagnosticList) {
        guard self == .required, source.frontMatter.date == nil else { return }
        let object = source.frontMatter.fields
        // Written but not a date: already reported where it is written.
        if let node = object.value("date"), !object.isNull(node) { return }
        diagnostics.append(
            .error(
                "This \(schema.kind) page has no `date`: \(schema.kind) pages are dated.",
                at: SourcePosition(file: source.path, line: 2),
                hint:
                    "Add a line `date: 2024-05-17` between the `---` lines, or `date: 2024-05` when only the month is known.",
                stage: .validate))
    }
}
