import Foundation

/// libvips 8.14's webpsave writes an EXIF chunk (resolution fields it makes up) even with `strip`;
/// this removes the EXIF, XMP and ICC chunks from a WebP file and clears their flags in the VP8X
/// header, leaving the image chunks byte for byte. Other files come back unchanged.
enum WebPContainer {
    static func removingMetadata(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8)
        else { return data }
        var output: [UInt8] = Array(bytes[0..<12])
        var offset = 12
        var removed = false
        while offset + 8 <= bytes.count {
            let kind = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size =
                Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16
                | Int(bytes[offset + 7]) << 24
            let end = offset + 8 + size + (size & 1)
            guard end <= bytes.count else { return data }  // not a file we understand: leave it
            if kind == "EXIF" || kind == "XMP " || kind == "ICCP" {
                removed = true
            } else {
                var chunk = Array(bytes[offset..<end])
                // VP8X flags: ICC 0x20, EXIF 0x08, XMP 0x04.
                if kind == "VP8X" && chunk.count > 8 { chunk[8] &= ~UInt8(0x20 | 0x08 | 0x04) }
                output += chunk
            }
            offset = end
        }
        guard removed || offset == bytes.count else { return data }
        let riffSize = UInt32(output.count - 8)
        output[4] = UInt8(riffSize & 0xFF)
        output[5] = UInt8(riffSize >> 8 & 0xFF)
        output[6] = UInt8(riffSize >> 16 & 0xFF)
        output[7] = UInt8(riffSize >> 24 & 0xFF)
        return Data(output)
    }
}
