/// A value `StableHasher` can take: the build cache's keys of page models
/// (`TemplateModel+StableHash.swift` is generated for the template model's types).
public protocol StableHashable {
    func stableHash(into hasher: inout StableHasher)
}

extension String: StableHashable {
    public func stableHash(into hasher: inout StableHasher) {
        hasher = StableHasher(seed: StableHash.text(self, into: hasher.state))
    }
}

extension Int: StableHashable {
    public func stableHash(into hasher: inout StableHasher) {
        hasher.combine(word: UInt64(bitPattern: Int64(self)))
    }
}

extension UInt64: StableHashable {
    public func stableHash(into hasher: inout StableHasher) {
        hasher.combine(word: self)
    }
}

extension Bool: StableHashable {
    public func stableHash(into hasher: inout StableHasher) {
        hasher.combine(word: self ? 0xB1 : 0xB0)
    }
}

extension Optional: StableHashable where Wrapped: StableHashable {
    public func stableHash(into hasher: inout StableHasher) {
        switch self {
        case .none: hasher.combine(word: 0)
        case .some(let value):
            hasher.combine(word: 1)
            hasher.combine(value)
        }
    }
}

extension Array: StableHashable where Element: StableHashable {
    public func stableHash(into hasher: inout StableHasher) {
        hasher.combine(word: UInt64(count))
        for element in self { hasher.combine(element) }
    }
}

extension Dictionary: StableHashable where Key == String, Value: StableHashable {
    public func stableHash(into hasher: inout StableHasher) {
        var sum: UInt64 = 0
        for (key, value) in self {
            var pair = StableHasher()
            pair.combine(key)
            pair.combine(value)
            sum = sum &+ pair.state
        }
        hasher.combine(word: UInt64(count))
        hasher.combine(word: sum)
    }
}

extension TemplateValue: StableHashable {
    public func stableHash(into hasher: inout StableHasher) {
        switch self {
        case .string(let text):
            hasher.combine(word: 1)
            hasher.combine(text)
        case .bool(let flag):
            hasher.combine(word: 2)
            hasher.combine(flag)
        case .int(let number):
            hasher.combine(word: 3)
            hasher.combine(number)
        case .list(let items):
            hasher.combine(word: 4)
            hasher.combine(items)
        case .map(let fields):
            hasher.combine(word: 5)
            hasher.combine(word: UInt64(fields.count))
            for field in fields {
                hasher.combine(field.key)
                hasher.combine(field.value)
            }
        }
    }
}
