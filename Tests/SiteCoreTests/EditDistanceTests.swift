import SiteCore
import Testing

@Suite("EditDistance")
struct EditDistanceTests {
    @Test(
        "Levenshtein distance",
        arguments: [
            ("kitten", "sitting", 3),
            ("flaw", "lawn", 2),
            ("same", "same", 0),
            ("", "abc", 3),
            ("abc", "", 3),
            ("baseUrl", "baseURL", 2),
            ("titel", "title", 2),
            ("über", "uber", 1),
        ])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(EditDistance.distance(a, b) == expected)
        #expect(EditDistance.distance(b, a) == expected)
    }

    @Test("closest suggests a likely typo, ignoring case")
    func closestFindsTypo() {
        let keys = ["title", "baseURL", "defaultLanguage", "theme", "allowRawHTML", "languages", "params"]
        #expect(EditDistance.closest(to: "baseUrl", among: keys) == "baseURL")
        #expect(EditDistance.closest(to: "titel", among: keys) == "title")
        #expect(EditDistance.closest(to: "defaultLanguge", among: keys) == "defaultLanguage")
        #expect(EditDistance.closest(to: "langauges", among: keys) == "languages")
    }

    @Test("closest returns nil when nothing is close")
    func closestNil() {
        let keys = ["title", "baseURL", "theme"]
        #expect(EditDistance.closest(to: "colour", among: keys) == nil)
        #expect(EditDistance.closest(to: "xyzzy", among: keys) == nil)
        #expect(EditDistance.closest(to: "title", among: []) == nil)
    }

    @Test("Ties go to the first candidate")
    func ties() {
        #expect(EditDistance.closest(to: "cat", among: ["bat", "cut"]) == "bat")
        #expect(EditDistance.closest(to: "cat", among: ["cut", "bat"]) == "cut")
        #expect(EditDistance.closest(to: "cat", among: ["cut", "bat", "cat"]) == "cat")
    }
}
