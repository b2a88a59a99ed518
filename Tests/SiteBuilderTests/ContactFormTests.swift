import Foundation
import SiteCore
import Testing

@testable import SiteBuilder

/// The stakeholder page's way to get in touch (issue 17), by config.yaml's `contact`: nothing set,
/// an address (a plain mailto: link and a form that composes the message), or an endpoint.
@Suite struct ContactFormTests {
    func site(contact: String) -> InMemoryFileSystem {
        var site = Fixtures.fileSystem("sites/events")
        site.storage = site.storage.filter { !$0.key.hasPrefix("themes/") && !$0.key.hasPrefix("layouts/") }
        let config = String(decoding: site.storage["config.yaml"]!, as: UTF8.self)
        site.storage["config.yaml"] = Data(
            (config.replacingOccurrences(of: "theme: minimal", with: "theme: interact") + contact).utf8)
        site.storage["content/get-involved.md"] = Data(
            "---\ntitle: Get involved\ncontactForm: true\n---\nHow to take part.\n".utf8)
        let theme = LocalFileSystem(root: Fixtures.repositoryRoot.appendingPathComponent("themes/interact").path)
        for path in theme.files(under: "") { site.storage["themes/interact/" + path] = theme.contents(of: path) }
        return site
    }

    func page(contact: String) throws -> String {
        let result = try SiteBuilder(context: Fixtures.context(site(contact: contact))).build()
        let file = try #require(result.files.first { $0.path == "en/get-involved/index.html" })
        return String(decoding: file.contents, as: UTF8.self)
    }

    @Test func withoutAnAddressThePageSaysHowToReachTheCoordinator() throws {
        let html = try page(contact: "")
        #expect(!html.contains("<form class=\"contact-form\""))
        #expect(html.contains("contact the project&#39;s coordinator, the European Cancer Organisation"))
        #expect(!html.contains("/js/contact."))
    }

    @Test func anAddressGivesAMailtoLinkAndAFormThatComposesTheMessage() throws {
        let html = try page(contact: "contact:\n  email: someone@example.org\n")
        #expect(html.contains("<a href=\"mailto:someone@example.org\">someone@example.org</a>"))
        #expect(html.contains("<form class=\"contact-form\" data-mailto=\"someone@example.org\""))
        #expect(html.contains("/js/contact."))
        for field in ["organisation", "type", "country", "name", "email", "message"] {
            #expect(html.contains("name=\"\(field)\""), "\(field)")
        }
        #expect(html.contains("<option value=\"patient-organisation\">Patient organisation</option>"))
    }

    @Test func anEndpointGetsAFormThatPostsThere() throws {
        let html = try page(contact: "contact:\n  formAction: https://forms.example.org/interact\n")
        #expect(html.contains("action=\"https://forms.example.org/interact\" method=\"post\""))
        #expect(!html.contains("/js/contact."))
    }

    @Test func contactSettingsAreChecked() throws {
        #expect(throws: BuildFailure.self) { try page(contact: "contact:\n  email: not-an-address\n") }
        #expect(throws: BuildFailure.self) {
            try page(contact: "contact:\n  formAction: http://insecure.example.org/\n")
        }
        #expect(throws: BuildFailure.self) { try page(contact: "contact:\n  mail: someone@example.org\n") }
        let failure = #expect(throws: BuildFailure.self) {
            try page(contact: "contact:\n  emial: someone@example.org\n")
        }
        #expect(failure?.diagnostics.first?.description.contains("Did you mean `email`?") == true)
    }
}
