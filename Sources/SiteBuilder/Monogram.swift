/// The letters on a partner's card while it has no logo: its short name when it is short (`ECO`,
/// `ESMO`), else the initials of its name's main words (`European Society for Radiotherapy and
/// Oncology` → `ESRO`), at most four, in capitals.
enum Monogram {
    /// Words that do not give an initial, in the site's languages.
    static let minorWords: Set<String> = [
        "of", "for", "the", "and", "de", "la", "le", "les", "des", "du", "et", "für", "und", "der", "die", "das",
        "del", "y", "e", "di", "per", "i", "w", "na", "dla", "a", "an", "on", "in", "en", "to", "στην", "της", "και",
        "για", "του", "των",
    ]

    static func letters(shortName: String?, name: String) -> String {
        if let short = shortName?.trimmingCharacters(in: .whitespaces), !short.isEmpty, short.count <= 5 {
            return short.uppercased()
        }
        let words = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let main = words.filter { !minorWords.contains($0.lowercased()) }
        let initials = (main.isEmpty ? words : main).compactMap(\.first).prefix(4)
        return String(initials).uppercased()
    }
}
