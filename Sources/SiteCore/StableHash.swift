/// A 64-bit hash of an `Encodable` value that is the same in every process, for keys a build
/// cache keeps between builds. Swift's `Hasher` (and so `hashValue`) is seeded afresh in each
/// process, and `JSONEncoder` writes a dictionary in an order that changes with that seed; this
/// walks the value's synthesized `encode(to:)` instead, so no field can be forgotten, and combines
/// a keyed container's entries (a struct's fields, a dictionary's pairs) in an order-free way.
///
/// Not meant to resist tampering: two different values collide with odds of about one in 2⁶⁴.
public enum StableHash {
    /// The hash of `value`, as sixteen hex digits.
    public static func of<Value: Encodable>(_ value: Value) -> String {
        hex(value: value)
    }

    /// The hash of `value` as a number (the pieces of a larger key).
    public static func value<Value: Encodable>(_ value: Value) -> UInt64 {
        HashingEncoder.hash(value)
    }

    /// Sixteen hex digits of `value`'s hash.
    public static func hex<Value: Encodable>(value: Value) -> String {
        let number = Self.value(value)
        let digits = String(number, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Mixes a word into a running hash (the finalizer of MurmurHash3, after adding `word`).
    @inline(__always)
    static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        var value = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        value ^= value >> 33
        value = value &* 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value = value &* 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }

    /// A text's bytes, eight at a time, then its length (so "ab" + "c" and "a" + "bc" differ).
    static func text(_ string: String, into state: UInt64) -> UInt64 {
        var string = string
        return string.withUTF8 { bytes(UnsafeRawBufferPointer($0), seed: state) }
    }

    /// The hash of `bytes` from `seed` (eight at a time, then their count): the build cache's
    /// keys of texts and the checksums of what it stores.
    public static func bytes(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var state = seed
        var index = 0
        while index + 8 <= bytes.count {
            state = mix(state, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        return mix(mix(state, tail), UInt64(bytes.count))
    }
}

/// Feeds an `Encodable` value into `StableHash`. A keyed container sums the hashes of its
/// (key, value) pairs, so a dictionary hashes the same whatever order it is walked in; an
/// unkeyed container chains its items in order. Containers nested in a container (an enum
/// case's values, a superclass's fields) write into their parent's box, salted with where they
/// sit, since a container is never told when it is finished.
private final class HashingEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// One box per container asked for, in order.
    private var boxes: [Box] = []
    /// A super-encoder's containers write into their parent's box instead.
    private let parent: (box: Box, salt: UInt64)?

    init(parent: (box: Box, salt: UInt64)? = nil) {
        self.parent = parent
    }

    final class Box {
        var state: UInt64 = 0
    }

    /// Tags keep values of different kinds apart (`nil` from "", `0` from `false`).
    enum Tag: UInt64 {
        case null = 1
        case bool, string, integer, double, nested, keyedContainer, unkeyedContainer, singleValue, superValue
    }

    var digest: UInt64 {
        var state: UInt64 = 0x243F_6A88_85A3_08D3
        for box in boxes { state = StableHash.mix(state, box.state) }
        return state
    }

    private func box(_ tag: Tag) -> (Box, UInt64) {
        if let parent { return (parent.box, StableHash.mix(parent.salt, tag.rawValue)) }
        let box = Box()
        boxes.append(box)
        return (box, tag.rawValue)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let (box, salt) = box(.keyedContainer)
        return KeyedEncodingContainer(KeyedHasher<Key>(box: box, salt: salt))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let (box, salt) = box(.unkeyedContainer)
        return UnkeyedHasher(box: box, salt: salt)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        let (box, salt) = box(.singleValue)
        return UnkeyedHasher(box: box, salt: salt)
    }

    static func hash(_ value: some Encodable) -> UInt64 {
        let encoder = HashingEncoder()
        // Encoding into a hash cannot fail (no container here throws); a type's own `encode`
        // that throws hashes what it wrote before.
        try? value.encode(to: encoder)
        return encoder.digest
    }
}

/// Struct fields and dictionary entries: each pair hashed alone (with the container's salt),
/// the pairs summed.
private struct KeyedHasher<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: HashingEncoder.Box
    let salt: UInt64
    var codingPath: [any CodingKey] { [] }

    private func keyed(_ key: Key) -> UInt64 { StableHash.text(key.stringValue, into: salt) }

    private func add(_ key: Key, _ tag: HashingEncoder.Tag, _ word: UInt64) {
        box.state = box.state &+ StableHash.mix(StableHash.mix(keyed(key), tag.rawValue), word)
    }

    mutating func encodeNil(forKey key: Key) { add(key, .null, 0) }
    mutating func encode(_ value: Bool, forKey key: Key) { add(key, .bool, value ? 1 : 0) }
    mutating func encode(_ value: String, forKey key: Key) { add(key, .string, StableHash.text(value, into: 0)) }
    mutating func encode(_ value: Double, forKey key: Key) { add(key, .double, value.bitPattern) }
    mutating func encode(_ value: Float, forKey key: Key) { add(key, .double, Double(value).bitPattern) }
    mutating func encode(_ value: Int, forKey key: Key) { add(key, .integer, UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) { add(key, .integer, UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) { add(key, .integer, UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) { add(key, .integer, UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) { add(key, .integer, UInt64(bitPattern: value)) }
    mutating func encode(_ value: UInt, forKey key: Key) { add(key, .integer, UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) { add(key, .integer, UInt64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) { add(key, .integer, UInt64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) { add(key, .integer, UInt64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) { add(key, .integer, value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) {
        add(key, .nested, HashingEncoder.hash(value))
    }
    // Synthesized conformances skip absent optionals; these make "absent" and "empty" differ.
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) {
        if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) {
        if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) {
        if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) {
        if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        // The key itself counts, so an enum case without values (an empty container under the
        // case's name) differs from another.
        add(key, .keyedContainer, 0)
        return KeyedEncodingContainer(
            KeyedHasher<NestedKey>(
                box: box, salt: StableHash.mix(keyed(key), HashingEncoder.Tag.keyedContainer.rawValue)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        // Its items are chained from the key, then summed here as one more pair.
        UnkeyedHasher(box: box, salt: StableHash.mix(keyed(key), HashingEncoder.Tag.unkeyedContainer.rawValue))
    }

    mutating func superEncoder() -> any Encoder {
        HashingEncoder(parent: (box, StableHash.mix(salt, HashingEncoder.Tag.superValue.rawValue)))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        HashingEncoder(parent: (box, StableHash.mix(keyed(key), HashingEncoder.Tag.superValue.rawValue)))
    }
}

/// Arrays, optionals and single values: each item chained, in order, onto a running hash that
/// starts from the container's salt; the box keeps the sum of every container's running hash
/// (one term per container: the term is replaced as the chain grows).
private struct UnkeyedHasher: UnkeyedEncodingContainer, SingleValueEncodingContainer {
    let box: HashingEncoder.Box
    var chain: UInt64
    var codingPath: [any CodingKey] { [] }
    var count = 0

    init(box: HashingEncoder.Box, salt: UInt64) {
        self.box = box
        self.chain = StableHash.mix(salt, 0x55)
        box.state = box.state &+ chain
    }

    private mutating func add(_ tag: HashingEncoder.Tag, _ word: UInt64) {
        count += 1
        let next = StableHash.mix(StableHash.mix(chain, tag.rawValue), word)
        box.state = box.state &- chain &+ next
        chain = next
    }

    mutating func encodeNil() { add(.null, 0) }
    mutating func encode(_ value: Bool) { add(.bool, value ? 1 : 0) }
    mutating func encode(_ value: String) { add(.string, StableHash.text(value, into: 0)) }
    mutating func encode(_ value: Double) { add(.double, value.bitPattern) }
    mutating func encode(_ value: Float) { add(.double, Double(value).bitPattern) }
    mutating func encode(_ value: Int) { add(.integer, UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int8) { add(.integer, UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int16) { add(.integer, UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int32) { add(.integer, UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int64) { add(.integer, UInt64(bitPattern: value)) }
    mutating func encode(_ value: UInt) { add(.integer, UInt64(value)) }
    mutating func encode(_ value: UInt8) { add(.integer, UInt64(value)) }
    mutating func encode(_ value: UInt16) { add(.integer, UInt64(value)) }
    mutating func encode(_ value: UInt32) { add(.integer, UInt64(value)) }
    mutating func encode(_ value: UInt64) { add(.integer, value) }
    mutating func encode<T: Encodable>(_ value: T) { add(.nested, HashingEncoder.hash(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        add(.keyedContainer, 0)
        return KeyedEncodingContainer(KeyedHasher<NestedKey>(box: box, salt: StableHash.mix(chain, UInt64(count))))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        add(.unkeyedContainer, 0)
        return UnkeyedHasher(box: box, salt: StableHash.mix(chain, UInt64(count)))
    }

    mutating func superEncoder() -> any Encoder {
        add(.superValue, 0)
        return HashingEncoder(parent: (box, StableHash.mix(chain, UInt64(count))))
    }
}
