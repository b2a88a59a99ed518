/// The words of a run of pages, for the index: each distinct spelling is analysed once (lower-cased,
/// stemmed, folded) and numbered, so counting a word on a page costs one hash of its UTF-8 bytes.
/// Swift's own String hashing normalises Unicode first, which made Greek and Polish pages the
/// slowest part of a build.
struct Vocabulary {
    private let analyzer: TextAnalyzer
    /// Term and form spellings by number.
    private(set) var terms: [String] = []
    private(set) var forms: [String] = []
    /// The (term, form) pair of every spelling seen whose term is not empty.
    private(set) var termForms: [(term: Int32, form: Int32)] = []

    private var termNumbers: [String: Int32] = [:]
    private var formNumbers: [String: Int32] = [:]
    private var wordNumbers: [WordBytes: Int32] = [:]
    /// Term number of each spelling; -1 when it has no term (nothing left after analysis).
    private var termOfWord: [Int32] = []
    /// This page's weight per term number, and which entries are not zero.
    private var pageWeights: [Int32] = []
    private var touched: [Int32] = []
    private var word = WordBytes()
    /// Whether a BMP scalar belongs to a word: 0 not looked up yet, 1 yes, 2 no.
    private var scalarKinds = [UInt8](repeating: 0, count: 0x1_0000)

    init(language: String) {
        analyzer = TextAnalyzer(language: language)
    }

    /// Counts the words of `text` on the current page with `weight` each.
    mutating func add(_ text: String, weight: Int32) {
        var text = text
        text.makeContiguousUTF8()
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var index = 0
            var nonASCII = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                        word.bytes.append(byte)
                    } else if byte >= 0x41 && byte <= 0x5A {
                        word.bytes.append(byte + 0x20)
                    } else if !word.bytes.isEmpty {
                        count(nonASCII: nonASCII, weight: weight)
                        nonASCII = false
                    }
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                if isWordScalar(value) {
                    word.bytes.append(contentsOf: bytes[index..<(index + length)])
                    nonASCII = true
                } else if !word.bytes.isEmpty {
                    count(nonASCII: nonASCII, weight: weight)
                    nonASCII = false
                }
                index += length
            }
            if !word.bytes.isEmpty { count(nonASCII: nonASCII, weight: weight) }
        }
    }

    /// The current page's terms with their summed weights; starts the next page.
    mutating func endPage() -> [(term: Int32, weight: Int32)] {
        let page = touched.map { (term: $0, weight: pageWeights[Int($0)]) }
        for term in touched { pageWeights[Int(term)] = 0 }
        touched.removeAll(keepingCapacity: true)
        return page
    }

    private mutating func count(nonASCII: Bool, weight: Int32) {
        defer { word.bytes.removeAll(keepingCapacity: true) }
        let number: Int32
        if let known = wordNumbers[word] {
            number = known
        } else {
            number = Int32(termOfWord.count)
            wordNumbers[WordBytes(bytes: word.bytes)] = number
            let spelling = String(decoding: word.bytes, as: UTF8.self)
            let lowered = nonASCII ? spelling.lowercased() : spelling
            let term = analyzer.term(lowered)
            guard !term.isEmpty else {
                termOfWord.append(-1)
                return
            }
            let termNumber = Self.number(of: term, in: &termNumbers, list: &terms)
            if Int(termNumber) == pageWeights.count { pageWeights.append(0) }
            let formNumber = Self.number(of: analyzer.form(lowered), in: &formNumbers, list: &forms)
            termOfWord.append(termNumber)
            termForms.append((termNumber, formNumber))
        }
        let term = termOfWord[Int(number)]
        guard term >= 0 else { return }
        if pageWeights[Int(term)] == 0 { touched.append(term) }
        pageWeights[Int(term)] += weight
    }

    private static func number(of text: String, in numbers: inout [String: Int32], list: inout [String]) -> Int32 {
        if let number = numbers[text] { return number }
        let number = Int32(list.count)
        numbers[text] = number
        list.append(text)
        return number
    }

    /// Letters, digits and combining marks make words (as in `TextAnalyzer.words`).
    private mutating func isWordScalar(_ value: UInt32) -> Bool {
        if value < 0x1_0000, scalarKinds[Int(value)] != 0 { return scalarKinds[Int(value)] == 1 }
        let isWord = Unicode.Scalar(value).map { TextAnalyzer.isWordScalar($0) } ?? false
        if value < 0x1_0000 { scalarKinds[Int(value)] = isWord ? 1 : 2 }
        return isWord
    }
}

/// A word's UTF-8 bytes as a dictionary key, hashed as bytes.
struct WordBytes: Hashable {
    var bytes: [UInt8] = []

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
