import Search
import SiteCore
import Testing

/// The build cache keeps a language's search index while the hash of its documents is the same,
/// so every stored property of a document must move the hash.
@Suite struct SearchDocumentTests {
    func hash(_ document: SearchDocument) -> String {
        var hasher = StableHasher()
        hasher.combine([document])
        return hasher.hexDigest
    }

    @Test func everyPropertyMovesTheHash() {
        let document = SearchDocument(
            url: "/fr/a/", title: "A", section: "Partenaires", language: "fr", languageName: "Français",
            description: "Une page", segments: [.init(headingID: "h", heading: "Titre", text: "Texte")],
            country: (code: "BE", name: "Belgique"))
        let changes: [String: (inout SearchDocument) -> Void] = [
            "url": { $0.url = "/fr/b/" },
            "title": { $0.title = "B" },
            "section": { $0.section = "Centres" },
            "language": { $0.language = "en" },
            "languageName": { $0.languageName = "English" },
            "description": { $0.description = "" },
            "segments": { $0.segments.append(.init(headingID: nil, heading: nil, text: "")) },
            "country": { $0.country = (code: "BE", name: "België") },
        ]
        // A property added to SearchDocument needs its line here and in its `stableHash(into:)`.
        #expect(Set(Mirror(reflecting: document).children.compactMap(\.label)) == Set(changes.keys))
        for (name, change) in changes {
            var changed = document
            change(&changed)
            #expect(hash(changed) != hash(document), "\(name)")
        }
        let segment = SearchDocument.Segment(headingID: "h", heading: "Titre", text: "Texte")
        let segmentChanges: [(inout SearchDocument.Segment) -> Void] = [
            { $0.headingID = nil }, { $0.heading = "Autre" }, { $0.text = "Autre" },
        ]
        #expect(Mirror(reflecting: segment).children.count == segmentChanges.count)
        for change in segmentChanges {
            var changed = document
            change(&changed.segments[0])
            #expect(hash(changed) != hash(document))
        }
        var countryCode = document
        countryCode.country = (code: "NL", name: "Belgique")
        #expect(hash(countryCode) != hash(document))
        #expect(hash(document) == hash(document))
    }
}
