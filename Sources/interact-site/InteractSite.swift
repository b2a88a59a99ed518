import ArgumentParser
import Foundation
import SiteCore

/// The `interact-site` command: short adapters over the SiteBuilder library, one per subcommand.
@main
struct InteractSite: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "interact-site",
        abstract: "Builds the INTERACT-EUROPE website: a multilingual static site from Markdown.",
        version: version,
        subcommands: [
            BuildCommand.self, CheckCommand.self, ServeCommand.self, TranslationsCommand.self, NewCommand.self,
            PDFCommand.self,
        ]
    )

    /// Usage errors exit with 2, like configuration errors, instead of ArgumentParser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
