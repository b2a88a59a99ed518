import SiteCore
import Testing

/// Parses front-matter-style YAML that starts on line 2 of `content/page.md`.
private func frontMatter(_ text: String) throws -> (YAMLObject, DiagnosticList) {
    var diagnostics = DiagnosticList()
    let object = try #require(
        YAMLObject.parse(text, file: "content/page.md", lineOffset: 1, stage: .load, diagnostics: &diagnostics))
    return (object, diagnostics)
}

@Suite("YAMLObject")
struct YAMLObjectTests {
    @Test("Positions include the line offset")
    func positions() throws {
        let (object, diagnostics) = try frontMatter("title: Hello\ncount: 3\ntags: solo\n")
        #expect(diagnostics.items.isEmpty)
        #expect(object.position.description == "content/page.md:2:1")
        #expect(object.lineOffset == 1)
        #expect(object.positionOfKey("count").description == "content/page.md:3:1")
        #expect(object.position(of: try #require(object.value("count"))).description == "content/page.md:3:8")
        #expect(object.positionOfKey("missing").description == "content/page.md:2:1")
        #expect(object.entries.map(\.key) == ["title", "count", "tags"])
    }

    @Test("string keeps scalars exactly as written")
    func stringsAsWritten() throws {
        let (object, _) = try frontMatter("answer: no\nversion: 1.10\nnumber: 007\nflag: yes\nempty:\nquoted: \"\"\n")
        var diagnostics = DiagnosticList()
        #expect(object.string("answer", stage: .load, diagnostics: &diagnostics) == "no")
        #expect(object.string("version", stage: .load, diagnostics: &diagnostics) == "1.10")
        #expect(object.string("number", stage: .load, diagnostics: &diagnostics) == "007")
        #expect(object.string("flag", stage: .load, diagnostics: &diagnostics) == "yes")
        #expect(object.string("empty", stage: .load, diagnostics: &diagnostics) == nil)
        #expect(object.string("quoted", stage: .load, diagnostics: &diagnostics) == "")
        #expect(object.string("absent", stage: .load, diagnostics: &diagnostics) == nil)
        #expect(diagnostics.items.isEmpty)
    }

    @Test("string rejects a list")
    func stringTypeError() throws {
        let (object, _) = try frontMatter("title: Hello\ntags: [a, b]\n")
        var diagnostics = DiagnosticList()
        #expect(object.string("tags", stage: .load, diagnostics: &diagnostics) == nil)
        #expect(
            diagnostics.items.map(\.description) == [
                "content/page.md:3:7: error: `tags` must be a text, but here it is a list.\n"
                    + "    hint: Write it as `tags: some text`."
            ])
        #expect(diagnostics.items.first?.stage == .load)
    }

    @Test("int reads numbers and reports other text")
    func ints() throws {
        let (object, _) = try frontMatter("weight: 12\nnegative: -4\ncount: ten\n")
        var diagnostics = DiagnosticList()
        #expect(object.int("weight", stage: .load, diagnostics: &diagnostics) == 12)
        #expect(object.int("negative", stage: .load, diagnostics: &diagnostics) == -4)
        #expect(diagnostics.items.isEmpty)
        #expect(object.int("count", stage: .load, diagnostics: &diagnostics) == nil)
        #expect(
            diagnostics.items.map(\.description) == [
                "content/page.md:4:8: error: `count` must be a number, but here it is `ten`.\n"
                    + "    hint: Write it as `count: 10`."
            ])
        #expect(diagnostics.hasErrors)
    }

    @Test("bool accepts YAML 1.1 words and reports other text")
    func bools() throws {
        let (object, _) = try frontMatter("a: true\nb: no\nc: On\nd: FALSE\ndraft: maybe\n")
        var diagnostics = DiagnosticList()
        #expect(object.bool("a", stage: .load, diagnostics: &diagnostics) == true)
        #expect(object.bool("b", stage: .load, diagnostics: &diagnostics) == false)
        #expect(object.bool("c", stage: .load, diagnostics: &diagnostics) == true)
        #expect(object.bool("d", stage: .load, diagnostics: &diagnostics) == false)
        #expect(object.bool("absent", stage: .load, diagnostics: &diagnostics) == nil)
        #expect(diagnostics.items.isEmpty)
        #expect(object.bool("draft", stage: .load, diagnostics: &diagnostics) == nil)
        #expect(
            diagnostics.items.map(\.description) == [
                "content/page.md:6:8: error: `draft` must be true or false, but here it is `maybe`.\n"
                    + "    hint: Write it as `draft: true`."
            ])
    }

    @Test("stringList accepts a single text as a list of one")
    func stringListSingle() throws {
        let (object, _) = try frontMatter("title: T\ntags: solo\n")
        var diagnostics = DiagnosticList()
        let list = try #require(object.stringList("tags", stage: .load, diagnostics: &diagnostics))
        #expect(list.map(\.0) == ["solo"])
        #expect(list.map(\.1.description) == ["content/page.md:3:7"])
        #expect(diagnostics.items.isEmpty)
    }

    @Test("stringList reads a list with each item's position")
    func stringListSequence() throws {
        let (object, _) = try frontMatter("tags:\n  - one\n  - two\n")
        var diagnostics = DiagnosticList()
        let list = try #require(object.stringList("tags", stage: .load, diagnostics: &diagnostics))
        #expect(list.map(\.0) == ["one", "two"])
        #expect(list.map(\.1.description) == ["content/page.md:3:5", "content/page.md:4:5"])
    }

    @Test("stringList reports a mapping and non-text items")
    func stringListErrors() throws {
        let (object, _) = try frontMatter("tags: {a: 1}\nother: [x, [y], z]\n")
        var diagnostics = DiagnosticList()
        #expect(object.stringList("tags", stage: .load, diagnostics: &diagnostics) == nil)
        let other = try #require(object.stringList("other", stage: .load, diagnostics: &diagnostics))
        #expect(other.map(\.0) == ["x", "z"])
        #expect(
            diagnostics.items.map(\.description) == [
                "content/page.md:2:7: error: `tags` must be a list of texts, but here it is a block of `key: value` lines.\n"
                    + "    hint: Write it as `tags: [first, second]`.",
                "content/page.md:3:12: error: `other` must be a list of texts, but here it is a list.\n"
                    + "    hint: Write it as `other: [first, second]`.",
            ])
    }

    @Test("Nested objects keep the file and offset")
    func nestedObject() throws {
        let (object, _) = try frontMatter("meta:\n  author: Ana\n  year: 2024\n")
        var diagnostics = DiagnosticList()
        let meta = try #require(object.object("meta", stage: .load, diagnostics: &diagnostics))
        #expect(meta.file == "content/page.md")
        #expect(meta.position.description == "content/page.md:3:3")
        #expect(meta.positionOfKey("year").description == "content/page.md:4:3")
        #expect(meta.int("year", stage: .load, diagnostics: &diagnostics) == 2024)
        #expect(diagnostics.items.isEmpty)
    }

    @Test("rejectUnknownKeys suggests the closest key")
    func rejectUnknownKeys() throws {
        let (object, _) = try frontMatter("title: T\ndaet: 2024-01-01\n")
        var diagnostics = DiagnosticList()
        object.rejectUnknownKeys(
            allowed: ["title", "date"], in: "front matter", stage: .load, diagnostics: &diagnostics)
        #expect(
            diagnostics.items.map(\.description) == [
                "content/page.md:3:1: error: Unknown key `daet` in front matter.\n"
                    + "    hint: Did you mean `date`? Known keys: title, date."
            ])
    }

    @Test("An empty document is an empty mapping")
    func emptyDocument() throws {
        let (object, diagnostics) = try frontMatter("")
        #expect(object.entries.isEmpty)
        #expect(diagnostics.items.isEmpty)
        #expect(object.position.description == "content/page.md:2:1")
    }

    @Test("Parse errors are shifted by the line offset")
    func parseErrorsWithOffset() {
        var diagnostics = DiagnosticList()
        let tab = YAMLObject.parse(
            "title: T\n\tdate: x\n", file: "content/page.md", lineOffset: 1, stage: .load, diagnostics: &diagnostics)
        #expect(tab == nil)
        let duplicate = YAMLObject.parse(
            "a: 1\nb: 2\na: 3\n", file: "content/page.md", lineOffset: 1, stage: .load, diagnostics: &diagnostics)
        #expect(duplicate == nil)
        let scalar = YAMLObject.parse(
            "just text\n", file: "content/page.md", lineOffset: 1, stage: .load, diagnostics: &diagnostics)
        #expect(scalar == nil)
        #expect(
            diagnostics.items.map(\.description) == [
                "content/page.md:3:1: error: YAML does not allow tabs for indentation.\n"
                    + "    hint: Delete the tab: fields start at the beginning of the line. Where a line must be indented (under a list), indent it with spaces.",
                "content/page.md:4:1: error: The key `a` appears more than once in the same block.\n"
                    + "    hint: Keep one of them and delete the others.",
                "content/page.md:2:1: error: Expected `key: value` lines here, but found a single value.\n"
                    + "    hint: Write one `key: value` per line, for example `title: My page`.",
            ])
    }
}
