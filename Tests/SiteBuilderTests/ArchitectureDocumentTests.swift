import Foundation
import SiteBuilder
import SiteCore
import Testing

/// docs/architecture.md is kept true: its stage list is `BuildStep`'s, in order, each performed by
/// a type in a file of its name; its targets and their dependencies are Package.swift's.
@Suite struct ArchitectureDocumentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// `N. **name** (`Type`)` lines of the Stages section.
    static func documentedStages() throws -> [(name: String, performer: String)] {
        let document = try text("docs/architecture.md")
        let section = document.components(separatedBy: "## Stages")[1].components(separatedBy: "\n## ")[0]
        let pattern = try Regex(#"^\d+\. \*\*([^*]+)\*\* \(`([A-Za-z]+)`\)"#).anchorsMatchLineEndings()
        return section.matches(of: pattern).map { match in
            (String(match.output[1].substring!), String(match.output[2].substring!))
        }
    }

    @Test func stageListIsBuildStepsInOrder() throws {
        let documented = try Self.documentedStages()
        #expect(documented.map(\.name) == BuildStep.allCases.map(\.rawValue))
        #expect(documented.map(\.performer) == BuildStep.allCases.map(\.performer))
    }

    @Test func eachStageIsATypeInAFileOfItsName() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path)
        for step in BuildStep.allCases {
            let file = targets.lazy.map {
                sources.appendingPathComponent($0).appendingPathComponent(step.performer + ".swift")
            }
            .first { FileManager.default.fileExists(atPath: $0.path) }
            let declaration = try file.map { try String(contentsOf: $0, encoding: .utf8) } ?? ""
            #expect(
                declaration.contains("struct \(step.performer)") || declaration.contains("enum \(step.performer)"),
                "\(step.rawValue): no file \(step.performer).swift declaring it")
        }
    }

    @Test func checkRunsTheValidatingStagesOnly() throws {
        #expect(BuildStep.validating.last == .translationStatus)
        #expect(!BuildStep.renderPages.isValidating)
        // `validate` (what `check` calls) asserts it ran exactly the validating steps; a build
        // ran them all, in order.
        let site = Fixtures.fileSystem("sites/multilingual")
        _ = try SiteBuilder(context: Fixtures.context(site)).validate()
        let result = try SiteBuilder(context: Fixtures.context(site)).build()
        #expect(Array(result.steps.prefix(BuildStep.validating.count)) == BuildStep.validating)
    }

    @Test func aBuildRunsEveryStageInTheListedOrder() throws {
        let site = Fixtures.fileSystem("sites/multilingual")
        let result = try SiteBuilder(context: Fixtures.context(site)).build()
        #expect(result.steps == BuildStep.allCases)
    }

    /// Target → the local targets it depends on, from Package.swift.
    static func packageTargets() throws -> [String: [String]] {
        let manifest = try text("Package.swift")
        var targets: [String: [String]] = [:]
        let blocks =
            manifest.components(separatedBy: ".target(").dropFirst().map { ($0, false) }
            + manifest.components(separatedBy: ".executableTarget(").dropFirst().map { ($0, true) }
        for (block, _) in blocks {
            let body = block.components(separatedBy: "\n        .")[0]
            guard let name = body.firstMatch(of: #/name: "([^"]+)"/#)?.output.1 else { continue }
            let dependencies = body.firstMatch(of: #/dependencies: \[([^\]]*)\]/#).map { String($0.output.1) } ?? ""
            let local = dependencies.replacing(#/\.product\([^)]*\)/#, with: "")
                .matches(of: #/"([^"]+)"/#).map { String($0.output.1) }
            targets[String(name)] = local
        }
        return targets
    }

    @Test func targetsAndTheirDependenciesAreThePackages() throws {
        let document = try Self.text("docs/architecture.md")
        let section = document.components(separatedBy: "## Targets")[1]
        var documented: [String: [String]] = [:]
        for match in section.matches(of: #/### (\S+)\nDepends on: ([^\n]*)\n/#) {
            documented[String(match.output.1)] = String(match.output.2).matches(of: #/`([^`]+)`/#).map {
                String($0.output.1)
            }
        }
        let package = try Self.packageTargets()
        #expect(!package.isEmpty)
        #expect(documented.keys.sorted() == package.keys.sorted())
        for (target, dependencies) in package {
            #expect(documented[target]?.sorted() == dependencies.sorted(), "\(target)'s dependencies")
        }
    }
}
