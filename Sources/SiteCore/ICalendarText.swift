/// Text as iCalendar files (RFC 5545) must hold it: escaped values and folded lines.
public enum ICalendarText {
    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as
    /// `\n`, other control characters (which TEXT may not hold) left out.
    public static func text(_ value: String) -> String {
        var result = ""
        var previousWasCR = false
        for scalar in value.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            case "\n": if !previousWasCR { result += "\\n" }
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A content line folded (RFC 5545 §3.1) so that no line is longer than 75 octets before its
    /// CRLF: continuation lines start with a space. Lines are cut between characters, never
    /// inside a UTF-8 sequence.
    public static func folded(_ line: String) -> String {
        var result = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.unicodeScalars.append(scalar)
            octets += size
        }
        return result + "\r\n"
    }
}
