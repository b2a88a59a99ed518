/// The CLDR plural categories, and the rule that picks one for a count in each EU language.
///
/// UI strings such as "3 pages" need the right form per language (Polish has four, Irish five);
/// the rules follow CLDR for integer counts.
public enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other

    /// The category of an integer `count` in the language `code` (a region suffix is ignored).
    public static func forCount(_ count: Int, language code: String) -> PluralCategory {
        let n = abs(count)
        let mod10 = n % 10
        let mod100 = n % 100
        let language = code.split(separator: "-").first.map(String.init) ?? code
        switch language {
        case "fr":
            if n == 0 || n == 1 { return .one }
            return n % 1_000_000 == 0 ? .many : .other
        case "es", "it", "pt":
            // European Portuguese (the EU's) uses one only for 1, like Italian and Spanish.
            if n == 1 { return .one }
            return n != 0 && n % 1_000_000 == 0 ? .many : .other
        case "ro":
            if n == 1 { return .one }
            if n == 0 || (1...19).contains(mod100) { return .few }
            return .other
        case "hr", "sr", "bs":
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .other
        case "lv":
            if mod10 == 0 || (11...19).contains(mod100) { return .zero }
            if mod10 == 1 && mod100 != 11 { return .one }
            return .other
        case "cs", "sk":
            if n == 1 { return .one }
            if (2...4).contains(n) { return .few }
            return .other
        case "pl":
            if n == 1 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case "lt":
            if (11...19).contains(mod100) { return .other }
            if mod10 == 1 { return .one }
            if mod10 >= 2 { return .few }
            return .other
        case "sl":
            switch mod100 {
            case 1: return .one
            case 2: return .two
            case 3, 4: return .few
            default: return .other
            }
        case "ga":
            switch n {
            case 1: return .one
            case 2: return .two
            case 3...6: return .few
            case 7...10: return .many
            default: return .other
            }
        case "mt":
            if n == 1 { return .one }
            if n == 2 { return .two }
            if n == 0 || (3...10).contains(mod100) { return .few }
            if (11...19).contains(mod100) { return .many }
            return .other
        default:
            // bg da de el en et fi hu nl sv and most others: one for exactly 1.
            return n == 1 ? .one : .other
        }
    }
}
