import Foundation
import SiteCore

/// What the preview serves right now: the last good build, and the errors of the latest build if
/// it failed. Open tabs subscribe to hear about new builds and errors.
public actor PreviewState {
    /// A message for open tabs.
    public enum Event: Sendable, Equatable {
        /// A new build is ready: reload, keeping the scroll position.
        case reload(generation: Int)
        /// The latest build failed: show these problems over the page (a JSON array).
        case failure(json: String)
    }

    public private(set) var files: [String: Data] = [:]
    public private(set) var generation = 0
    private var failureJSON: String?
    private var subscribers: [Int: AsyncStream<Event>.Continuation] = [:]
    private var nextSubscriber = 0

    public init() {}

    /// A successful build: serve `files` and reload every tab (unless `reload` is false: work that
    /// follows a rebuild, such as the search index, changes no page a reader is looking at).
    public func publish(_ files: [String: Data], reload: Bool = true) {
        self.files = files
        guard reload else { return }
        generation += 1
        failureJSON = nil
        broadcast(.reload(generation: generation))
    }

    /// A failed build: keep serving the last good files, and show the problems.
    public func fail(_ diagnostics: [Diagnostic]) {
        let json = Self.json(diagnostics)
        failureJSON = json
        broadcast(.failure(json: json))
    }

    public var failure: String? { failureJSON }

    /// Events from now on; a tab that connects while the build is broken hears so at once.
    public func subscribe() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self)
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        if let failureJSON { continuation.yield(.failure(json: failureJSON)) }
        return stream
    }

    /// Ends every subscription, so that the server can stop.
    public func close() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    public var subscriberCount: Int { subscribers.count }

    private func unsubscribe(_ id: Int) {
        subscribers[id] = nil
    }

    private func broadcast(_ event: Event) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    static func json(_ diagnostics: [Diagnostic]) -> String {
        let items: [[String: Any]] = diagnostics.map { diagnostic in
            var item: [String: Any] = [
                "file": diagnostic.position.file, "line": diagnostic.position.line,
                "column": diagnostic.position.column, "severity": diagnostic.severity.rawValue,
                "message": diagnostic.message, "text": diagnostic.description,
            ]
            if let hint = diagnostic.hint { item["hint"] = hint }
            return item
        }
        let data = (try? JSONSerialization.data(withJSONObject: items, options: [.sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
