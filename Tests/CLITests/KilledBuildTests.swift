import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A build killed with SIGKILL at any moment (the machine's power, an out-of-memory killer, a CI
/// timeout) leaves the previous site complete, or the new one complete, never a mix or nothing;
/// the next build cleans up what the killed one left.
@Suite(.serialized) struct KilledBuildTests {
    let cli = CLITests()

    /// Every file under `folder`, by path.
    func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let root = folder.path + "/"
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".site.tmp-") }.sorted()
    }

    func addPages(to site: URL, count: Int, text: String) throws {
        let folder = site.appendingPathComponent("content/notes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("---\ntitle: Notes\n---\n".utf8).write(to: folder.appendingPathComponent("_index.md"))
        for number in 0..<count {
            let body = (0..<20).map { "Paragraph \($0) of note \(number): \(text) with some words to index." }
                .joined(separator: "\n\n")
            try Data("---\ntitle: Note \(number)\n---\n## Part\n\n\(body)\n".utf8)
                .write(to: folder.appendingPathComponent("note-\(number).md"))
        }
    }

    @Test func aKilledBuildLeavesACompleteSiteAndTheNextBuildCleansUp() throws {
        let site = try cli.copySite("sites/multilingual")
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("site")
        try addPages(to: site, count: 600, text: "first version")
        #expect(try cli.run(["build", "--source", site.path, "--quiet"]).status == 0)
        let before = snapshot(output)
        #expect(before.count > 600)

        // The next version differs in every note, so every build writes hundreds of files.
        try addPages(to: site, count: 600, text: "second version")
        let started = Date()
        #expect(try cli.run(["build", "--source", site.path, "--quiet"]).status == 0)
        let duration = Date().timeIntervalSince(started)
        let after = snapshot(output)
        #expect(after != before)
        // Back to the first version's site, the state each killed build starts from.
        try addPages(to: site, count: 600, text: "first version")
        #expect(try cli.run(["build", "--source", site.path, "--quiet"]).status == 0)
        #expect(snapshot(output) == before)
        try addPages(to: site, count: 600, text: "second version")

        var killedWhileWriting = 0
        func killBuild(at fraction: Double) throws {
            let process = Process()
            process.executableURL = CLITests.executable
            process.arguments = ["build", "--source", site.path, "--quiet"]
            try process.run()
            Thread.sleep(forTimeInterval: duration * fraction)
            let temporaryExisted = !(try leftovers(in: site)).isEmpty
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal && temporaryExisted { killedWhileWriting += 1 }
            let now = snapshot(output)
            #expect(now == before || now == after, "killed at \(fraction) of a build: the site is neither version")
            if now == after {
                // The kill came after the swap: start the next kill from the first version again.
                try addPages(to: site, count: 600, text: "first version")
                #expect(try cli.run(["build", "--source", site.path, "--quiet"]).status == 0)
                try addPages(to: site, count: 600, text: "second version")
            }
        }
        for fraction in [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97] { try killBuild(at: fraction) }
        // A build's length varies with the machine's load (CI runs suites side by side): more kills
        // in the middle of a build when too few of those landed while it was writing.
        for fraction in [0.3, 0.45, 0.55, 0.7] where killedWhileWriting < 3 { try killBuild(at: fraction) }
        // The kills must have landed while a new site was being written, or this proves nothing.
        #expect(killedWhileWriting >= 3, "only \(killedWhileWriting) kills landed during writing")

        #expect(try cli.run(["build", "--source", site.path, "--quiet"]).status == 0)
        #expect(snapshot(output) == after)
        #expect(try leftovers(in: site) == [], "a killed build's temporary folder was left behind")
        // The builds went through the build cache (.cache/build/), which the kills may have hit
        // while its memo was written: a build into a new folder, with nothing to reuse, agrees.
        let fresh = site.appendingPathComponent("fresh")
        #expect(try cli.run(["build", "--source", site.path, "--quiet", "--output", fresh.path]).status == 0)
        #expect(snapshot(fresh) == after)
        let cache = site.appendingPathComponent(".cache/build")
        let kept = try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted()
        // One memo, the site's (a build with no previous site, the fresh folder, records none),
        // and the parsed Markdown; nothing a killed build was writing.
        #expect(kept.count == 2 && kept[0] == "markdown.cache" && kept[1].hasSuffix(".memo"), "\(kept)")
    }
}
