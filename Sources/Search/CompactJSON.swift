/// Writes the index's JSON by hand: Foundation's `JSONSerialization` spent three quarters of the
/// index time boxing and sorting values. Keys are sorted, so output is byte-identical across runs.
enum CompactJSON {
    static func string(_ text: String, into out: inout [UInt8]) {
        string(utf8: text.utf8, into: &out)
    }

    /// A string given as its UTF-8 bytes (the typo index keeps its keys as bytes).
    static func string<Bytes: Sequence<UInt8>>(utf8 bytes: Bytes, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0x0A:
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "n"))
            case 0x0D:
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "r"))
            case 0x09:
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "t"))
            case 0..<0x20: out += Array("\\u00\(byte < 16 ? "0" : "")\(String(byte, radix: 16))".utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func integers(_ values: [Int], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            integer(value, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Digits written straight into `out`: postings are millions of numbers, and a String each
    /// was a tenth of the index's time.
    static func integer(_ value: Int, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }

    static func strings(_ values: [String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(value, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// `{"key": value, …}` with keys in order, each value written by `write`.
    static func object<Value>(
        _ entries: [String: Value], into out: inout [UInt8], _ write: (Value, inout [UInt8]) -> Void
    ) {
        out.append(UInt8(ascii: "{"))
        for (index, key) in entries.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(key, into: &out)
            out.append(UInt8(ascii: ":"))
            write(entries[key]!, &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
