import Foundation
import Yams

/// The programme's official figures that the content cannot count (33 partners, 17 countries,
/// 18 months), read from one data file, `data/figures.yaml`, with a label in every language of
/// config.yaml: the home page shows them beside the figures the build counts, and no template
/// holds a number or its wording.
///
/// ```yaml
/// figures:
///   - value: "33"
///     label: {en: partners in the consortium, fr: partenaires du consortium, …}
/// ```
public struct OfficialFigures: Sendable, Hashable {
    public static let file = "data/figures.yaml"

    /// One figure: its value as written (`33`) and its label by language code.
    public struct Figure: Sendable, Hashable {
        public var value: String
        public var labels: [String: String]

        public init(value: String, labels: [String: String]) {
            self.value = value
            self.labels = labels
        }
    }

    /// In the file's order, which is the order the home page shows them in.
    public var figures: [Figure]

    public init(figures: [Figure] = []) {
        self.figures = figures
    }

    /// Reads the file if the site has one (a site without it has no official figures); every
    /// problem is reported at its line, and a label missing in a configured language is an error,
    /// so that no reader sees a figure without its words.
    public static func load(
        from fileSystem: any FileSystem, languages: [String], diagnostics: inout DiagnosticList
    ) -> OfficialFigures {
        let stage = BuildStage.load
        guard let text = fileSystem.text(of: file),
            let root = YAMLObject.parse(text, file: file, stage: stage, diagnostics: &diagnostics)
        else { return OfficialFigures() }
        root.rejectUnknownKeys(allowed: ["figures"], in: file, stage: stage, diagnostics: &diagnostics)
        guard let node = root.value("figures"), !root.isNull(node) else { return OfficialFigures() }
        guard let list = node.sequence else {
            diagnostics.append(
                .error(
                    "`figures` must be a list.", at: root.position(of: node),
                    hint: "Write each figure as `- value: \"33\"` with `label:` below it, one text per language.",
                    stage: stage))
            return OfficialFigures()
        }
        var figures: [Figure] = []
        for item in list {
            guard let object = root.object(from: item, key: "figure", stage: stage, diagnostics: &diagnostics)
            else { continue }
            object.rejectUnknownKeys(
                allowed: ["value", "label"], in: "a figure", stage: stage, diagnostics: &diagnostics)
            guard let value = object.string("value", stage: stage, diagnostics: &diagnostics)?.nonEmpty else {
                diagnostics.append(
                    .error(
                        "A figure needs a `value`.", at: object.position,
                        hint: "Add `value: \"33\"` with the number as the programme publishes it.", stage: stage))
                continue
            }
            var labels: [String: String] = [:]
            if let labelObject = object.object("label", stage: stage, diagnostics: &diagnostics) {
                labelObject.rejectUnknownKeys(
                    allowed: languages, in: "the label of figure \(value)", stage: stage, diagnostics: &diagnostics)
                for code in languages {
                    if let label = labelObject.string(code, stage: stage, diagnostics: &diagnostics)?.nonEmpty {
                        labels[code] = label
                    }
                }
            }
            let missing = languages.filter { labels[$0] == nil }
            if !missing.isEmpty {
                diagnostics.append(
                    .error(
                        "Figure \(value) has no label in \(missing.joined(separator: ", ")).",
                        at: object.positionOfKey("label"),
                        hint:
                            "Add `\(missing[0]): …` under `label:`: every language of config.yaml shows the figure with its words.",
                        stage: stage))
                continue
            }
            figures.append(Figure(value: value, labels: labels))
        }
        return OfficialFigures(figures: figures)
    }
}
