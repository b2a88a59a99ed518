import CStemmer
import Foundation

/// Snowball stemming (libstemmer) for the EU languages it covers; the only code that sees
/// libstemmer. Not thread-safe, like the C library: make one per thread.
public final class Stemmer {
    /// Language code → Snowball algorithm. bg cs et hr lv mt pl sk sl have none here: their words
    /// are indexed folded but unstemmed, and found by prefix.
    public static let algorithms: [String: String] = [
        "da": "danish", "de": "german", "el": "greek", "en": "english", "es": "spanish", "fi": "finnish",
        "fr": "french", "ga": "irish", "hu": "hungarian", "it": "italian", "lt": "lithuanian", "nl": "dutch",
        "pt": "portuguese", "ro": "romanian", "sv": "swedish",
    ]

    private let stemmer: OpaquePointer

    /// nil when Snowball has no stemmer for the language.
    public init?(language: String) {
        let code = language.split(separator: "-").first.map(String.init) ?? language
        guard let algorithm = Self.algorithms[code], let stemmer = sb_stemmer_new(algorithm, "UTF_8") else {
            return nil
        }
        self.stemmer = stemmer
    }

    deinit { sb_stemmer_delete(stemmer) }

    /// The stem of a lower-case word.
    public func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        let result = bytes.withUnsafeBufferPointer { buffer -> String? in
            guard let pointer = sb_stemmer_stem(stemmer, buffer.baseAddress, Int32(buffer.count)) else { return nil }
            let length = Int(sb_stemmer_length(stemmer))
            return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
        }
        return result ?? word
    }
}
