import SiteCore
import Templating
import Testing

/// What a template sees: `{{site.params.…}}`.
private struct Context {
    var site: SiteInfo
}

private let template = [
    "{{site.params.x}}",
    "{{{site.params.x}}}",
    "{{site.params.count}}",
    "{{#site.params.flag}}yes{{/site.params.flag}}{{^site.params.off}}no{{/site.params.off}}",
    "{{#site.params.tags}}[{{.}}]{{/site.params.tags}}",
    "{{site.params.nested.inner}}",
    "{{site.params.missing}}",
    "{{site.title}}",
].joined(separator: "|")

@Suite("TemplateValue in Mustache")
struct TemplateValueRenderingTests {
    @Test("Free params render as text, numbers, booleans, lists and maps")
    func rendersParams() throws {
        let files = [
            "themes/t/layouts/home.mustache": template,
            "themes/t/layouts/section.mustache": "s",
            "themes/t/layouts/page.mustache": "p",
            "themes/t/layouts/404.mustache": "n",
        ]
        let theme = try Theme.load(
            name: "t", languages: [Language(code: "en", name: "English")], defaultLanguage: "en",
            from: InMemoryFileSystem(files))
        let params = TemplateValue.map([
            .init(key: "x", value: .string("<b>hi</b>")),
            .init(key: "count", value: .int(3)),
            .init(key: "flag", value: .bool(true)),
            .init(key: "off", value: .bool(false)),
            .init(key: "tags", value: .list([.string("a"), .string("b")])),
            .init(key: "nested", value: .map([.init(key: "inner", value: .string("deep"))])),
        ])
        let context = Context(
            site: SiteInfo(title: "Interact", baseURL: "/", params: params, defaultLanguage: "en"))
        #expect(
            theme.render(context, template: "home")
                == "&lt;b&gt;hi&lt;/b&gt;|<b>hi</b>|3|yesno|[a][b]|deep||Interact")
    }

    @Test("representation gives plain Swift values; a repeated key keeps the first")
    func representation() throws {
        #expect(TemplateValue.string("a").representation as? String == "a")
        #expect(TemplateValue.int(4).representation as? Int == 4)
        #expect(TemplateValue.bool(false).representation as? Bool == false)
        let list = try #require(TemplateValue.list([.int(1), .string("b")]).representation as? [Any])
        #expect(list.count == 2)
        #expect(list.first as? Int == 1)
        let map = try #require(
            TemplateValue.map([
                .init(key: "k", value: .string("first")), .init(key: "k", value: .string("second")),
            ]).representation as? [String: Any])
        #expect(map.count == 1)
        #expect(map["k"] as? String == "first")
    }
}
