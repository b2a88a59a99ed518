import Foundation
import Mustache
import SiteCore
import Testing

@testable import Templating

/// Templates read the model through generated `child(named:)` lookups instead of Mirror; they must
/// see exactly what Mirror would. The build cache's hash of a model is generated from the same
/// list of properties (`TemplateModel+StableHash.swift`), so it too sees every one.
@Suite struct TemplateLookupTests {
    @Test func theGeneratedLookupIsUpToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", root.appendingPathComponent("scripts/generate-template-lookup.py").path, "--check",
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(message)")
    }

    /// Every stored property Mirror sees answers `child(named:)` with the same value.
    func expectSameAsMirror(_ value: some MustacheParent) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let mirrored: Any? =
                Mirror(reflecting: child.value).displayStyle == .optional
                ? Mirror(reflecting: child.value).children.first?.value : child.value
            var looked = value.child(named: label)
            // Model structs come back boxed (by reference); Mirror sees the struct itself.
            if let box = looked as? TemplateBox { looked = box.model }
            if let boxes = looked as? [TemplateBox] { looked = boxes.map(\.model) }
            #expect((mirrored == nil) == (looked == nil), "\(type(of: value)).\(label)")
            if let mirrored, let looked {
                #expect(String(describing: mirrored) == String(describing: looked), "\(type(of: value)).\(label)")
            }
        }
        #expect(value.child(named: "noSuchKey") == nil)
    }

    @Test func lookupsAnswerWhatMirrorSees() {
        let site = SiteInfo(title: "Interact", baseURL: "https://example.org/", params: .empty, defaultLanguage: "en")
        expectSameAsMirror(site)
        var info = QRCodeInfo(
            code: "7K2", title: "Partners", lang: "en", description: nil, url: "/en/partners/", isExternal: false,
            shortLink: "HTTPS://EXAMPLE.ORG/Q/7K2", shortLinkText: "example.org/Q/7K2", imageURL: "/Q/7K2/qr.svg",
            version: 2, errorCorrection: "M", minimumWidth: "17 mm")
        info.posterURL = "/en/qr/7K2.html"
        expectSameAsMirror(info)
        let english = LanguageLink(
            code: "en", name: "English", url: "/en/", isCurrent: true, hasTranslation: true, direction: "ltr")
        expectSameAsMirror(english)
        expectSameAsMirror(MenuItem(name: "Partners", url: "/en/partners/", isActive: false))
        expectSameAsMirror(TOCEntry(title: "Team", id: "team", level: 2, children: []))
        let root = RootContext(site: site, languages: [english], defaultURL: "/en/", i18n: ["a": "b"])
        expectSameAsMirror(root)
    }
}

@Suite struct HTMLEscapingTests {
    @Test func escapesWhatSwiftMustacheEscapes() throws {
        let escaping = HTMLEscaping()
        #expect(
            escaping.escapeText("Tom & Jerry's <b>\"show\"</b>")
                == "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;show&quot;&lt;/b&gt;")
        #expect(escaping.escapeText("Ελληνικά, Łódź, 🎗️") == "Ελληνικά, Łódź, 🎗️")
        // The same as the library's own HTML escaping for ordinary text.
        let template = try MustacheTemplate(string: "{{value}}")
        for value in ["a < b", "R&D", "\"quoted\"", "it's", "plain", "é & è"] {
            #expect(template.render(["value": value]) == escaping.escapeText(value))
        }
    }
}
