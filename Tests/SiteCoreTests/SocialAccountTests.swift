import SiteCore
import Testing

/// `social:` in config.yaml.
@Suite("SocialAccount")
struct SocialAccountTests {
    static func load(_ social: String) throws(BuildFailure) -> SiteConfig {
        let text = """
            title: T
            baseURL: https://e.org/
            defaultLanguage: en
            theme: t
            languages:
              en:
                name: English
            \(social)
            """
        return try SiteConfig.load(from: InMemoryFileSystem(["config.yaml": text]))
    }

    static func diagnostics(_ social: String) -> [String] {
        do {
            _ = try load(social)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func anXHandleGivesItsAddress() throws {
        let config = try Self.load(
            """
            social:
              - {network: X, handle: "@EuropeanCancer"}
              - {network: LinkedIn, handle: ECO, url: "https://www.linkedin.com/company/example/"}
            """)
        #expect(
            config.social == [
                SocialAccount(network: "X", handle: "@EuropeanCancer", url: "https://x.com/EuropeanCancer"),
                SocialAccount(network: "LinkedIn", handle: "ECO", url: "https://www.linkedin.com/company/example/"),
            ])
        #expect(SocialAccount.derivedURL(network: "Twitter", handle: "@a_b1") == "https://x.com/a_b1")
        #expect(SocialAccount.derivedURL(network: "Mastodon", handle: "@a@example.social") == nil)
        #expect(SocialAccount.derivedURL(network: "X", handle: "@a b") == nil)
        #expect(try Self.load("").social.isEmpty)
    }

    @Test func mistakesAreReportedWhereTheyAre() {
        #expect(
            Self.diagnostics("social:\n  - {network: Mastodon, handle: \"@eco@example.social\"}") == [
                "config.yaml:9:5: error: The address of @eco@example.social on Mastodon cannot be worked out from the handle.\n    hint: Add `url:` with the account's https:// address (only X handles give it by themselves)."
            ])
        #expect(
            Self.diagnostics("social:\n  - {network: X, handle: \"@a\", url: \"http://x.com/a\"}") == [
                "config.yaml:9:37: error: The address of @a on X must start with https://, not `http://x.com/a`.\n    hint: Copy it from the browser's address bar on the account's page."
            ])
        #expect(
            Self.diagnostics("social:\n  - {network: X, handel: \"@a\"}") == [
                "config.yaml:9:5: error: A social account needs a `network` and a `handle`.\n    hint: For example `- {network: X, handle: \"@name\"}`.",
                "config.yaml:9:18: error: Unknown key `handel` in a social account.\n    hint: Did you mean `handle`? Known keys: network, handle, url.",
            ])
        #expect(
            Self.diagnostics("social: \"@EuropeanCancer\"") == [
                "config.yaml:8:9: error: `social` must be a list of accounts.\n    hint: For example `social: [{network: X, handle: \"@name\"}]`."
            ])
    }
}
