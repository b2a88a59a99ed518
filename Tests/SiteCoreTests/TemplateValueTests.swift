import SiteCore
import Testing

/// The TemplateValue of `key` in a YAML mapping.
private func value(_ key: String, in yaml: String) throws -> TemplateValue {
    var diagnostics = DiagnosticList()
    let object = try #require(YAMLObject.parse(yaml, file: "x.yaml", stage: .config, diagnostics: &diagnostics))
    return TemplateValue(node: try #require(object.value(key)))
}

@Suite("TemplateValue")
struct TemplateValueTests {
    @Test("Plain true/false become booleans; other spellings stay text")
    func booleans() throws {
        #expect(try value("a", in: "a: true") == .bool(true))
        #expect(try value("a", in: "a: false") == .bool(false))
        #expect(try value("a", in: "a: \"true\"") == .string("true"))
        #expect(try value("a", in: "a: 'false'") == .string("false"))
        #expect(try value("a", in: "a: yes") == .string("yes"))
        #expect(try value("a", in: "a: no") == .string("no"))
    }

    @Test("Plain integers become numbers; quoted ones and decimals stay text")
    func integers() throws {
        #expect(try value("a", in: "a: 42") == .int(42))
        #expect(try value("a", in: "a: -7") == .int(-7))
        #expect(try value("a", in: "a: \"42\"") == .string("42"))
        #expect(try value("a", in: "a: 1.10") == .string("1.10"))
        #expect(try value("a", in: "a: hello world") == .string("hello world"))
    }

    @Test("Lists convert each item")
    func lists() throws {
        #expect(
            try value("a", in: "a: [1, x, false, \"2\"]")
                == .list([.int(1), .string("x"), .bool(false), .string("2")]))
        #expect(try value("a", in: "a: []") == .list([]))
    }

    @Test("Maps keep source order and nest")
    func maps() throws {
        let map = try value("m", in: "m:\n  zebra: 1\n  apple: two\n  mango:\n    deep: true\n")
        guard case .map(let fields) = map else {
            Issue.record("expected a map, got \(map)")
            return
        }
        #expect(fields.map(\.key) == ["zebra", "apple", "mango"])
        #expect(map["zebra"] == .int(1))
        #expect(map["apple"] == .string("two"))
        #expect(map["mango"]?["deep"] == .bool(true))
        #expect(map["missing"] == nil)
    }

    @Test("Subscripting a non-map gives nil; empty is an empty map")
    func subscripts() {
        #expect(TemplateValue.string("x")["x"] == nil)
        #expect(TemplateValue.list([.int(1)])["0"] == nil)
        #expect(TemplateValue.empty == .map([]))
        #expect(TemplateValue.empty["x"] == nil)
    }
}
