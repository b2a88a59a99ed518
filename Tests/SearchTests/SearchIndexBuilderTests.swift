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

    func files(_ documents: [SearchDocument], shardBudget: Int = SearchIndexBuilder.defaultShardBudget) -> [String: Any]
    {
        var result: [String: Any] = [:]
        for (path, data) in SearchIndexBuilder(language: "fr", shardBudget: shardBudget).build(documents) {
            result[path] = try? JSONSerialization.jsonObject(with: data)
        }
        return result
    }

    /// The shard whose range holds `word`: the last separator that does not sort after it.
    func shardName(_ manifest: [String: Any], _ word: String, list: String = "t") -> String {
        let separators = manifest[list] as! [String]
        let index = separators.lastIndex { !word.utf8.lexicographicallyPrecedes($0.utf8) }!
        return SearchIndexBuilder.shardName(separators[index], index: index)
    }

    /// A term's postings as `[(page, weight)]`, its parts joined and page gaps added up.
    func postings(_ index: [String: Any], shard: [String: Any], term: String) -> [(page: Int, weight: Int)] {
        var lists = [(shard["p"] as! [String: [Int]])[term]!]
        for name in (shard["x"] as? [String: [String]])?[term] ?? [] { lists.append(index["t/\(name).json"] as! [Int]) }
        var result: [(page: Int, weight: Int)] = []
        for list in lists {
            var page = 0
            for index in stride(from: 0, to: list.count, by: 2) {
                page += list[index]
                result.append((page, list[index + 1]))
            }
        }
        return result
    }

    /// Score of each page for a folded query word, as the browser computes it (exact forms only).
    func scores(_ index: [String: Any], word: String) -> [Int: Double] {
        let manifest = index["index.json"] as! [String: Any]
        let count = Double(manifest["n"] as! Int)
        var result: [Int: Double] = [:]
        let shard = index["t/\(shardName(manifest, word)).json"] as! [String: Any]
        let forms = shard["f"] as! [String: [String]]
        for term in forms[word] ?? [] {
            let list = postings(index, shard: shard, term: term)
            let frequency = Double(list.count)
            let idf = log(1 + (count - frequency + 0.5) / (frequency + 0.5))
            for (page, weight) in list { result[page, default: 0] += idf * Double(weight) / 100 }
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
        // Pages as gaps: 0, then 0 + 2.
        #expect(countries[1]["pages"] as? [Int] == [0, 2])
        #expect(countries[0]["pages"] as? [Int] == [1])
    }

    @Test func shardsAreCutBySizeAndNamedBySeparators() throws {
        let words = (0..<3000).map { "pa\(String($0, radix: 26))mot" }.joined(separator: " ")
        let budget = 4_000
        let index = files([document("/fr/a/", title: "A", body: words + " zebre")], shardBudget: budget)
        let manifest = try #require(index["index.json"] as? [String: Any])
        let separators = try #require(manifest["t"] as? [String])
        #expect(separators.first == "")
        #expect(separators.count > 10)
        // Separators are sorted, and each shard stays within the budget (plus one form's entry).
        #expect(separators == separators.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for (index, separator) in separators.enumerated() {
            let data = try #require(
                SearchIndexBuilder(language: "fr", shardBudget: budget).build([
                    document("/fr/a/", title: "A", body: words + " zebre")
                ]).first { $0.path == "t/\(SearchIndexBuilder.shardName(separator, index: index)).json" }?.contents)
            #expect(data.count <= budget + 100)
        }
        // Every form is found in the shard its separator names.
        #expect(scores(index, word: "zebre")[0] != nil)
        #expect(scores(index, word: "pa0mot")[0] != nil)
        #expect(scores(index, word: "pa4ammot")[0] != nil)
        #expect(SearchIndexBuilder.shardName("ελ", index: 3) == "ceb5cebb")
        #expect(SearchIndexBuilder.shardName("", index: 0) == "_")
        #expect(SearchIndexBuilder.shardName(String(repeating: "a", count: 49), index: 7) == "n7")
    }

    @Test func aFrequentTermIsSplitIntoParts() throws {
        let pages = (0..<400).map { document("/fr/\($0)/", title: "Page \($0)", body: "formation \($0 % 7) texte") }
        let index = files(pages, shardBudget: 1_000)
        let manifest = try #require(index["index.json"] as? [String: Any])
        let shard = try #require(index["t/\(shardName(manifest, "formation")).json"] as? [String: Any])
        let parts = try #require((shard["x"] as? [String: [String]])?["format"])
        #expect(parts.count > 2)
        let list = postings(index, shard: shard, term: "format")
        #expect(list.map(\.page) == Array(0..<400))
        #expect(scores(index, word: "formation").count == 400)
    }

    @Test func theSameDocumentsGiveTheSameFiles() {
        let pages = (0..<50).map {
            document("/fr/\($0)/", title: "Page \($0)", body: "partenaires formation \($0) cancérologie")
        }
        let first = SearchIndexBuilder(language: "fr", shardBudget: 500).build(pages)
        let second = SearchIndexBuilder(language: "fr", shardBudget: 500).build(pages)
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.contents) == second.map(\.contents))
    }

    /// A typo shard's file name gives back its separator, so a build can keep the typo index's
    /// files and still list their separators in the manifest; names that do not carry one
    /// (`n<index>`, or not made by `shardName`) keep nothing.
    @Test func typoShardFilesNameTheirSeparators() {
        let separators = ["", "cab", "réseau", "συν", "ж"]
        let paths = separators.enumerated().map { "fr/search/k/\(SearchIndexBuilder.shardName($1, index: $0)).json" }
        #expect(SearchIndexBuilder.typoSeparators(ofFiles: paths.reversed()) == separators)
        #expect(SearchIndexBuilder.typoSeparators(ofFiles: paths + ["fr/search/k/n5.json"]) == nil)
        #expect(SearchIndexBuilder.typoSeparators(ofFiles: Array(paths.dropFirst())) == nil, "no first shard")
        #expect(SearchIndexBuilder.typoSeparators(ofFiles: paths + ["k/6G.json"]) == nil)
        #expect(SearchIndexBuilder.typoSeparators(ofFiles: paths + ["k/6A.json"]) == nil, "upper-case hex")
        #expect(SearchIndexBuilder.typoSeparators(ofFiles: paths + ["k/ff.json"]) == nil, "not UTF-8")
        #expect(SearchIndexBuilder.typoSeparators(ofFiles: paths + [paths[1]]) == nil, "a shard twice")
    }

    /// The typo index depends on the words alone: a build told its shards are kept writes none
    /// and the same manifest; the fingerprint it is asked with stays when only weights change
    /// and changes with a new word.
    @Test func keptTypoShardsFollowTheWordsNotTheWeights() throws {
        func pages(_ first: String) -> [SearchDocument] {
            (0..<60).map {
                document(
                    "/fr/\($0)/", title: "Page \($0)", body: $0 == 0 ? first : "partenaires formation réseau \($0)")
            }
        }
        func fingerprint(_ documents: [SearchDocument]) -> String {
            var asked = ""
            SearchIndexBuilder(language: "fr", shardBudget: 400).build(
                documents,
                keptTypoShards: {
                    asked = $0; return nil
                }
            ) { _ in }
            return asked
        }
        let original = pages("partenaires cancérologie")
        let built = SearchIndexBuilder(language: "fr", shardBudget: 400).build(original)
        let typo = built.filter { $0.path.hasPrefix("k/") }
        #expect(typo.count > 2)
        let manifest = try #require(try JSONSerialization.jsonObject(with: built[0].contents) as? [String: Any])
        let separators = SearchIndexBuilder.typoSeparators(ofFiles: typo.map(\.path).reversed())
        #expect(separators == manifest["k"] as? [String])

        var kept: [(path: String, contents: Data)] = []
        SearchIndexBuilder(language: "fr", shardBudget: 400).build(original, keptTypoShards: { _ in separators }) {
            kept += $0
        }
        #expect(!kept.contains { $0.path.hasPrefix("k/") })
        #expect(kept.map(\.path).sorted() == built.map(\.path).filter { !$0.hasPrefix("k/") }.sorted())
        #expect(kept.first { $0.path == "index.json" }?.contents == built[0].contents)

        let reweighted = pages("partenaires cancérologie cancérologie formation")
        #expect(fingerprint(reweighted) == fingerprint(original))
        #expect(fingerprint(pages("partenaires cancérologie radiothérapie")) != fingerprint(original))
        #expect(fingerprint(pages("partenaires cancérologie 2026")) == fingerprint(original), "numbers have no typos")
    }

    /// Words of hundreds of letters that share a long beginning (a hostile page) give separators
    /// too long for a file name: those shards are named by their index, and the words are found.
    @Test func longWordsGiveShortFileNames() throws {
        let stem = String(repeating: "x", count: 300)
        let body = (0..<40).map { stem + String(UnicodeScalar(UInt8(97 + $0 % 26))) + "\($0)" }.joined(separator: " ")
        let built = SearchIndexBuilder(language: "fr", shardBudget: 512).build([
            document("/fr/a/", title: "A", body: body)
        ])
        for (path, _) in built {
            #expect(path.split(separator: "/").allSatisfy { $0.utf8.count <= 255 }, "\(path)")
        }
        #expect(built.contains { $0.0.hasPrefix("t/n") }, "a long separator is named by its index")
        let index = files([document("/fr/a/", title: "A", body: body)], shardBudget: 512)
        #expect(scores(index, word: stem + "c2")[0] != nil)
    }
}
