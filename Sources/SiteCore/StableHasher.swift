/// A running `StableHash` fed value by value, for types that say how they are hashed
/// (`StableHashable`). The build cache hashes every page model on every build to find the pages
/// it can reuse; walking them through `Encodable` (containers, boxes, a key text per field) was a
/// tenth of a warm build's CPU.
///
/// What is fed is self-delimiting, so that different values cannot feed the same words: a text
/// ends with its length, a list starts with its count, an optional starts with whether it holds
/// a value, and a dictionary is hashed pair by pair and the pairs summed (any order gives the
/// same hash). A struct feeds its stored properties in declaration order.
public struct StableHasher: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64 = 0x243F_6A88_85A3_08D3) {
        state = seed
    }

    public mutating func combine(word: UInt64) {
        state = StableHash.mix(state, word)
    }

    public mutating func combine<Value: StableHashable>(_ value: Value) {
        value.stableHash(into: &self)
    }

    /// The state as sixteen hex digits (as `StableHash.of` writes a hash).
    public var hexDigest: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
