import Foundation
import SiteBuilder
import SiteCore
import Testing

/// One fixture per error: building it must fail with exactly the diagnostics in its
/// `expected-diagnostics.txt`.
@Suite struct InvalidFixtureTests {
    @Test(arguments: Fixtures.names(in: "invalid"))
    func reportsExactDiagnostics(name: String) throws {
        try Fixtures.assertFailsAsExpected("invalid/\(name)")
    }
}
