import Foundation
import SiteCore
import Yams

/// A content kind (partner, centre, course, …) declared in `schemas/<kind>.yaml`, so that the
/// communications team can add a field without touching Swift.
///
/// ```yaml
/// description: An organisation of the consortium.
/// sections: [partners]          # pages in content/partners/ are of this kind
/// listing: {groupBy: [country]} # section pages list them grouped by these fields
/// date: optional                # or `required` (news), or a date field that dates them (`start`)
/// fields:
///   country: {type: country, required: true}
///   website: {type: url}
///   name: {type: string, required: true, translatable: true}
/// ```
public struct ContentSchema: Sendable {
    public struct Field: Sendable {
        public var name: String
        public var type: FieldType
        public var required: Bool
        /// Translations may give their own value; otherwise they inherit the default language's,
        /// and a different value is an error.
        public var translatable: Bool
        /// Shown in `new` page templates: what to write here.
        public var description: String?
    }

    public var kind: ContentKind
    public var description: String?
    /// Folders under `content/` whose pages are of this kind (their sub-folders too).
    public var sections: [String]
    public var fields: [Field]
    /// Fields a section of this kind groups its list by.
    public var groupBy: [String]
    /// Whether front-matter fields the schema does not declare are allowed (plain pages).
    public var allowsOtherFields: Bool
    /// The schema.org type its pages describe (`Organization`, `Course`, `Event`), for JSON-LD.
    public var structuredData: String? = nil
    /// How its pages are dated: the built-in `date:` optional, required, or replaced by a field.
    public var date: DateRule = .optional
    public var file: String

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    /// The kind for pages no schema claims: any extra field is kept for templates.
    public static let plainPage = ContentSchema(
        kind: "page", description: "A plain page.", sections: [], fields: [], groupBy: [], allowsOtherFields: true,
        file: "(built in)")

    public static let topKeys = [
        "description", "sections", "listing", "fields", "allowOtherFields", "structuredData", "date",
    ]
    public static let structuredDataTypes = ["Organization", "Course", "Event"]
    public static let fieldKeys = ["type", "required", "translatable", "description", "values", "items", "to"]
    public static let typeNames = [
        "string", "text", "int", "bool", "date", "url", "email", "enum", "country", "language", "asset", "reference",
        "list",
    ]

    /// Reads every `schemas/*.yaml`. Schema mistakes are configuration errors.
    public static func loadAll(from fileSystem: any FileSystem) throws(BuildFailure) -> [ContentKind: ContentSchema] {
        var diagnostics = DiagnosticList()
        var schemas: [ContentKind: ContentSchema] = [.page: plainPage]
        for path in fileSystem.files(under: "schemas") where path.hasSuffix(".yaml") {
            let kind = ContentKind(rawValue: String(RelativePath.lastComponent(of: path).dropLast(".yaml".count)))
            guard let text = fileSystem.text(of: path),
                let object = YAMLObject.parse(text, file: path, stage: .config, diagnostics: &diagnostics)
            else { continue }
            if let schema = read(object, kind: kind, file: path, diagnostics: &diagnostics) { schemas[kind] = schema }
        }
        // References must name a declared kind; two kinds cannot claim one section.
        var claimed: [String: ContentKind] = [:]
        for schema in schemas.values.sorted(by: { $0.kind < $1.kind }) {
            for section in schema.sections {
                if let other = claimed[section] {
                    diagnostics.append(
                        .error(
                            "The folder content/\(section) is claimed by both `\(other)` and `\(schema.kind)`.",
                            at: SourcePosition(file: schema.file), hint: "List it under `sections` in one schema only.",
                            stage: .config))
                }
                claimed[section] = schema.kind
            }
            for field in schema.fields {
                if let kind = referencedKind(field.type), schemas[kind] == nil {
                    diagnostics.append(
                        .error(
                            "The field `\(field.name)` refers to the kind `\(kind)`, which has no schema.",
                            at: SourcePosition(file: schema.file),
                            hint: "Use one of: \(schemas.keys.sorted().map(\.rawValue).joined(separator: ", ")).",
                            stage: .config))
                }
            }
        }
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.sorted, isConfigurationError: true) }
        return schemas
    }

    private static func referencedKind(_ type: FieldType) -> ContentKind? {
        switch type {
        case .reference(let kind): return kind
        case .list(let item): return referencedKind(item)
        default: return nil
        }
    }

    private static func read(
        _ object: YAMLObject, kind: ContentKind, file: String, diagnostics: inout DiagnosticList
    ) -> ContentSchema? {
        let stage = BuildStage.config
        object.rejectUnknownKeys(allowed: topKeys, in: "a schema", stage: stage, diagnostics: &diagnostics)
        let sections = (object.stringList("sections", stage: stage, diagnostics: &diagnostics) ?? []).map(\.0)
        var groupBy: [String] = []
        if let listing = object.object("listing", stage: stage, diagnostics: &diagnostics) {
            listing.rejectUnknownKeys(allowed: ["groupBy"], in: "`listing`", stage: stage, diagnostics: &diagnostics)
            groupBy = (listing.stringList("groupBy", stage: stage, diagnostics: &diagnostics) ?? []).map(\.0)
        }
        var fields: [Field] = []
        if let fieldsObject = object.object("fields", stage: stage, diagnostics: &diagnostics) {
            for entry in fieldsObject.entries {
                if FrontMatter.knownKeys.contains(entry.key) {
                    diagnostics.append(
                        .error(
                            "`\(entry.key)` is a built-in front matter field and cannot be redefined.",
                            at: fieldsObject.position(of: entry.keyNode), hint: "Choose another name.", stage: stage))
                    continue
                }
                guard
                    let fieldObject = fieldsObject.object(
                        from: entry.value, key: entry.key, stage: stage, diagnostics: &diagnostics)
                else { continue }
                fieldObject.rejectUnknownKeys(
                    allowed: fieldKeys, in: "field `\(entry.key)`", stage: stage, diagnostics: &diagnostics)
                guard let type = readType(fieldObject, name: entry.key, diagnostics: &diagnostics) else { continue }
                fields.append(
                    Field(
                        name: entry.key, type: type,
                        required: fieldObject.bool("required", stage: stage, diagnostics: &diagnostics) ?? false,
                        translatable: fieldObject.bool("translatable", stage: stage, diagnostics: &diagnostics)
                            ?? false,
                        description: fieldObject.string("description", stage: stage, diagnostics: &diagnostics)))
            }
        }
        for name in groupBy where !fields.contains(where: { $0.name == name }) {
            diagnostics.append(
                .error(
                    "`listing.groupBy` names `\(name)`, which is not a field of this kind.",
                    at: object.positionOfKey("listing"), hint: "Use one of the fields under `fields`.", stage: stage))
        }
        let structuredData = object.string("structuredData", stage: stage, diagnostics: &diagnostics)
        if let structuredData, !structuredDataTypes.contains(structuredData) {
            diagnostics.append(
                .error(
                    "`\(structuredData)` is not a structured-data type the generator can describe.",
                    at: object.position(of: object.value("structuredData")!),
                    hint: "Use one of: \(structuredDataTypes.joined(separator: ", ")).", stage: stage))
        }
        var schema = ContentSchema(
            kind: kind, description: object.string("description", stage: stage, diagnostics: &diagnostics),
            sections: sections, fields: fields, groupBy: groupBy,
            allowsOtherFields: object.bool("allowOtherFields", stage: stage, diagnostics: &diagnostics) ?? false,
            file: file)
        schema.structuredData = structuredData
        if let node = object.value("date"),
            let rule = DateRule(object, node: node, fields: fields, diagnostics: &diagnostics)
        {
            schema.date = rule
        }
        return schema
    }

    private static func readType(_ object: YAMLObject, name: String, diagnostics: inout DiagnosticList) -> FieldType? {
        let stage = BuildStage.config
        guard let typeName = object.string("type", stage: stage, diagnostics: &diagnostics) else {
            diagnostics.append(
                .error(
                    "The field `\(name)` needs a `type`.", at: object.position,
                    hint: "Use one of: \(typeNames.joined(separator: ", ")).", stage: stage))
            return nil
        }
        func base(_ typeName: String) -> FieldType? {
            switch typeName {
            case "string": return .string
            case "text": return .text
            case "int": return .int
            case "bool": return .bool
            case "date": return .date
            case "url": return .url
            case "email": return .email
            case "country": return .country
            case "language": return .language
            case "asset": return .asset
            case "reference":
                return .reference(
                    kind: object.string("to", stage: stage, diagnostics: &diagnostics).map(ContentKind.init(rawValue:)))
            case "enum":
                let values = (object.stringList("values", stage: stage, diagnostics: &diagnostics) ?? []).map(\.0)
                if values.isEmpty {
                    diagnostics.append(
                        .error(
                            "The enum field `\(name)` needs its allowed `values`.", at: object.position,
                            hint: "Add `values: [first, second]`.", stage: stage))
                }
                return .enumeration(values)
            default:
                let suggestion = EditDistance.closest(to: typeName, among: typeNames)
                diagnostics.append(
                    .error(
                        "`\(typeName)` is not a field type.", at: object.position(of: object.value("type")!),
                        hint: suggestion.map { "Did you mean `\($0)`?" }
                            ?? "Use one of: \(typeNames.joined(separator: ", ")).", stage: stage))
                return nil
            }
        }
        if typeName == "list" {
            let item = object.string("items", stage: stage, diagnostics: &diagnostics) ?? "string"
            guard item != "list", let itemType = base(item) else { return nil }
            return .list(itemType)
        }
        return base(typeName)
    }
}
