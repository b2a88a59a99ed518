/// Escaping for text placed in XML and HTML attributes by the writers that do not use templates
/// (and, with `&#39;`, by templates: `HTMLEscaping`). Works on UTF-8 bytes: most texts need no
/// escaping and come back as they are, and a quote followed by a combining mark (one Character
/// in Swift, still a quote to an HTML parser) is escaped too.
public enum XMLEscaping {
    public static func escape(_ text: String, apostrophe: String = "&apos;") -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 })
        else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x3C: escaped.append(contentsOf: "&lt;".utf8)
            case 0x3E: escaped.append(contentsOf: "&gt;".utf8)
            case 0x26: escaped.append(contentsOf: "&amp;".utf8)
            case 0x22: escaped.append(contentsOf: "&quot;".utf8)
            case 0x27: escaped.append(contentsOf: apostrophe.utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
