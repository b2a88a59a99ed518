import Foundation
import Testing

/// Runs the real `interact-site` executable, as a partner's CI or the communications team would.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static let executable: URL = {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return here.appendingPathComponent("interact-site")
    }()

    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self))
    }

    /// A copy of a fixture site in a fresh temporary folder, with the test theme.
    func copySite(_ fixture: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("interact-cli-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(fixture), to: folder)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("theme"), to: folder.appendingPathComponent("themes/minimal"))
        return folder
    }

    @Test func versionAndHelp() throws {
        let version = try run(["--version"])
        #expect(version.status == 0)
        #expect(version.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try run(["build", "--help"])
        #expect(help.status == 0)
        for option in ["--source", "--output", "--drafts", "--base-url", "--quiet"] {
            #expect(help.output.contains(option), "build --help does not mention \(option)")
        }
    }

    @Test func usageErrorsExitWithTwo() throws {
        let result = try run(["build", "--no-such-option"])
        #expect(result.status == 2)
        #expect(result.errors.contains("--no-such-option"))
    }

    @Test func buildWritesTheSiteAndSummarises() throws {
        let site = try copySite("sites/multilingual")
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try run(["build", "--source", site.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("Built 14 pages (en 6, fr 5, de 3), 27 files in "))
        #expect(
            FileManager.default.fileExists(atPath: site.appendingPathComponent("site/fr/partenaires/index.html").path))
        // Warnings go to standard error; --quiet silences them and the summary.
        #expect(result.errors.contains("warning: Deutsch has no translation for `home`"))
        let quiet = try run(["build", "--source", site.path, "--quiet"])
        #expect(quiet.status == 0)
        #expect(quiet.output.isEmpty && quiet.errors.isEmpty)
    }

    @Test func contentErrorsExitWithOneAndKeepThePreviousSite() throws {
        let site = try copySite("sites/monolingual")
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("public")
        #expect(try run(["build", "--source", site.path, "--output", output.path]).status == 0)
        let page = output.appendingPathComponent("en/docs/guide/index.html")
        let before = try Data(contentsOf: page)

        try "---\ntitle: Broken\n---\nA [link](missing.md).\n".write(
            to: site.appendingPathComponent("content/docs/broken.md"), atomically: true, encoding: .utf8)
        let result = try run(["build", "--source", site.path, "--output", output.path])
        #expect(result.status == 1)
        #expect(
            result.errors.contains(
                "content/docs/broken.md:4:3: error: The link `missing.md` points to a page that does not exist"))
        #expect(result.errors.contains("the previous site was left as it was"))
        #expect(try Data(contentsOf: page) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path).filter {
            $0.hasPrefix(".public")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func configurationErrorsExitWithTwo() throws {
        let site = try copySite("invalid/config-unknown-key")
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try run(["build", "--source", site.path])
        #expect(result.status == 2)
        #expect(result.errors.contains("config.yaml:5:1: error: Unknown key `baseUrl` in config.yaml."))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("site").path))
    }

    @Test func refusesToWriteOverTheSources() throws {
        let site = try copySite("sites/monolingual")
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try run(["build", "--source", site.path, "--output", site.path])
        #expect(result.status == 2)
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("content/_index.md").path))
    }
}
