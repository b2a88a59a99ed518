import Foundation
import Testing

/// A partner's session with the real site and the real command, as CONTRIBUTING.md tells it: a
/// new partner page with a logo and two translations, a news item and an event; then each common
/// mistake, one at a time, must give exactly one error, at the line to fix.
@Suite struct PartnerSessionTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Finding: Decodable {
        var severity: String
        var file: String
        var line: Int
        var column: Int
        var message: String
        var hint: String?
    }

    /// A copy of the real site (config, content, schemas, theme) in a temporary folder.
    func copyOfTheSite() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "interact-partner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for item in ["config.yaml", "content", "schemas", "themes"] {
            try FileManager.default.copyItem(
                at: Self.repository.appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
        return folder
    }

    func check(_ site: URL) throws -> (status: Int32, errors: [Finding], warnings: [Finding]) {
        let run = try CLITests().run(["check", "--source", site.path, "--format", "json"])
        struct Report: Decodable { var diagnostics: [Finding] }
        let report = try JSONDecoder().decode(Report.self, from: Data(run.output.utf8))
        return (
            run.status, report.diagnostics.filter { $0.severity == "error" },
            report.diagnostics.filter { $0.severity == "warning" }
        )
    }

    func write(_ text: String, to path: String, in site: URL) throws {
        let url = site.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String, in site: URL) throws -> String {
        try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    }

    /// Fills in a scaffold the way CONTRIBUTING.md says: each empty field, and the text.
    func fill(_ scaffold: String, _ values: [String: String], text: String) -> String {
        var lines = scaffold.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() {
            guard line.hasSuffix(":"), !line.hasPrefix("#") else { continue }
            let name = String(line.dropLast())
            if let value = values[name] { lines[index] = "\(name): \(value)" }
        }
        for (name, value) in values where !lines.contains(where: { $0.hasPrefix(name + ":") }) {
            let closing = lines.lastIndex(of: "---") ?? 1
            lines.insert("\(name): \(value)", at: closing)
        }
        return lines.joined(separator: "\n").replacingOccurrences(
            of: "Write the page here, in Markdown. Start sections with `##`.", with: text)
    }

    @Test func aPartnersSessionGivesOneClearErrorPerMistake() throws {
        let site = try copyOfTheSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let cli = CLITests()
        func new(_ arguments: [String]) throws -> String {
            let run = try cli.run(["new"] + arguments + ["--source", site.path])
            #expect(run.status == 0, "\(arguments): \(run.errors)")
            return run.output
        }

        // The pages, as a partner writes them.
        _ = try new(["partner", "Test Society"])
        let partner = "content/partners/test-society.md"
        try write(
            fill(
                try read(partner, in: site),
                [
                    "description": "\"The Test Society is a partner of INTERACT-EUROPE.\"",
                    "name": "Test Society", "country": "BE", "type": "other", "logo": "logos/test-society.svg",
                ], text: "The Test Society works with [ESSO](esso.md)."), to: partner, in: site)
        try write(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>\n",
            to: "content/partners/logos/test-society.svg", in: site)
        for (language, name) in [("fr", "Société Test"), ("de", "Test-Gesellschaft")] {
            _ = try new(["partner", "Test Society", "--lang", language])
            let path = "content/partners/test-society.\(language).md"
            try write(
                fill(
                    try read(path, in: site), ["title": "\"\(name)\"", "description": "\"\(name).\"", "name": name],
                    text: "\(name)."), to: path, in: site)
        }
        _ = try new(["news", "Test news"])
        let news = "content/news/test-news.md"
        try write(
            fill(
                try read(news, in: site),
                ["description": "\"A test.\"", "date": "2024-05-17", "partners": "[../partners/test-society.md]"],
                text: "The [Test Society](../partners/test-society.md) joined."), to: news, in: site)
        _ = try new(["event", "Test event"])
        let event = "content/events/test-event.md"
        try write(
            fill(
                try read(event, in: site),
                ["description": "\"A test event.\"", "type": "meeting", "start": "2024-06-01"],
                text: "A meeting."), to: event, in: site)

        let clean = try check(site)
        #expect(clean.status == 0)
        #expect(clean.errors.map(\.message) == [], "\(clean.errors)")
        let output = site.appendingPathExtension("out")
        defer { try? FileManager.default.removeItem(at: output) }
        let built = try cli.run(["build", "--source", site.path, "--output", output.path])
        #expect(built.status == 0, "\(built.errors)")
        #expect(
            FileManager.default.fileExists(
                atPath: output.appendingPathComponent("partners/logos/test-society.svg").path))
        // The logo is shown on the partner's page, in every language.
        for page in ["en/partners/test-society/index.html", "fr/partenaires/test-society/index.html"] {
            let html = (try? String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)) ?? ""
            #expect(
                html.contains("<img class=\"partner-logo\" src=\"/partners/logos/test-society.svg\""),
                "\(page)")
        }

        // The translations are checked against the English page and stamped.
        for language in ["fr", "de"] {
            let stamp = try cli.run([
                "translations", "--source", site.path, "--stamp", language,
                "content/partners/test-society.\(language).md",
            ])
            #expect(stamp.status == 0, "\(stamp.errors)")
        }

        // Each mistake alone: exactly one message, an error in the file at fault, at the line to fix
        // (its translations, out of date with it for the moment, are not mentioned).
        let original = try read(partner, in: site)
        let mistakes: [(String, (String) -> String, line: Int, says: String)] = [
            ("a tab", { $0.replacingOccurrences(of: "\ncountry: BE", with: "\n\tcountry: BE") }, 0, "tabs"),
            (
                "an unquoted colon", { $0.replacingOccurrences(of: "name: Test Society", with: "name: Test: Society") },
                0,
                "contains `: `"
            ),
            (
                "front matter never closed",
                { $0.replacingOccurrences(of: "\n---\n\nThe Test", with: "\n\nThe Test") }, 1, "never closed"
            ),
            (
                "an unclosed list",
                { $0.replacingOccurrences(of: "title: \"Test Society\"", with: "title: [unclosed") },
                0, "never closed with `]`"
            ),
            (
                "UK", { $0.replacingOccurrences(of: "country: BE", with: "country: UK") }, 0,
                "`UK` is not a country code"
            ),
            (
                "EL", { $0.replacingOccurrences(of: "country: BE", with: "country: EL") }, 0,
                "`EL` is not a country code"
            ),
            ("a link without .md", { $0.replacingOccurrences(of: "(esso.md)", with: "(esso)") }, 0, "does not exist"),
            (
                "an empty required field", { $0.replacingOccurrences(of: "name: Test Society", with: "name:") }, 0,
                "empty"
            ),
            (
                "the placeholder text",
                {
                    $0.replacingOccurrences(
                        of: "The Test Society works",
                        with: "Write the page here, in Markdown. Start sections with `##`.\n\nThe Test Society works")
                },
                0, "placeholder"
            ),
        ]
        let lines = original.components(separatedBy: "\n")
        func lineOf(_ prefix: String) -> Int { (lines.firstIndex { $0.hasPrefix(prefix) } ?? -1) + 1 }
        let expectedLines: [String: Int] = [
            "a tab": lineOf("country:"), "an unquoted colon": lineOf("name:"), "front matter never closed": 1,
            "an unclosed list": lineOf("title:"), "UK": lineOf("country:"), "EL": lineOf("country:"),
            "a link without .md": lineOf("The Test Society works"), "an empty required field": lineOf("name:"),
            "the placeholder text": lineOf("The Test Society works"),
        ]
        for (name, change, _, says) in mistakes {
            try write(change(original), to: partner, in: site)
            let found = try check(site)
            #expect(found.status == 1, "\(name)")
            #expect(found.errors.count == 1, "\(name): \(found.errors.map(\.message))")
            #expect(
                !found.warnings.contains { $0.file.hasPrefix("content/partners/test-society.") },
                "\(name): \(found.warnings.map(\.message))")
            let error = try #require(found.errors.first, "\(name)")
            #expect(error.file == partner, "\(name): \(error)")
            #expect(error.line == expectedLines[name], "\(name): \(error)")
            #expect(error.message.contains(says), "\(name): \(error.message)")
            #expect(error.hint != nil, "\(name)")
        }
        // Invalid UTF-8: the line of the bad byte.
        try
            (Data(original.utf8.prefix { $0 != UInt8(ascii: "\n") }) + Data([0x0A, 0xE9, 0x0A])
            + Data(original.utf8.drop { $0 != UInt8(ascii: "\n") }.dropFirst())).write(
                to: site.appendingPathComponent(partner))
        let utf8 = try check(site)
        #expect(utf8.errors.count == 1, "\(utf8.errors.map(\.message))")
        #expect(utf8.errors.first?.line == 2)
        #expect(utf8.errors.first?.message.contains("UTF-8") == true)

        // The root error counts what depends on the page instead of listing it.
        try write(original.replacingOccurrences(of: "\ncountry: BE", with: "\n\tcountry: BE"), to: partner, in: site)
        #expect(
            try check(site).errors.first?.message.hasSuffix(
                "2 links and 2 translations depend on this page; they work again once it is fixed.") == true)

        // GitHub annotates the file at fault only.
        let annotations = try cli.run(["check", "--source", site.path, "--format", "github"]).output
            .split(separator: "\n").filter { $0.hasPrefix("::error") }
        #expect(annotations.count == 1, "\(annotations)")
        #expect(annotations.first?.hasPrefix("::error file=\(partner),line=") == true, "\(annotations)")

        // A duplicate slug, at its `slug:` line.
        try write(original, to: partner, in: site)
        try write(
            try read(news, in: site).replacingOccurrences(
                of: "\n---\n\n", with: "\nslug: interact-europe-100\n---\n\n"),
            to: news, in: site)
        let slug = try check(site)
        #expect(slug.errors.count == 1, "\(slug.errors.map(\.message))")
        #expect(slug.errors.first?.file == news)
        #expect(
            slug.errors.first?.line
                == (try read(news, in: site).components(separatedBy: "\n").firstIndex { $0.hasPrefix("slug:") } ?? -1)
                + 1)
        try write(
            try read(news, in: site).replacingOccurrences(of: "slug: interact-europe-100\n", with: ""), to: news,
            in: site)

        // A file name in capitals: a warning with the lower-case name, not an error.
        try write(
            try read(event, in: site).replacingOccurrences(of: "Test event", with: "Another event"),
            to: "content/events/Another-Event.md", in: site)
        let capitals = try check(site)
        #expect(capitals.errors.isEmpty, "\(capitals.errors.map(\.message))")
        #expect(
            capitals.warnings.contains {
                $0.file == "content/events/Another-Event.md" && $0.hint?.contains("`another-event.md`") == true
            })

        // A translation of a page that does not exist.
        let orphan = try cli.run(["new", "partner", "No Such Society", "--lang", "fr", "--source", site.path])
        #expect(orphan.status != 0)
        #expect(orphan.errors.contains("content/partners/no-such-society.md"), "\(orphan.errors)")
    }
}
