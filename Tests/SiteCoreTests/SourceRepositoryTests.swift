import Foundation
import SiteCore
import Testing

/// config.yaml with `extra` added at the top level.
private func config(_ extra: String) -> String {
    """
    title: T
    baseURL: https://e.org/
    defaultLanguage: en
    theme: t
    languages:
      en:
        name: English
    \(extra)
    """
}

private func load(_ text: String) throws(BuildFailure) -> SiteConfig {
    try SiteConfig.load(from: InMemoryFileSystem(["config.yaml": text]))
}

private func diagnostics(_ text: String) -> [String] {
    do {
        _ = try load(text)
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

/// `repository:` in config.yaml and the links made from it.
@Suite("SourceRepository")
struct SourceRepositoryTests {
    let github = SourceRepository(
        url: "https://github.com/interact-europe/interact-site", branch: "main", host: .github)
    let gitlab = SourceRepository(url: "https://gitlab.com/group/sub/site", branch: "main", host: .gitlab)

    @Test func absentMeansNoRepository() throws {
        #expect(try load(config("")).repository == nil)
    }

    @Test func theHostIsToldByTheURLOrNamed() throws {
        let fromGitHub = try load(config("repository: {url: https://github.com/o/n/, branch: main}")).repository
        #expect(fromGitHub == SourceRepository(url: "https://github.com/o/n", branch: "main", host: .github))
        let fromGitLab = try load(config("repository: {url: https://gitlab.com/g/n.git, branch: dev}")).repository
        #expect(fromGitLab == SourceRepository(url: "https://gitlab.com/g/n", branch: "dev", host: .gitlab))
        let selfHosted = try load(config("repository: {url: https://gitlab.example.org/g/n, branch: main}"))
        #expect(selfHosted.repository?.host == .gitlab)
        let named = try load(config("repository: {url: https://code.example.org/g/n, branch: main, host: gitlab}"))
        #expect(named.repository?.host == .gitlab)
    }

    @Test func mistakesAreReportedWhereTheyAre() {
        #expect(
            diagnostics(config("repository: {url: https://github.com/o/n, brnch: main}")) == [
                "config.yaml:8:13: error: `repository` needs a `branch`: the branch the site is published from.\n    hint: For example `branch: main`.",
                "config.yaml:8:43: error: Unknown key `brnch` in repository.\n    hint: Did you mean `branch`? Known keys: url, branch, host.",
            ])
        #expect(
            diagnostics(config("repository: {url: github.com/o/n, branch: main}")) == [
                "config.yaml:8:19: error: `repository.url` must be a repository's https:// address, not `github.com/o/n`.\n    hint: Copy it from the repository's page, e.g. https://github.com/OWNER/NAME."
            ])
        #expect(
            diagnostics(config("repository:\n  url: https://code.example.org/o/n\n  branch: main")) == [
                "config.yaml:9:8: error: `repository.url` is on code.example.org, which is not known to be GitHub or GitLab.\n    hint: Say which it runs: add `host: github` or `host: gitlab` under `repository`."
            ])
        #expect(
            diagnostics(config("repository: {url: https://github.com/o/n, branch: main, host: gitea}")) == [
                "config.yaml:8:63: error: `repository.host` must be github or gitlab, not `gitea`.\n    hint: Name the kind of server that hosts the repository; links are made in its shape."
            ])
        // The loose address of earlier configs says what to write instead.
        #expect(
            diagnostics(config("repository: https://github.com/o/n")) == [
                "config.yaml:8:13: error: `repository` needs the repository's address and branch, not only its address.\n    hint: Write `repository: {url: https://github.com/o/n, branch: main}` with the branch the site is published from."
            ])
    }

    @Test func editLinksInEachHostsShape() {
        #expect(
            github.editURL(path: "content/partners/eco.md")
                == "https://github.com/interact-europe/interact-site/edit/main/content/partners/eco.md")
        #expect(
            gitlab.editURL(path: "content/partners/eco.md")
                == "https://gitlab.com/group/sub/site/-/edit/main/content/partners/eco.md")
        // Letters of any script are UTF-8 percent-encoded; a branch keeps its slashes.
        let branch = SourceRepository(url: "https://github.com/o/n", branch: "release/2024", host: .github)
        #expect(
            branch.editURL(path: "content/εταίροι/ρόλος.md")
                == "https://github.com/o/n/edit/release/2024/content/%CE%B5%CF%84%CE%B1%CE%AF%CF%81%CE%BF%CE%B9/%CF%81%CF%8C%CE%BB%CE%BF%CF%82.md"
        )
    }

    @Test func newFileLinksInEachHostsShape() {
        let head = "---\ntitle: \"A & B?\"\n---\n"
        #expect(
            github.newFileURL(folder: "content/news", name: "x.fr.md", head: head, body: "Text #1 = 100%.\n")
                == "https://github.com/interact-europe/interact-site/new/main/content/news?filename=x.fr.md&value=---%0Atitle%3A%20%22A%20%26%20B%3F%22%0A---%0AText%20%231%20%3D%20100%25.%0A"
        )
        #expect(
            gitlab.newFileURL(folder: "content", name: "x.fr.md", head: head, body: "")
                == "https://gitlab.com/group/sub/site/-/new/main/content?file_name=x.fr.md&content=---%0Atitle%3A%20%22A%20%26%20B%3F%22%0A---%0A"
        )
    }

    @Test func encodingKeepsOnlyUnreservedCharacters() {
        #expect(
            SourceRepository.encodeQueryValue("aZ09-._~ /?#[]@!$&'()*+,;=%\n")
                == "aZ09-._~%20%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25%0A")
        #expect(SourceRepository.encodeQueryValue("Łódź ε") == "%C5%81%C3%B3d%C5%BA%20%CE%B5")
        #expect(SourceRepository.encodePath("a b/c") == "a%20b/c")
    }

    @Test func aLongTextIsCutAtAParagraphToKeepTheLinkSane() throws {
        let paragraph = String(repeating: "Ελληνικό κείμενο. ", count: 20) + "\n\n"
        let body = String(repeating: paragraph, count: 100)
        let head = "---\ntitle: T\n---\n"
        let note = "\n<!-- more in content/x.md -->\n"
        let url = github.newFileURL(folder: "content", name: "x.el.md", head: head, body: body, continuation: note)
        #expect(url.utf8.count <= SourceRepository.maxURLLength)
        #expect(url.utf8.count > SourceRepository.maxURLLength - 2 * paragraph.utf8.count * 3)
        let value = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "value" }?.value)
        #expect(value.hasPrefix(head + paragraph))
        #expect(value.hasSuffix("\n\n" + note))
        let kept = value.dropFirst(head.count).dropLast(note.count)
        #expect(body.hasPrefix(kept))
        #expect(kept.count % paragraph.count == 0)
        // A short text is not cut and gets no note.
        let short = github.newFileURL(
            folder: "content", name: "x.el.md", head: head, body: paragraph, continuation: note)
        #expect(!short.contains("more"))
    }

    @Test func aSingleHugeLineIsCutBetweenCharacters() throws {
        let body = String(repeating: "ł", count: 5000)
        let url = github.newFileURL(folder: "content", name: "x.md", head: "", body: body, continuation: "…")
        #expect(url.utf8.count <= SourceRepository.maxURLLength)
        let value = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "value" }?.value)
        #expect(value.hasSuffix("ł…"))
    }
}
