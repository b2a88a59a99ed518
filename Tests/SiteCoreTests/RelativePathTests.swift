import SiteCore
import Testing

@Suite("RelativePath")
struct RelativePathTests {
    @Test("normalize removes `.`, empty segments and applies `..`")
    func normalize() {
        #expect(RelativePath.normalize("a/./b//c/") == "a/b/c")
        #expect(RelativePath.normalize("a/b/../c") == "a/c")
        #expect(RelativePath.normalize("/docs/guide.md") == "docs/guide.md")
        #expect(RelativePath.normalize("a/..") == "")
        #expect(RelativePath.normalize("") == "")
    }

    @Test("normalize returns nil when `..` leaves the root")
    func normalizeEscapingRoot() {
        #expect(RelativePath.normalize("..") == nil)
        #expect(RelativePath.normalize("../etc/passwd") == nil)
        #expect(RelativePath.normalize("a/../../b") == nil)
        #expect(RelativePath.normalize("/../a") == nil)
    }

    @Test("resolve against the folder holding a file")
    func resolveRelative() {
        #expect(RelativePath.resolve("../images/x.png", relativeTo: "docs/guide.md") == "images/x.png")
        #expect(RelativePath.resolve("faq.md", relativeTo: "docs/guide.md") == "docs/faq.md")
        #expect(RelativePath.resolve("./a/b.md", relativeTo: "docs/guide.md") == "docs/a/b.md")
        #expect(RelativePath.resolve("about.md", relativeTo: "_index.md") == "about.md")
        #expect(RelativePath.resolve("../../x.md", relativeTo: "docs/guide.md") == nil)
    }

    @Test("resolve treats a leading slash as the root")
    func resolveRooted() {
        #expect(RelativePath.resolve("/news/launch.md", relativeTo: "docs/advanced/tuning.md") == "news/launch.md")
        #expect(RelativePath.resolve("/../x", relativeTo: "docs/guide.md") == nil)
    }

    @Test("directory and lastComponent")
    func components() {
        #expect(RelativePath.directory(of: "docs/advanced/tuning.md") == "docs/advanced")
        #expect(RelativePath.directory(of: "index.md") == "")
        #expect(RelativePath.lastComponent(of: "docs/advanced/tuning.md") == "tuning.md")
        #expect(RelativePath.lastComponent(of: "index.md") == "index.md")
    }

    @Test("relative(from:to:) writes a link as a person would")
    func relative() {
        #expect(RelativePath.relative(from: "docs/guide.md", to: "docs/images/steps.svg") == "images/steps.svg")
        #expect(RelativePath.relative(from: "docs/guide.md", to: "docs/faq.md") == "faq.md")
        #expect(RelativePath.relative(from: "docs/advanced/tuning.md", to: "news/launch.md") == "../../news/launch.md")
        #expect(RelativePath.relative(from: "docs/advanced/tuning.md", to: "docs/faq.md") == "../faq.md")
        #expect(RelativePath.relative(from: "index.md", to: "docs/guide.md") == "docs/guide.md")
        #expect(RelativePath.relative(from: "docs/guide.md", to: "index.md") == "../index.md")
    }
}
