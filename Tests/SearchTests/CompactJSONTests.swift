import Testing

@testable import Search

/// The index's JSON is written by hand; it must read back as the values written.
@Suite struct CompactJSONTests {
    @Test func integersAndStringsAreValidJSON() {
        let values = [0, 7, 10, 99, 100, 123_456_789, -1, -250, Int.max, Int.min]
        var out: [UInt8] = []
        CompactJSON.integers(values, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "[" + values.map(String.init).joined(separator: ",") + "]")
        out = []
        CompactJSON.string("a\"b\\c\nd\re\tf\u{1}g é", into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #""a\"b\\c\nd\re\tf\u0001g é""#)
    }
}
