import Foundation
import SiteCore

/// Writes one language's search index as small static files, so a query downloads only what it
/// needs:
///
/// - `index.json`: the manifest — page count, shard names, filters (section, country) as page lists;
/// - `t/<hex>.json`: term shards mapping folded word forms to terms and terms to
///   `[page, weight, page, weight, …]`, one per first letter of the forms, split by the first two
///   letters when larger than `shardBudget` (so small sites have few files and a frequent letter
///   never makes a huge one); the manifest maps each prefix to its shard;
/// - `d/<n>.json`: page metadata for 4 pages each (title, URL, section, text cut at headings for
///   excerpts), fetched only for the results shown.
///
/// Weights are BM25 term weights computed here (k1 1.2, b 0.75) over fields weighted title 5,
/// headings 3, description 2, body 1, so the browser needs no page lengths: score = Σ idf × weight.
public struct SearchIndexBuilder: Sendable {
    public static let chunkSize = 4
    /// A one-letter shard larger than this (in JSON bytes) is split by two-letter prefixes.
    public static let shardBudget = 16_000
    /// Text kept per page for excerpts.
    public static let excerptBudget = 400

    let language: String

    public init(language: String) {
        self.language = language
    }

    /// File name of a prefix: hex of its UTF-8, so Greek and Cyrillic prefixes make plain names.
    public static func shardName(_ prefix: String) -> String {
        prefix.utf8.map { String(format: "%02x", $0) }.joined()
    }

    /// The files of the index, relative to the index folder, in a stable order.
    public func build(_ documents: [SearchDocument]) -> [(path: String, contents: Data)] {
        // Pages are analysed on every core in chunks, each with its own vocabulary (a stemmer is
        // not shared between threads); the chunks' terms are merged in page order.
        let language = self.language
        let chunks = ParallelMap.chunks(count: documents.count, perCore: 1) { range in
            var vocabulary = Vocabulary(language: language)
            var pages: [[(term: Int32, weight: Int32)]] = []
            for index in range {
                let document = documents[index]
                vocabulary.add(document.title, weight: 5)
                vocabulary.add(document.description, weight: 2)
                for segment in document.segments {
                    if let heading = segment.heading { vocabulary.add(heading, weight: 3) }
                    vocabulary.add(segment.text, weight: 1)
                }
                pages.append(vocabulary.endPage())
            }
            return [(vocabulary, pages)]
        }
        // Global term numbers, in order of first appearance.
        var termNumbers: [String: Int] = [:]
        var terms: [String] = []
        var formsOfTerm: [Set<String>] = []
        var globalNumbers: [[Int]] = []
        var lengths: [Double] = []
        for (vocabulary, pages) in chunks {
            let global = vocabulary.terms.map { term -> Int in
                if let number = termNumbers[term] { return number }
                termNumbers[term] = terms.count
                terms.append(term)
                formsOfTerm.append([])
                return terms.count - 1
            }
            globalNumbers.append(global)
            for (term, form) in vocabulary.termForms {
                formsOfTerm[global[Int(term)]].insert(vocabulary.forms[Int(form)])
            }
            // Weights are whole numbers: the sums are exact in any order.
            for page in pages { lengths.append(Double(page.reduce(0) { $0 + Int($1.weight) })) }
        }
        let averageLength = max(1, lengths.reduce(0, +) / Double(max(1, lengths.count)))
        let k1 = 1.2
        let b = 0.75
        var postingsByNumber = [[Int]](repeating: [], count: terms.count)
        var page = 0
        for ((_, pages), global) in zip(chunks, globalNumbers) {
            for entries in pages {
                let norm = k1 * (1 - b + b * lengths[page] / averageLength)
                for (term, weight) in entries {
                    let frequency = Double(weight)
                    let score = frequency * (k1 + 1) / (frequency + norm)
                    postingsByNumber[global[Int(term)]].append(page)
                    postingsByNumber[global[Int(term)]].append(Int((score * 100).rounded()))
                }
                page += 1
            }
        }
        let postings = Dictionary(uniqueKeysWithValues: zip(terms, postingsByNumber))

        // Shards: every form goes to the shard of its first letter(s), with the postings of its terms.
        typealias Shard = [String: [String]]  // form → terms
        @Sendable func shard(_ forms: Shard) -> Data {
            var terms: [String: [Int]] = [:]
            for term in forms.values.joined() { terms[term] = postings[term] }
            var out: [UInt8] = Array("{\"f\":".utf8)
            CompactJSON.object(forms, into: &out) { CompactJSON.strings($0.sorted(), into: &$1) }
            out += Array(",\"p\":".utf8)
            CompactJSON.object(terms, into: &out) { CompactJSON.integers($0, into: &$1) }
            out.append(UInt8(ascii: "}"))
            return Data(out)
        }
        /// JSON size of a shard without writing it, to decide whether to split it.
        func estimatedSize(_ forms: Shard) -> Int {
            var size = 16
            var seen = Set<String>()
            for (form, terms) in forms {
                size += form.utf8.count + 6
                for term in terms {
                    size += term.utf8.count + 3
                    if seen.insert(term).inserted { size += term.utf8.count + 4 + (postings[term]?.count ?? 0) * 4 }
                }
            }
            return size
        }
        var byFirstLetter: [String: Shard] = [:]
        for (term, forms) in zip(terms, formsOfTerm) {
            for form in forms { byFirstLetter[String(form.prefix(1)), default: [:]][form, default: []].append(term) }
        }
        var shardForms: [(prefix: String, forms: Shard)] = []
        for (letter, forms) in byFirstLetter {
            if estimatedSize(forms) <= Self.shardBudget {
                shardForms.append((letter, forms))
                continue
            }
            var byTwoLetters: [String: Shard] = [:]
            for (form, terms) in forms { byTwoLetters[String(form.prefix(2)), default: [:]][form] = terms }
            shardForms += byTwoLetters.map { ($0.key, $0.value) }
        }
        shardForms.sort { $0.prefix < $1.prefix }
        // Shards and page metadata are written on every core.
        let jobs = shardForms
        var files: [(String, Data)] = ParallelMap.chunks(count: jobs.count) { range in
            range.map { ("t/\(Self.shardName(jobs[$0].prefix)).json", shard(jobs[$0].forms)) }
        }
        let starts = Array(stride(from: 0, to: documents.count, by: Self.chunkSize))
        files += ParallelMap.chunks(count: starts.count) { range in
            range.map { job -> (String, Data) in
                let start = starts[job]
                var out: [UInt8] = [UInt8(ascii: "[")]
                for (index, document) in documents[start..<min(documents.count, start + Self.chunkSize)].enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    metadata(document, into: &out)
                }
                out.append(UInt8(ascii: "]"))
                return ("d/\(start / Self.chunkSize).json", Data(out))
            }
        }

        var sections: [String: [Int]] = [:]
        var countries: [String: (name: String, pages: [Int])] = [:]
        for (page, document) in documents.enumerated() {
            sections[document.section, default: []].append(page)
            if let country = document.country {
                countries[country.code, default: (country.name, [])].pages.append(page)
            }
        }
        let manifest: [String: Any] = [
            "v": 1, "lang": language, "n": documents.count, "chunk": Self.chunkSize,
            "shards": Dictionary(uniqueKeysWithValues: shardForms.map { ($0.prefix, Self.shardName($0.prefix)) }),
            "filters": [
                "section": sections.keys.sorted().map { ["value": $0, "label": $0, "pages": sections[$0]!] },
                "country": countries.sorted { $0.value.name < $1.value.name }.map {
                    ["value": $0.key, "label": $0.value.name, "pages": $0.value.pages]
                },
            ],
        ]
        files.insert(("index.json", Self.json(manifest)), at: 0)
        return files
    }

    /// `{"d","g","l"?,"ln"?,"s","t","u"}`: description, segments `[id, heading, text]`, language and
    /// its name (only for pages in another language), section, title, URL.
    private func metadata(_ document: SearchDocument, into out: inout [UInt8]) {
        var budget = Self.excerptBudget
        var segments: [[String]] = []
        for segment in document.segments where budget > 0 {
            let text = String(segment.text.prefix(budget))
            budget -= text.count
            segments.append([segment.headingID ?? "", segment.heading ?? "", text])
        }
        var fields: [(String, (inout [UInt8]) -> Void)] = [
            ("d", { CompactJSON.string(document.description, into: &$0) }),
            (
                "g",
                { out in
                    out.append(UInt8(ascii: "["))
                    for (index, segment) in segments.enumerated() {
                        if index > 0 { out.append(UInt8(ascii: ",")) }
                        CompactJSON.strings(segment, into: &out)
                    }
                    out.append(UInt8(ascii: "]"))
                }
            ),
        ]
        if document.language != language {
            fields.append(("l", { CompactJSON.string(document.language, into: &$0) }))
            fields.append(("ln", { CompactJSON.string(document.languageName, into: &$0) }))
        }
        fields += [
            ("s", { CompactJSON.string(document.section, into: &$0) }),
            ("t", { CompactJSON.string(document.title, into: &$0) }),
            ("u", { CompactJSON.string(document.url, into: &$0) }),
        ]
        out.append(UInt8(ascii: "{"))
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            CompactJSON.string(field.0, into: &out)
            out.append(UInt8(ascii: ":"))
            field.1(&out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func json(_ value: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
