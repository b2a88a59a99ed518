import Foundation
import SiteBuilder
import SiteCore

#if FUZZING
    import CFuzzerDriver
#endif

/// One fuzz input as a site: the bytes are a page, `content/fuzz.md`, beside a translation of it
/// and a home page that links to it, built in memory with the shipped theme. Everything the
/// build does with content runs on it: front matter, Markdown, links and anchors, fields,
/// templates, search, QR codes. A crash, a hang or a diagnostic without a position is a finding.
struct FuzzBuild {
    let base: InMemoryFileSystem

    /// The theme comes from `themes/interact` below `root` (the repository, where `make fuzz` runs).
    init(root: String) {
        var fileSystem = InMemoryFileSystem()
        let theme = LocalFileSystem(root: root + "/themes/interact")
        for path in theme.files(under: "") { fileSystem.storage["themes/interact/" + path] = theme.contents(of: path) }
        fileSystem.storage["config.yaml"] = Data(
            """
            title: Fuzz
            baseURL: https://fuzz.example.org/
            defaultLanguage: en
            theme: interact
            languages:
              en: {name: English, locale: en-GB}
              fr: {name: Français, locale: fr-FR}
            """.utf8)
        fileSystem.storage["content/_index.md"] = Data(
            "---\ntitle: Home\n---\n[Fuzz](fuzz.md) [anchor](fuzz.md#part) ![Logo](logo.png)\n".utf8)
        fileSystem.storage["content/logo.png"] = Data("PNG".utf8)
        self.base = fileSystem
    }

    func run(_ input: Data) {
        var fileSystem = base
        fileSystem.storage["content/fuzz.md"] = input
        // The translation shares the input's body under fixed front matter, so a body that breaks
        // only in a translated page's context is reached even when the input's front matter is bad.
        let body = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropFirst(3)
        fileSystem.storage["content/fuzz.fr.md"] =
            Data("---\ntitle: Fuzz\n---\n".utf8) + Data(body.joined(separator: [10]))
        do {
            _ = try SiteBuilder(
                context: BuildContext(source: fileSystem, now: Date(timeIntervalSince1970: 1_717_243_200))
            ).build()
        } catch {
            for diagnostic in error.diagnostics where diagnostic.position.line < 1 || diagnostic.position.column < 1 {
                fatalError("A diagnostic without a 1-based position: \(diagnostic)")
            }
        }
    }
}

/// With -DFUZZING and -sanitize=fuzzer (`make fuzz`), hands every input libFuzzer makes to one
/// build; otherwise replays inputs (files, or every file of folders), one build each: how a
/// crash `make fuzz` found is reproduced, and how the seeds are checked in `make test`.
@main enum FuzzMain {
    static func main() {
        #if FUZZING
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
        #else
            let build = FuzzBuild(root: FileManager.default.currentDirectoryPath)
            var count = 0
            for argument in CommandLine.arguments.dropFirst() {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { continue }
                let files =
                    isDirectory.boolValue
                    ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map {
                        argument + "/" + $0
                    } : [argument]
                for file in files {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    build.run(data)
                    count += 1
                }
            }
            print("Replayed \(count) inputs without a crash.")
        #endif
    }
}

#if FUZZING
    /// Made on the first input: libFuzzer calls back on one thread.
    nonisolated(unsafe) private var fuzzBuild: FuzzBuild?

    private func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: UInt) -> Int32 {
        if fuzzBuild == nil { fuzzBuild = FuzzBuild(root: FileManager.default.currentDirectoryPath) }
        fuzzBuild!.run(bytes.map { Data(bytes: $0, count: Int(count)) } ?? Data())
        return 0
    }
#endif
