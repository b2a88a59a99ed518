import Foundation
import Logging
import ShortLinks
import SiteBuilder
import SiteCore
import SiteOutput

/// `serve`: builds the site, serves it, and rebuilds what changed whenever a source file is saved.
///
/// Stages per save: the watcher's batch of paths → `IncrementalBuilder.rebuild` → changed files
/// written to the output folder → open tabs told to reload (or shown the errors, while the last good
/// build stays served) → deferred work (feeds, search index) → written too.
public struct LivePreview: Sendable {
    public var source: String
    public var output: String
    public var host: String
    public var port: Int
    public var includeDrafts: Bool
    public var logger: Logger
    /// Lines for the person at the terminal.
    public var say: @Sendable (String) -> Void

    public init(
        source: String, output: String, host: String, port: Int, includeDrafts: Bool, logger: Logger,
        say: @escaping @Sendable (String) -> Void
    ) {
        self.source = source
        self.output = output
        self.host = host
        self.port = port
        self.includeDrafts = includeDrafts
        self.logger = logger
        self.say = say
    }

    /// Runs until the task is cancelled (SIGINT, SIGTERM); `onBound` gets the server's address.
    public func run(onBound: @escaping @Sendable (String) -> Void) async throws {
        let folder = LocalFileSystem(root: source)
        var context = BuildContext(source: folder, logger: logger, includeDrafts: includeDrafts)
        context.imageCache = folder.root.appendingPathComponent(".cache/images")
        let builder = IncrementalBuilder(context: context)
        let state = PreviewState()
        if let failure = firstBuild(builder) {
            report(failure)
            await state.fail(failure.diagnostics)
        }
        await state.publish(builder.files)

        guard let watcher = FileWatcher(root: source) else { throw PreviewError.cannotWatch }
        let server = PreviewServer(host: host, port: port, state: state, logger: logger)
        let host = self.host
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await server.run { port in onBound("http://\(host):\(port)/") }
            }
            // The preview writes the QR ledger itself when pages are added; that write is not an edit.
            let ledgerPath = URL(fileURLWithPath: source).appendingPathComponent(ShortLinkLedger.file).path
            var ledger = try? String(contentsOfFile: ledgerPath, encoding: .utf8)
            // One queue for saves and for "nothing happened for a while": deferred work (feeds,
            // search) runs when the writer pauses, so it never delays showing the next edit.
            let (inputs, input) = AsyncStream.makeStream(of: PreviewInput.self)
            group.addTask {
                for await changed in watcher.changes() { input.yield(.changed(changed)) }
                input.finish()
            }
            var rebuilds = 0
            for await next in inputs {
                let changed: [String]
                switch next {
                case .changed(let paths): changed = paths
                case .idle(let after):
                    // The writer paused: feeds and search catch up on another thread.
                    if after == rebuilds, let job = builder.deferredJob() {
                        Task.detached { input.yield(.deferredDone(job.run(), job)) }
                    }
                    continue
                case .deferredDone(let files, let job):
                    if let update = builder.apply(files, of: job) {
                        writeDeferred(update)
                        await state.publish(builder.files, reload: false)
                    }
                    continue
                }
                var batch = changed
                if batch.contains(ShortLinkLedger.file),
                    (try? String(contentsOfFile: ledgerPath, encoding: .utf8)) == ledger
                {
                    batch.removeAll { $0 == ShortLinkLedger.file }
                }
                guard !batch.isEmpty else { continue }
                await rebuild(batch, builder: builder, state: state)
                ledger = try? String(contentsOfFile: ledgerPath, encoding: .utf8)
                rebuilds += 1
                if builder.hasDeferredWork {
                    let after = rebuilds
                    Task {
                        try? await Task.sleep(for: Self.idleDelay)
                        input.yield(.idle(after: after))
                    }
                }
            }
            // Cancelled: end the event streams so open connections close, then the server.
            input.finish()
            watcher.stop()
            await state.close()
            group.cancelAll()
        }
    }

    /// The first, full build, written with `OutputWriter` (a temporary folder swapped in); nil when it worked.
    private func firstBuild(_ builder: IncrementalBuilder) -> BuildFailure? {
        let started = ContinuousClock.now
        do {
            let update = try builder.build()
            try OutputWriter(destination: output, source: source).write(
                builder.files.map { OutputFile(path: $0.key, contents: $0.value) })
            recordLedger(update)
            // Counted as `build` counts: its stand-ins for untranslated sections are not pages of their own.
            let pages = update.pages?.summary ?? "\(update.pagesRendered) pages"
            say("Built \(pages) in \(Self.format(ContinuousClock.now - started)).")
            return nil
        } catch {
            return error
        }
    }

    /// One rebuild, its files written; the failure when it did not build.
    private func rebuildAndWrite(
        _ changed: [String], builder: IncrementalBuilder
    ) -> Result<
        IncrementalBuilder.Update, BuildFailure
    > {
        let started = ContinuousClock.now
        do {
            let update = try builder.rebuild(changed: changed)
            try apply(update)
            recordLedger(update)
            say(
                "\(changed.joined(separator: ", ")): \(update.pagesRendered) page\(update.pagesRendered == 1 ? "" : "s") rendered, \(update.written.count) files written, \(update.removed.count) removed in \(Self.format(ContinuousClock.now - started))."
            )
            return .success(update)
        } catch {
            return .failure(error)
        }
    }

    private func rebuild(_ changed: [String], builder: IncrementalBuilder, state: PreviewState) async {
        switch rebuildAndWrite(changed, builder: builder) {
        case .failure(let failure):
            report(failure)
            await state.fail(failure.diagnostics)
        case .success:
            await state.publish(builder.files)
        }
    }

    /// How long the writer must pause before the deferred work of body edits runs.
    static let idleDelay = Duration.milliseconds(300)

    private func writeDeferred(_ update: IncrementalBuilder.Update) {
        do {
            try apply(update)
        } catch {
            report(error)
        }
    }

    /// Writes and deletes the files an update names; each file is replaced atomically.
    private func apply(_ update: IncrementalBuilder.Update) throws(BuildFailure) {
        let root = URL(fileURLWithPath: output)
        for file in update.written {
            let url = root.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url, options: .atomic)
            } catch {
                throw BuildFailure(diagnostics: [
                    .error(
                        "Could not write \(url.path): \(error.localizedDescription)",
                        at: SourcePosition(file: output), hint: "Check that the output folder is writable.",
                        stage: .write)
                ])
            }
        }
        for path in update.removed {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(path))
        }
    }

    private func recordLedger(_ update: IncrementalBuilder.Update) {
        guard let ledger = update.ledgerUpdate else { return }
        if (try? LocalFileSystem(root: source).write(Data(ledger.utf8), to: ShortLinkLedger.file)) != nil {
            for note in update.ledgerNotes { say(note) }
            say("Updated \(ShortLinkLedger.file); commit it.")
        }
    }

    private func report(_ failure: BuildFailure) {
        let errors = failure.diagnostics.filter { $0.severity == .error }
        say(errors.map(\.description).joined(separator: "\n"))
        say("The build failed; still serving the last good version. Fix the file and save.")
    }

    static func format(_ duration: Duration) -> String {
        let milliseconds =
            Double(duration.components.seconds) * 1000
            + Double(duration.components.attoseconds) / 1e15
        return milliseconds < 1000 ? "\(Int(milliseconds)) ms" : String(format: "%.2f s", milliseconds / 1000)
    }
}

/// What the preview's loop reacts to.
enum PreviewInput: Sendable {
    /// Paths saved.
    case changed([String])
    /// Nothing was saved for a while after rebuild number `after`.
    case idle(after: Int)
    /// Deferred work finished on another thread.
    case deferredDone([OutputFile], IncrementalBuilder.DeferredJob)
}
