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
        // Pages per language are exact; the file count moves with the search index's layout.
        #expect(result.output.hasPrefix("Built 14 pages (en 6, fr 5, de 3), "))
        #expect(result.output.contains(" files in \(site.path)/site in "))
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

    @Test func checkReportsEveryProblemAndWritesNothing() throws {
        let site = try copySite("invalid/several-problems")
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try run(["check", "--source", site.path])
        #expect(result.status == 1)
        #expect(result.output.components(separatedBy: ": error: ").count - 1 == 3)
        #expect(result.errors.contains("3 errors, 0 warnings."))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("site").path))
    }

    @Test func checkSpeaksGitHubAnnotationsAndJSON() throws {
        let site = try copySite("invalid/link-missing-anchor")
        defer { try? FileManager.default.removeItem(at: site) }
        let github = try run(["check", "--source", site.path, "--format", "github"])
        #expect(github.status == 1)
        #expect(
            github.output.hasPrefix(
                "::error file=content/_index.md,line=4,col=10,title=interact-site check::There is no heading with the id `#histroy` in content/about.md.%0AHint%3A Did you mean `#history`?\n"
                    .replacingOccurrences(of: "%3A", with: ":")))
        let json = try run(["check", "--source", site.path, "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(report?["errors"] as? Int == 2)
        let first = (report?["diagnostics"] as? [[String: Any]])?.first
        #expect(first?["file"] as? String == "content/_index.md")
        #expect(first?["line"] as? Int == 4)
        #expect(first?["column"] as? Int == 10)
        #expect(first?["hint"] as? String == "Did you mean `#history`?")
    }

    @Test func strictCheckFailsOnWarnings() throws {
        let site = try copySite("sites/typed")
        defer { try? FileManager.default.removeItem(at: site) }
        let relaxed = try run(["check", "--source", site.path])
        #expect(relaxed.status == 0)
        #expect(
            relaxed.output.contains(
                "content/partners/alpha.fr.md:4:17: warning: This translation was made from an older version"))
        #expect(try run(["check", "--source", site.path, "--strict"]).status == 1)
    }

    @Test func translationsReportsAndStamps() throws {
        let site = try copySite("sites/typed")
        defer { try? FileManager.default.removeItem(at: site) }
        let report = try run(["translations", "--source", site.path])
        #expect(report.status == 0)
        #expect(
            report.output.contains(
                "fr Français: 2 of 17 pages translated (0 up to date, 1 stale, 1 not verified), 15 missing, 0 UI strings missing"
            ))
        #expect(report.output.contains("    stale:        content/partners/alpha.fr.md"))
        let json = try run(["translations", "--source", site.path, "--format", "json"])
        let status = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(status?["total"] as? Int == 17)

        let stamp = try run(["translations", "--source", site.path, "--stamp", "fr", "content/partners/alpha.fr.md"])
        #expect(stamp.status == 0, "\(stamp.errors)")
        #expect(try run(["check", "--source", site.path, "--strict"]).status == 0)
        #expect(try run(["translations", "--source", site.path, "--stamp", "fr"]).status == 2)
    }

    @Test func newWritesAPageOnceAndExplainsItsFields() throws {
        let site = try copySite("sites/typed")
        defer { try? FileManager.default.removeItem(at: site) }
        let created = try run(["new", "partner", "Delta Institute", "--source", site.path])
        #expect(created.status == 0, "\(created.errors)")
        let file = site.appendingPathComponent("content/partners/delta-institute.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(
            text.hasPrefix(
                "---\n# The page's title, shown as its main heading and in lists.\ntitle: \"Delta Institute\"\n"))
        try "changed".write(to: file, atomically: true, encoding: .utf8)
        let again = try run(["new", "partner", "Delta Institute", "--source", site.path])
        #expect(again.status == 1)
        #expect(again.errors.contains("already exists"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "changed")
        #expect(try run(["new", "partnr", "X", "--source", site.path]).status == 2)
    }

    /// `serve` reports its first build as `build` does: the same pages, counted the same way.
    @Test func serveCountsPagesAsBuildDoes() throws {
        let site = try copySite("sites/multilingual")
        defer { try? FileManager.default.removeItem(at: site) }
        let built = try run(["build", "--source", site.path])
        #expect(built.status == 0, "\(built.errors)")
        let close = try #require(built.output.firstIndex(of: ")"))
        let buildCount = String(built.output[...close])

        let process = Process()
        process.executableURL = Self.executable
        process.arguments = [
            "serve", "--source", site.path, "--port", "0", "--output", site.appendingPathComponent(".preview").path,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        let log = ServeLog()
        errors.fileHandleForReading.readabilityHandler = { log.append($0.availableData) }
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while !log.text.contains("Serving at"), process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        process.terminate()
        process.waitUntilExit()
        errors.fileHandleForReading.readabilityHandler = nil
        let served = log.text
        let line = try #require(served.split(separator: "\n").first { $0.hasPrefix("Built ") }, "\(served)")
        // "Built 14 pages (en 6, fr 5, de 3)" from both; what follows differs.
        #expect(buildCount == "Built 14 pages (en 6, fr 5, de 3)")
        #expect(line.hasPrefix(buildCount + " in "), "build said \(buildCount); serve said \(line)")
    }
}

/// Standard error of a running `serve`, collected from the pipe's handler thread.
private final class ServeLog: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()

    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
