import ArgumentParser

/// The `--source` option every subcommand shares.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "The site's folder, holding config.yaml and content/.")
    var source: String = "."
}
