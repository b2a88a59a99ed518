import Foundation
import SiteBuilder
import SiteCore
import SiteOutput
import Testing

/// Fixture sites under `Tests/Fixtures/`: inputs in `sites/` and `invalid/`, golden output in
/// `expected/`. Set RECORD_SNAPSHOTS=1 to re-record the golden files, then review the diff.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let repositoryRoot = root.deletingLastPathComponent().deletingLastPathComponent()

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil }

    /// The files of a fixture folder, with the shared test theme as `themes/minimal` unless the
    /// fixture brings its own.
    static func fileSystem(_ folder: String) -> InMemoryFileSystem {
        var fileSystem = InMemoryFileSystem()
        let site = LocalFileSystem(root: root.appendingPathComponent(folder).path)
        for path in site.files(under: "") where !path.hasPrefix("expected-") {
            fileSystem.storage[path] = site.contents(of: path)
        }
        if fileSystem.text(of: "config.yaml")?.contains("theme: interact") == true {
            // The theme that ships, for fixtures about what visitors get.
            let theme = LocalFileSystem(root: repositoryRoot.appendingPathComponent("themes/interact").path)
            for path in theme.files(under: "") {
                fileSystem.storage["themes/interact/" + path] = theme.contents(of: path)
            }
        } else if !fileSystem.storage.keys.contains(where: { $0.hasPrefix("themes/") }) {
            let theme = LocalFileSystem(root: root.appendingPathComponent("theme").path)
            for path in theme.files(under: "") {
                fileSystem.storage["themes/minimal/" + path] = theme.contents(of: path)
            }
        }
        return fileSystem
    }

    static func names(in folder: String) -> [String] {
        let url = root.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// The clock of fixture builds: 2024-06-01 12:00 UTC, so that what is "upcoming" in their
    /// output does not change with the day the tests run.
    static let now = Date(timeIntervalSince1970: 1_717_243_200)

    static func context(_ fileSystem: any FileSystem, drafts: Bool = false) -> BuildContext {
        BuildContext(source: fileSystem, includeDrafts: drafts, now: now)
    }

    /// Building the fixture in `folder` (e.g. `invalid/name`) must fail with exactly the
    /// diagnostics in its `expected-diagnostics.txt` (or records them). A fixture of a mistake
    /// that is only worth a warning builds, with exactly those warnings.
    static func assertFailsAsExpected(_ folder: String) throws {
        let expectedFile = root.appendingPathComponent(folder).appendingPathComponent("expected-diagnostics.txt")
        var actual = ""
        do {
            let result = try SiteBuilder(context: context(fileSystem(folder))).build()
            if result.warnings.isEmpty { Issue.record("\(folder) built without errors or warnings") }
            actual = result.warnings.map(\.description).joined(separator: "\n") + "\n"
        } catch {
            actual = error.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        }
        if isRecording {
            try actual.write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(actual == expected)
    }

    /// Compares built files with `expected/<name>/` byte for byte (or records them).
    static func assertMatchesGolden(_ files: [OutputFile], name: String) throws {
        let expected = root.appendingPathComponent("expected").appendingPathComponent(name)
        if isRecording {
            try? FileManager.default.removeItem(at: expected)
            for file in files {
                let url = expected.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url)
            }
            return
        }
        let golden = LocalFileSystem(root: expected.path)
        let goldenPaths = golden.files(under: "")
        #expect(files.map(\.path) == goldenPaths, "the set of files differs from expected/\(name)")
        for file in files {
            let want = golden.text(of: file.path)
            #expect(
                String(decoding: file.contents, as: UTF8.self) == want,
                "\(file.path) differs from expected/\(name)/\(file.path); re-record with RECORD_SNAPSHOTS=1 and review")
        }
    }
}
