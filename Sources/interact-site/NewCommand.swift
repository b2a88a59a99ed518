import ArgumentParser
import ContentModel
import Foundation
import SiteBuilder
import SiteCore

/// `interact-site new KIND NAME`: starts a page of a kind with its fields explained.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new page of a content kind, with each field explained.",
        discussion: "Example: interact-site new partner \"European Society of Surgical Oncology\" --lang fr"
    )

    @OptionGroup var options: SourceOptions

    @Argument(help: "The content kind: partner, centre, news, event, page, … (see schemas/).")
    var kind: String

    @Argument(help: "The page's name; its file name is made from it.")
    var name: String

    @Option(name: .long, help: "Write a translation in this language instead of the default one.")
    var lang: String?

    func run() throws {
        let fileSystem = options.folder
        do {
            let config = try SiteConfig.load(from: fileSystem)
            let schemas = try ContentSchema.loadAll(from: fileSystem)
            let (path, text) = try PageScaffold.make(
                kind: kind, name: name, language: lang, config: config, schemas: schemas,
                existingFiles: Set(fileSystem.files(under: "content")))
            if fileSystem.fileExists(path) {
                FileHandle.standardError.write(
                    Data("\(path) already exists; nothing was written. Edit it, or choose another name.\n".utf8))
                throw ExitCode(1)
            }
            try fileSystem.write(Data(text.utf8), to: path, replacing: false)
            print("Created \(path). Fill in the fields, then run `interact-site check`.")
        } catch let failure as BuildFailure {
            // Mistakes in the command itself: no file to point at.
            let messages = failure.diagnostics.map {
                "error: \($0.message)" + ($0.hint.map { "\n    hint: \($0)" } ?? "")
            }
            FileHandle.standardError.write(Data((messages.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(2)
        }
    }
}
