import Foundation
import SiteCore

/// Writes one language's search index as small static files, so a query downloads only what it
/// needs:
///
/// - `index.json`: the manifest — page count, the term shards' separators (`t`), filters (section,
///   country) as page lists written as gaps;
/// - `t/<hex>.json`: term shards mapping folded word forms to terms and terms to
///   `[page gap, weight, page gap, weight, …]`. Forms are sorted (by UTF-8 bytes) and cut into
///   ranges by size (`shardBudget`), so no shard grows with the corpus and a query word needs
///   one shard (a prefix, the shards its forms span). Each shard is named by its separator, the
///   shortest prefix of its first form after the previous shard's last (hex of its UTF-8, `_` for
///   the first). A term too large for half a shard keeps its first part there and lists the rest
///   (`x`: files `t/<hex>-<n>.json`);
/// - `k/<hex>.json`: the typo index (`TypoIndex`), forms under their one-letter deletions (long
///   forms also under their first 8 letters with up to two), cut into ranges like the term shards
///   (separators in the manifest's `k`); a shard lists its forms once (`f`) and each key with
///   the numbers of its forms (`k`);
/// - `d/<n>.json`: page metadata for 4 pages each (title, URL, section, text cut at headings for
///   excerpts), fetched only for the results shown.
///
/// Weights are BM25 term weights computed here (k1 1.2, b 0.75) over fields weighted title 5,
/// headings 3, description 2, body 1, so the browser needs no page lengths: score = Σ idf × weight.
public struct SearchIndexBuilder: Sendable {
    public static let chunkSize = 4
    /// Estimated JSON bytes per term shard (about 8 KB once gzipped); a term whose postings pass
    /// half of it keeps the first part in its shard and the rest in files of their own.
    public static let defaultShardBudget = 20_000
    /// Text kept per page for excerpts.
    public static let excerptBudget = 400

    let language: String
    let shardBudget: Int

    public init(language: String, shardBudget: Int = defaultShardBudget) {
        self.language = language
        self.shardBudget = shardBudget
    }

    /// File name of shard `index` of a list (`t` or `k`) from its separator: hex of its UTF-8, so
    /// Greek and Cyrillic make plain names (see `RangeShards.fileName`).
    public static func shardName(_ separator: String, index: Int) -> String {
        RangeShards.fileName(separator, index: index)
    }

    /// `[page, weight, page, weight, …]` with each page written as the gap from the previous one
    /// (the first from 0), cut into JSON arrays of at most `partBudget` bytes, each starting from 0.
    static func encodePostings(_ postings: [Int], partBudget: Int) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var out: [UInt8] = [UInt8(ascii: "[")]
        var previous = 0
        for index in stride(from: 0, to: postings.count, by: 2) {
            if out.count > 1 {
                if out.count >= partBudget {
                    out.append(UInt8(ascii: "]"))
                    parts.append(out)
                    out = [UInt8(ascii: "[")]
                    previous = 0
                } else {
                    out.append(UInt8(ascii: ","))
                }
            }
            CompactJSON.integer(postings[index] - previous, into: &out)
            out.append(UInt8(ascii: ","))
            CompactJSON.integer(postings[index + 1], into: &out)
            previous = postings[index]
        }
        out.append(UInt8(ascii: "]"))
        parts.append(out)
        return parts
    }

    /// A sorted list of pages as gaps (the first from 0): long runs of small numbers compress well.
    static func gaps(_ pages: [Int]) -> [Int] {
        zip(pages, [0] + pages).map { $0 - $1 }
    }

    /// The files of the index, relative to the index folder, in a stable order (the manifest first).
    public func build(_ documents: [SearchDocument]) -> [(path: String, contents: Data)] {
        var files: [(path: String, contents: Data)] = []
        build(documents) { files += $0 }
        // The manifest is made last (it names the shards), and listed first.
        if let manifest = files.popLast() { files.insert(manifest, at: 0) }
        return files
    }

    /// The files of the index handed to `emit` as each part is made, in a stable order: the term
    /// shards, the typo index, the page metadata, then the manifest. A language's shards are not
    /// all held at once (on 10,000 pages, 45 MB of Greek at the build's peak).
    ///
    /// `keptTypoShards` is handed the fingerprint of what the typo index (`k/`) is made from (its
    /// words and shard size, not the pages' weights, so most edits leave it as it was) and returns
    /// the separators of typo shards the caller hands over itself (see `typoSeparators(ofFiles:)`),
    /// or nil to have them made.
    public func build(
        _ documents: [SearchDocument], keptTypoShards: (_ fingerprint: String) -> [String]? = { _ in nil },
        emit: ([(path: String, contents: Data)]) -> Void
    ) {
        // The terms' postings and the vocabularies are let go when the term shards are written,
        // before the typo index is made.
        let (forms, termSeparators) = termShards(documents, emit: emit)
        // What they held goes back to the system: the typo index is made on other threads,
        // which would not reuse it (each allocates from its own heap).
        FreedMemory.returnToSystem()
        // The typo index: its shards are about half a term shard, as a misspelt word needs a few.
        let words = TypoIndex.words(of: forms)
        let typoBudget = shardBudget / 2
        var fingerprint = StableHasher()
        fingerprint.combine(typoBudget)
        fingerprint.combine(words)
        var typoSeparators: [String] = []
        if let kept = keptTypoShards(fingerprint.hexDigest) {
            typoSeparators = kept
        } else {
            TypoIndex.shards(words: words, budget: typoBudget) { shards in
                emit(
                    shards.map { shard in
                        typoSeparators.append(shard.separator)
                        return (
                            "k/\(RangeShards.fileName(shard.separator, index: typoSeparators.count - 1)).json",
                            shard.contents
                        )
                    })
            }
        }
        emit(metadataFiles(documents))
        emit([("index.json", manifest(documents, termSeparators: termSeparators, typoSeparators: typoSeparators))])
    }

    /// The separators of the typo shards in `paths` (the `k/` files of an index, in any order),
    /// in the manifest's order; nil when a file's name does not carry its separator (a long one:
    /// `n<index>`) or the files are not a whole typo index.
    public static func typoSeparators(ofFiles paths: [String]) -> [String]? {
        var separators: [String] = []
        for path in paths {
            guard path.hasSuffix(".json"),
                let name = path.split(separator: "/").last.map({ String($0.dropLast(".json".count)) }),
                let separator = RangeShards.separator(fromFileName: name)
            else { return nil }
            separators.append(separator)
        }
        separators.sort(by: RangeShards.precedes)
        // A whole index starts with the shard named "_" and names each shard once.
        guard separators.first == "", zip(separators, separators.dropFirst()).allSatisfy(RangeShards.precedes) else {
            return nil
        }
        return separators
    }

    /// Analyses the pages and hands `emit` the term shards; returns the word forms in byte order
    /// (for the typo index) and the shards' separators.
    private func termShards(
        _ documents: [SearchDocument], emit: ([(path: String, contents: Data)]) -> Void
    ) -> (forms: [String], separators: [String]) {
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
        // Each term's postings as JSON, delta-encoded, in parts of at most `partBudget` bytes.
        let partBudget = shardBudget / 2
        let postingLists = postingsByNumber
        postingsByNumber = []
        let encoded = ParallelMap.chunks(count: terms.count) { range in
            range.map { Self.encodePostings(postingLists[$0], partBudget: partBudget) }
        }

        // Term shards: forms in byte order, cut by size; a shard holds its forms' terms' postings.
        var formTerms: [String: [Int]] = [:]
        for (term, forms) in formsOfTerm.enumerated() {
            for form in forms { formTerms[form, default: []].append(term) }
        }
        let forms = formTerms.keys.sorted(by: RangeShards.precedes)
        let formTermLists = forms.map { formTerms[$0]!.sorted { RangeShards.precedes(terms[$0], terms[$1]) } }
        formTerms = [:]
        var listed = RangeShards.Listed<Int>()
        let termShards = RangeShards.split(keys: forms, budget: shardBudget) { index, start in
            var size = forms[index].utf8.count + 6
            for term in formTermLists[index] {
                size += terms[term].utf8.count + 3
                if listed.isNew(term, inShardStarting: start) {
                    size += terms[term].utf8.count + 4 + encoded[term][0].count
                }
            }
            return size
        }
        let termJobs = termShards
        let termNames = terms
        emit(
            ParallelMap.chunks(count: termJobs.count) { range in
                range.flatMap { job -> [(String, Data)] in
                    let shard = termJobs[job]
                    let name = RangeShards.fileName(shard.separator, index: job)
                    var out: [UInt8] = Array("{\"f\":{".utf8)
                    var shardTerms = Set<Int>()
                    for (position, index) in shard.range.enumerated() {
                        if position > 0 { out.append(UInt8(ascii: ",")) }
                        CompactJSON.string(forms[index], into: &out)
                        out.append(UInt8(ascii: ":"))
                        CompactJSON.strings(formTermLists[index].map { termNames[$0] }, into: &out)
                        shardTerms.formUnion(formTermLists[index])
                    }
                    out += Array("},\"p\":{".utf8)
                    let ordered = shardTerms.sorted { RangeShards.precedes(termNames[$0], termNames[$1]) }
                    var extra: [(String, Data)] = []
                    var parts: [(term: String, names: [String])] = []
                    for (position, term) in ordered.enumerated() {
                        if position > 0 { out.append(UInt8(ascii: ",")) }
                        CompactJSON.string(termNames[term], into: &out)
                        out.append(UInt8(ascii: ":"))
                        out += encoded[term][0]
                        guard encoded[term].count > 1 else { continue }
                        var names: [String] = []
                        for part in encoded[term].dropFirst() {
                            names.append("\(name)-\(extra.count + 1)")
                            extra.append(("t/\(names.last!).json", Data(part)))
                        }
                        parts.append((termNames[term], names))
                    }
                    out.append(UInt8(ascii: "}"))
                    if !parts.isEmpty {
                        out += Array(",\"x\":{".utf8)
                        for (position, part) in parts.enumerated() {
                            if position > 0 { out.append(UInt8(ascii: ",")) }
                            CompactJSON.string(part.term, into: &out)
                            out.append(UInt8(ascii: ":"))
                            CompactJSON.strings(part.names, into: &out)
                        }
                        out.append(UInt8(ascii: "}"))
                    }
                    out.append(UInt8(ascii: "}"))
                    return [("t/\(name).json", Data(out))] + extra
                }
            })
        return (forms, termShards.map(\.separator))
    }

    /// The page metadata files, `chunkSize` pages each.
    private func metadataFiles(_ documents: [SearchDocument]) -> [(path: String, contents: Data)] {
        let starts = Array(stride(from: 0, to: documents.count, by: Self.chunkSize))
        return ParallelMap.chunks(count: starts.count) { range in
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
    }

    /// `index.json`: the page count, the shards' separators and the filters.
    private func manifest(_ documents: [SearchDocument], termSeparators: [String], typoSeparators: [String]) -> Data {
        var sections: [String: [Int]] = [:]
        var countries: [String: (name: String, pages: [Int])] = [:]
        for (page, document) in documents.enumerated() {
            sections[document.section, default: []].append(page)
            if let country = document.country {
                countries[country.code, default: (country.name, [])].pages.append(page)
            }
        }
        let manifest: [String: Any] = [
            "v": 2, "lang": language, "n": documents.count, "chunk": Self.chunkSize,
            "t": termSeparators,
            "k": typoSeparators,
            "filters": [
                "section": sections.keys.sorted().map {
                    ["value": $0, "label": $0, "pages": Self.gaps(sections[$0]!)]
                },
                "country": countries.sorted { $0.value.name < $1.value.name }.map {
                    ["value": $0.key, "label": $0.value.name, "pages": Self.gaps($0.value.pages)]
                },
            ],
        ]
        return Self.json(manifest)
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
