import ArgumentParser
import Foundation
import Logging
import PreviewServer

/// `interact-site serve`: a live preview that rebuilds what changed when a file is saved.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve and rebuild the site as files change, reloading open browser tabs.",
        discussion: "Stop with Ctrl-C. Exit status: 0 stopped; 2 usage errors or the port is taken."
    )

    @OptionGroup var options: BuildOptions

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port: Int = 1313

    @Option(name: .long, help: "The address to listen on; the default is reachable from this computer only.")
    var host: String = "127.0.0.1"

    @Flag(name: .long, help: "Open the site in the default browser.")
    var open = false

    func run() async throws {
        let preview = LivePreview(
            source: options.path, output: options.output(default: ".preview"), host: host,
            port: port, includeDrafts: options.drafts, logger: options.logger, now: try options.clock.moment()
        ) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let openBrowser = open
        let task = Task {
            try await preview.run { address in
                FileHandle.standardError.write(Data("Serving at \(address) (Ctrl-C to stop)\n".utf8))
                if openBrowser { Self.openInBrowser(address) }
            }
        }
        // Ctrl-C and `kill` stop the preview cleanly: the server closes its connections first.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let signals = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer { for source in signals { source.cancel() } }
        do {
            try await task.value
        } catch is CancellationError {
        } catch {
            FileHandle.standardError.write(Data("Cannot serve: \(error)\n".utf8))
            throw ExitCode(2)
        }
        FileHandle.standardError.write(Data("Stopped.\n".utf8))
    }

    static func openInBrowser(_ address: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", address]
        try? process.run()
    }
}
