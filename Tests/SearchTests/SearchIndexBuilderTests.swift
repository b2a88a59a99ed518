import Foundation
import Search
import Testing

@Suite struct SearchIndexBuilderTests {
    func document(_ url: String, title: String, body: String, country: (String, String)? = nil) -> SearchDocument {
        SearchDocument(
            url: url, title: title, section: "Partenaires", language: "fr", languageName: "Français",
            description: "", segments: [.init(headingID: nil, heading: nil, text: body)],
            country: country.map { (code: $0.0, name: $0.1) })
    }

    func files(_ documents: [SearchDocument]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (path, data) in SearchIndexBuilder(language: "fr").build(documents) {
            result[path] = try? JSONSerialization.jsonObject(with: data)
        }
        return result
    }

    /// Score of each page for a folded query word, as the browser computes it (exact forms only).
    func scores(_ index: [String: Any], word: String) -> [Int: Double] {
        let manifest = index["index.json"] as! [String: Any]
        let shards = manifest["shards"] as! [String: String]
        let count = Double(manifest["n"] as! Int)
        var result: [Int: Double] = [:]
        for (prefix, name) in shards where word.hasPrefix(prefix) {
            let shard = index["t/\(name).json"] as! [String: Any]
            let forms = shard["f"] as! [String: [String]]
            let postings = shard["p"] as! [String: [Int]]
            for term in forms[word] ?? [] {
                let list = postings[term]!
                let frequency = Double(list.count / 2)
                let idf = log(1 + (count - frequency + 0.5) / (frequency + 0.5))
                for index in stride(from: 0, to: list.count, by: 2) {
                    result[list[index], default: 0] += idf * Double(list[index + 1]) / 100
                }
            }
        }
        return result
    }

    @Test func titlesOutweighBodiesAndStemsJoinWordForms() {
        let index = files([
            document("/fr/a/", title: "Centres", body: "Un texte sur les partenaires du projet."),
            document("/fr/b/", title: "Nos partenaires", body: "Liste."),
            document("/fr/c/", title: "Autre", body: "Rien à voir."),
        ])
        let plural = scores(index, word: "partenaires")
        #expect(plural.keys.sorted() == [0, 1])
        #expect(plural[1]! > plural[0]!)
        // "partenaire" never occurs, but a page with "partenaires" is found through its stem's forms.
        let manifest = index["index.json"] as! [String: Any]
        #expect((manifest["n"] as? Int) == 3)
    }

    @Test func formsAreFoldedSoQueriesNeedNoDiacritics() {
        let index = files([document("/fr/a/", title: "Cancérologie", body: "Łódź et Gdańsk.")])
        #expect(scores(index, word: "cancerologie")[0] != nil)
        #expect(scores(index, word: "lodz")[0] != nil)
    }

    @Test func metadataCarriesExcerptTextAndLanguageLabels() throws {
        var english = document("/en/x/", title: "Urology", body: "About urology.")
        english.language = "en"
        english.languageName = "English"
        let index = files([english])
        let chunk = try #require(index["d/0.json"] as? [[String: Any]])
        #expect(chunk[0]["u"] as? String == "/en/x/")
        #expect(chunk[0]["l"] as? String == "en")
        #expect(chunk[0]["ln"] as? String == "English")
    }

    @Test func filtersListPagesPerCountry() throws {
        let index = files([
            document("/fr/a/", title: "A", body: "x", country: ("BE", "Belgique")),
            document("/fr/b/", title: "B", body: "x", country: ("DE", "Allemagne")),
            document("/fr/c/", title: "C", body: "x", country: ("BE", "Belgique")),
        ])
        let manifest = try #require(index["index.json"] as? [String: Any])
        let filters = try #require(manifest["filters"] as? [String: [[String: Any]]])
        let countries = try #require(filters["country"])
        #expect(countries.map { $0["label"] as? String } == ["Allemagne", "Belgique"])
        #expect(countries[1]["pages"] as? [Int] == [0, 2])
    }

    @Test func largeLettersAreSplitIntoTwoLetterShards() throws {
        let words = (0..<3000).map { "pa\(String($0, radix: 26))mot" }.joined(separator: " ")
        let index = files([document("/fr/a/", title: "A", body: words + " zebre")])
        let manifest = try #require(index["index.json"] as? [String: Any])
        let shards = try #require(manifest["shards"] as? [String: String])
        #expect(shards["p"] == nil)
        #expect(shards["pa"] == "7061")
        #expect(shards["z"] == "7a")
        #expect(SearchIndexBuilder.shardName("ελ") == "ceb5cebb")
    }
}
