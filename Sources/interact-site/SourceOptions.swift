import ArgumentParser
import SiteCore

/// The `--source` option every subcommand shares.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "The site's folder, holding config.yaml and content/.")
    var source: String = "."

    /// The site folder every command reads from and writes to (the QR ledger, stamps, `new`).
    var folder: LocalFileSystem { LocalFileSystem(root: source) }
}
