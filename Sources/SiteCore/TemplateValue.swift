import Yams

/// A free-form value from config `params` or unknown front-matter fields, kept for templates.
///
/// Free fields are free by nature; this enum keeps them typed (no `Any`) until the template
/// layer turns them into what Mustache reads.
public enum TemplateValue: Sendable, Hashable, Encodable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    /// Keys in source order.
    case map([Field])

    public struct Field: Sendable, Hashable, Encodable {
        public var key: String
        public var value: TemplateValue
        public init(key: String, value: TemplateValue) {
            self.key = key
            self.value = value
        }
    }

    public static let empty = TemplateValue.map([])

    /// Converts a YAML node: plain `true`/`false` become booleans, plain integers numbers,
    /// everything else text exactly as written.
    public init(node: Node) {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if ["true", "false"].contains(scalar.string) {
                    self = .bool(scalar.string == "true")
                    return
                }
                if let number = Int(scalar.string) {
                    self = .int(number)
                    return
                }
            }
            self = .string(scalar.string)
        case .sequence(let sequence):
            self = .list(sequence.map(TemplateValue.init(node:)))
        case .mapping(let mapping):
            self = .map(mapping.map { Field(key: $0.key.string ?? "", value: TemplateValue(node: $0.value)) })
        case .alias:
            self = .string("")
        }
    }

    public subscript(key: String) -> TemplateValue? {
        guard case .map(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }
}
