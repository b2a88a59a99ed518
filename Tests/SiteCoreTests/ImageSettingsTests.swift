import SiteCore
import Testing

/// `images:` in config.yaml: defaults, values read, every mistake an error at its line.
@Suite struct ImageSettingsTests {
    let base =
        "title: T\nbaseURL: https://example.org/\ndefaultLanguage: en\ntheme: t\nlanguages:\n  en: {name: English}\n"

    func load(_ images: String) throws(BuildFailure) -> SiteConfig {
        try SiteConfig.load(from: InMemoryFileSystem(["config.yaml": base + images]))
    }

    func errors(_ images: String) -> [String] {
        do {
            _ = try load(images)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func defaultsWithoutTheBlock() throws {
        let settings = try load("").images
        #expect(settings.widths == [320, 640, 960, 1280, 1920] && settings.quality == 75)
        #expect(settings.maxMegapixels == 100 && !settings.shareCards)
    }

    @Test func valuesAreReadAndWidthsSorted() throws {
        let settings = try load(
            "images:\n  widths: [800, 400, 400]\n  quality: 60\n  maxMegapixels: 20\n  shareCards: true\n"
        )
        .images
        #expect(settings.widths == [400, 800] && settings.quality == 60)
        #expect(settings.maxMegapixels == 20 && settings.shareCards)
    }

    @Test func mistakesAreErrorsAtTheirLine() {
        #expect(
            errors("images:\n  widths: [320, big]\n").first?.hasPrefix(
                "config.yaml:8:11: error: `images.widths` must be a list of widths in pixels") == true)
        #expect(
            errors("images:\n  quality: 0\n").first?.hasPrefix(
                "config.yaml:8:12: error: `images.quality` must be from 1 to 100, not 0.") == true)
        #expect(errors("images:\n  qualty: 80\n").first?.contains("Unknown key `qualty`") == true)
        #expect(errors("images:\n  maxMegapixels: 5000\n").count == 1)
    }
}
