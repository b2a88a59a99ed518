import Foundation
import SiteCore
import Testing

@testable import PreviewServer

@Suite struct PreviewServerTests {
    @Test(arguments: [
        "/../etc/passwd", "/en/../../config.yaml", "/en/%2e%2e/%2e%2e/config.yaml", "/%2E%2E/x", "/en/..%2Fx",
        "/en/..%5C..%5Cx", "/en\\..\\x", "/en/%00", "/./x", "relative", "/%zz",
    ])
    func pathsThatLeaveTheSiteAreRefused(uri: String) {
        #expect(PreviewServer.sitePath(uri) == nil)
    }

    @Test func ordinaryPathsAreSiteRelative() {
        #expect(PreviewServer.sitePath("/") == "")
        #expect(PreviewServer.sitePath("/en/partners/?q=1") == "en/partners/")
        #expect(PreviewServer.sitePath("/el/%CE%B5%CF%84%CE%B1%CE%AF%CF%81%CE%BF%CE%B9/") == "el/εταίροι/")
    }

    @Test func contentTypes() {
        #expect(PreviewServer.contentType(of: "en/index.html") == "text/html; charset=utf-8")
        #expect(PreviewServer.contentType(of: "Q/7K2/qr.svg") == "image/svg+xml")
        #expect(PreviewServer.contentType(of: "en/search/t/61.json") == "application/json")
        #expect(PreviewServer.contentType(of: "css/site.1234abcd.css") == "text/css; charset=utf-8")
        #expect(PreviewServer.contentType(of: "README") == "application/octet-stream")
    }

    @Test func theReloadScriptGoesIntoTheHead() {
        let page = Data("<html><head><title>x</title></head><body></body></html>".utf8)
        let served = String(decoding: PreviewServer.injectingReloadScript(page), as: UTF8.self)
        #expect(served.contains("<script src=\"/__interact/reload.js\" defer></script>\n</head>"))
    }

    @Test func tabsHearOfBuildsAndFailures() async {
        let state = PreviewState()
        let events = await state.subscribe()
        await state.fail([.error("Broken.", at: SourcePosition(file: "content/a.md", line: 3, column: 7), stage: .load)]
        )
        await state.publish(["en/index.html": Data("x".utf8)])
        var iterator = events.makeAsyncIterator()
        let first = await iterator.next()
        guard case .failure(let json)? = first else {
            Issue.record("expected a failure event, got \(String(describing: first))")
            return
        }
        #expect(
            json.contains("\"file\":\"content\\/a.md\"") && json.contains("\"line\":3") && json.contains("\"column\":7")
        )
        #expect(await iterator.next() == .reload(generation: 1))
        // A tab that connects while the build is broken is told at once.
        await state.fail([.error("Again.", at: SourcePosition(file: "content/b.md"), stage: .load)])
        var late = await state.subscribe().makeAsyncIterator()
        guard case .failure? = await late.next() else {
            Issue.record("a new tab did not hear of the failure")
            return
        }
        await state.close()
        #expect(await late.next() == nil)
    }
}
