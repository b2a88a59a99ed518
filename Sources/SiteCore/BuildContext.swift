import Foundation
import Logging

/// What a build needs from the outside world, passed in rather than reached for globally,
/// so tests can build a site held in memory with a silent logger and a fixed clock.
public struct BuildContext: Sendable {
    /// The site's source folder: config.yaml, content/, themes/, layouts/, static/, i18n/.
    public var source: any FileSystem
    public var logger: Logger
    /// Include pages marked `draft: true`.
    public var includeDrafts: Bool
    /// Replaces the config's `baseURL` (e.g. for a preview host).
    public var baseURLOverride: String?
    /// Told how far rendering has got, for a progress display on long builds.
    public var progress: (@Sendable (BuildProgress) -> Void)?
    /// 1 builds on one thread (to check that parallel builds give the same bytes); otherwise
    /// stages spread over every core.
    public var threads = 0
    /// The moment of the build, the only thing the output takes from the clock: which events are
    /// still to come or past (event lists, the home page, `upcoming.ics`). Always passed in: the
    /// commands take it from `--now` or `SOURCE_DATE_EPOCH` (see `BuildDate`), else read the clock
    /// themselves; tests pass a fixed one. The library never reads the clock, so the same input
    /// and moment give the same bytes.
    public var now: Date
    /// Where encoded images and share cards are kept between builds (`.cache/images/` of the
    /// source folder for the commands); nil encodes every image on every build.
    public var imageCache: URL?
    /// Makes the print editions' PDFs (`WeasyPrint` in the command); nil makes their HTML only,
    /// as tests and the live preview do.
    public var pdfMaker: (any PDFMaking)?

    public init(
        source: any FileSystem, logger: Logger = Logger(label: "interact-site"), includeDrafts: Bool = false,
        baseURLOverride: String? = nil, progress: (@Sendable (BuildProgress) -> Void)? = nil, now: Date
    ) {
        self.source = source
        self.logger = logger
        self.includeDrafts = includeDrafts
        self.baseURLOverride = baseURLOverride
        self.progress = progress
        self.now = now
    }
}

/// How far a build has got: `completed` of `total` items of a stage.
public struct BuildProgress: Sendable {
    public var stage: BuildStage
    public var completed: Int
    public var total: Int

    public init(stage: BuildStage, completed: Int, total: Int) {
        self.stage = stage
        self.completed = completed
        self.total = total
    }
}
