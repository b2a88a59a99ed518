/// Where content lives and how its file names are spoken of in messages: shared by the loader,
/// the field checks and the QR ledger, which each name files of `content/`.
public enum ContentPaths {
    /// The folder of Markdown files and their assets, relative to the site folder.
    public static let folder = "content"

    /// A character named so that an invisible one (a space, a tab) can be seen in a message.
    public static func describe(_ character: Character) -> String {
        switch character {
        case " ": return "a space"
        case "\t": return "a tab"
        default:
            if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                return "a control character"
            }
            return "`\(character)`"
        }
    }
}
