import Foundation

/// How the build publishes images, set under `images:` in config.yaml: the widths a photo or logo
/// is resized to, the encoders' quality, the largest image accepted, and whether every page gets a
/// drawn share card for `og:image`.
///
/// A partner's 3 MB logo or a phone photo with its GPS position must never reach a visitor as it
/// is; the defaults suit the theme's layout, and each value is checked so that a typo is an error.
public struct ImageSettings: Sendable, Equatable {
    /// The width ladder, in pixels, ascending; an image is never made wider than it is.
    public var widths = [320, 640, 960, 1280, 1920]
    /// 1–100, for the lossy formats (AVIF, WebP, JPEG).
    public var quality = 75
    /// Images above this many megapixels are refused before they are decoded (a decompression bomb
    /// is a small file that would decode to gigabytes).
    public var maxMegapixels = 100
    /// Draw a 1200 × 630 share card for every page without an `image` of its own. Off unless
    /// asked for: a card costs about 40 ms to draw on a first build (then it is cached).
    public var shareCards = false

    public init() {}

    static let keys = ["widths", "quality", "maxMegapixels", "shareCards"]

    /// Reads the `images` block of config.yaml.
    static func read(_ object: YAMLObject, stage: BuildStage, diagnostics: inout DiagnosticList) -> ImageSettings {
        object.rejectUnknownKeys(allowed: keys, in: "images", stage: stage, diagnostics: &diagnostics)
        var settings = ImageSettings()
        if let node = object.value("widths"), !object.isNull(node) {
            let numbers = node.sequence?.compactMap { $0.scalar.flatMap { Int($0.string) } }
            if let numbers, numbers.count == node.sequence?.count, !numbers.isEmpty,
                numbers.allSatisfy({ (16...8192).contains($0) })
            {
                settings.widths = Array(Set(numbers)).sorted()
            } else {
                diagnostics.append(
                    .error(
                        "`images.widths` must be a list of widths in pixels, each from 16 to 8192.",
                        at: object.position(of: node), hint: "For example: `widths: [320, 640, 960, 1280, 1920]`.",
                        stage: stage))
            }
        }
        if let quality = object.int("quality", stage: stage, diagnostics: &diagnostics) {
            if (1...100).contains(quality) {
                settings.quality = quality
            } else {
                diagnostics.append(
                    .error(
                        "`images.quality` must be from 1 to 100, not \(quality).",
                        at: object.position(of: object.value("quality")!),
                        hint: "75 keeps photos sharp at a third of the size of 90; remove the line to use it.",
                        stage: stage))
            }
        }
        if let megapixels = object.int("maxMegapixels", stage: stage, diagnostics: &diagnostics) {
            if (1...1000).contains(megapixels) {
                settings.maxMegapixels = megapixels
            } else {
                diagnostics.append(
                    .error(
                        "`images.maxMegapixels` must be from 1 to 1000, not \(megapixels).",
                        at: object.position(of: object.value("maxMegapixels")!),
                        hint: "Remove the line to use the default, 100 (a 12,000 × 8,000 image).", stage: stage))
            }
        }
        if let shareCards = object.bool("shareCards", stage: stage, diagnostics: &diagnostics) {
            settings.shareCards = shareCards
        }
        return settings
    }
}
