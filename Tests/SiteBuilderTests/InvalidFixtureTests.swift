import Foundation
import SiteBuilder
import SiteCore
import Testing

/// One fixture per error: building it must fail with exactly the diagnostics in its
/// `expected-diagnostics.txt`.
@Suite struct InvalidFixtureTests {
    @Test(arguments: Fixtures.names(in: "invalid"))
    func reportsExactDiagnostics(name: String) throws {
        let folder = Fixtures.root.appendingPathComponent("invalid").appendingPathComponent(name)
        let expectedFile = folder.appendingPathComponent("expected-diagnostics.txt")
        var actual = ""
        do {
            _ = try SiteBuilder(context: Fixtures.context(Fixtures.fileSystem("invalid/\(name)"))).build()
            Issue.record("invalid/\(name) built without errors")
        } catch {
            actual = error.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        }
        if Fixtures.isRecording {
            try actual.write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(actual == expected)
    }
}
