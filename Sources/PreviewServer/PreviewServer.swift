import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// The live preview's HTTP/1.1 server (SwiftNIO's parser, not a hand-written one). It serves the
/// last good build from memory, so no request can reach a file outside the site: paths are looked
/// up in the build's own list of files, and `..`, encoded or not, is refused before that.
///
/// HTML responses get one extra script, `/__interact/reload.js`, which listens to
/// `/__interact/events` (Server-Sent Events): it reloads the tab after a rebuild, keeping the scroll
/// position, and shows build errors over the page. Files written to disk never contain it.
public struct PreviewServer: Sendable {
    public static let eventsPath = "/__interact/events"
    public static let scriptPath = "/__interact/reload.js"

    let host: String
    let port: Int
    let state: PreviewState
    let logger: Logger

    public init(host: String, port: Int, state: PreviewState, logger: Logger) {
        self.host = host
        self.port = port
        self.state = state
        self.logger = logger
    }

    /// Serves until the task is cancelled; `onBound` gets the port (useful with port 0).
    public func run(onBound: @Sendable (Int) -> Void) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        onBound(server.channel.localAddress?.port ?? port)
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await handle(connection) }
                }
            }
        }
    }

    private func handle(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead): head = requestHead
                    case .body: continue
                    case .end:
                        guard let request = head else { continue }
                        head = nil
                        if request.method == .GET,
                            request.uri.split(separator: "?").first.map(String.init)
                                == Self.eventsPath
                        {
                            try await streamEvents(outbound, version: request.version)
                            return
                        }
                        let response = await respond(to: request)
                        try await send(response, for: request, to: outbound)
                        if !request.isKeepAlive { return }
                    }
                }
            }
        } catch {
            logger.debug("connection ended: \(error)")
        }
    }

    /// A response before it is written: status, headers and body.
    struct Response {
        var status: HTTPResponseStatus
        var headers: [(String, String)] = []
        var body: Data = Data()
    }

    func respond(to request: HTTPRequestHead) async -> Response {
        guard request.method == .GET || request.method == .HEAD else {
            return Response(
                status: .methodNotAllowed, headers: [("Allow", "GET, HEAD"), ("Content-Type", "text/plain")],
                body: Data("Only GET and HEAD.\n".utf8))
        }
        guard let path = Self.sitePath(request.uri) else {
            return Response(
                status: .badRequest, headers: [("Content-Type", "text/plain; charset=utf-8")],
                body: Data("Bad path.\n".utf8))
        }
        if path == String(Self.scriptPath.dropFirst()) {
            return Response(
                status: .ok, headers: [("Content-Type", "text/javascript; charset=utf-8")],
                body: Data(ReloadScript.source.utf8))
        }
        let files = await state.files
        let candidate = path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
        if let body = files[candidate] {
            return Response(status: .ok, headers: [("Content-Type", Self.contentType(of: candidate))], body: body)
        }
        if !path.isEmpty, !path.hasSuffix("/"), files[path + "/index.html"] != nil {
            return Response(status: .movedPermanently, headers: [("Location", "/" + path + "/")])
        }
        // The reader's language's 404 page, as the shipped nginx configuration does.
        let language = path.split(separator: "/").first.map(String.init) ?? ""
        let notFound = files[language + "/404.html"] ?? files["404.html"] ?? Data("Not found.\n".utf8)
        return Response(status: .notFound, headers: [("Content-Type", "text/html; charset=utf-8")], body: notFound)
    }

    private func send(
        _ response: Response, for request: HTTPRequestHead,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var body = response.body
        let contentType = response.headers.first { $0.0 == "Content-Type" }?.1 ?? ""
        if contentType.hasPrefix("text/html") { body = Self.injectingReloadScript(body) }
        var headers = HTTPHeaders(response.headers)
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        if request.isKeepAlive { headers.add(name: "Connection", value: "keep-alive") }
        try await outbound.write(
            .head(HTTPResponseHead(version: request.version, status: response.status, headers: headers)))
        if request.method != .HEAD, !body.isEmpty {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
        }
        try await outbound.write(.end(nil))
    }

    private func streamEvents(
        _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, version: HTTPVersion
    ) async throws {
        let headers = HTTPHeaders([
            ("Content-Type", "text/event-stream"), ("Cache-Control", "no-store"), ("Connection", "keep-alive"),
        ])
        try await outbound.write(.head(HTTPResponseHead(version: version, status: .ok, headers: headers)))
        // A comment first, so the browser knows the stream is open.
        try await outbound.write(.body(.byteBuffer(ByteBuffer(string: ": connected\n\n"))))
        for await event in await state.subscribe() {
            let text: String
            switch event {
            case .reload(let generation): text = "event: reload\ndata: \(generation)\n\n"
            case .failure(let json): text = "event: failure\ndata: \(json)\n\n"
            }
            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: text))))
        }
        try await outbound.write(.end(nil))
    }

    /// The site-relative path of a request (`en/partners/`), or nil when it tries to leave the site:
    /// `..` or `.` segments, backslashes or NUL, in plain or percent-encoded form.
    static func sitePath(_ uri: String) -> String? {
        let rawPath = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard rawPath.hasPrefix("/"), let decoded = String(rawPath).removingPercentEncoding else { return nil }
        guard !decoded.contains("\\"), !decoded.contains("\0") else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard !segments.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        return String(decoded.dropFirst())
    }

    static func contentType(of path: String) -> String {
        let types = [
            "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
            "js": "text/javascript; charset=utf-8", "json": "application/json", "svg": "image/svg+xml",
            "xml": "application/xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
            "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
            "pdf": "application/pdf", "txt": "text/plain; charset=utf-8", "woff2": "font/woff2",
        ]
        let ext = path.split(separator: "/").last?.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return types[ext] ?? "application/octet-stream"
    }

    /// The page with the reload script added at the end of its head.
    static func injectingReloadScript(_ html: Data) -> Data {
        let tag = Data("<script src=\"\(scriptPath)\" defer></script>\n".utf8)
        guard let range = html.range(of: Data("</head>".utf8)) else { return html + tag }
        var result = html
        result.insert(contentsOf: tag, at: range.lowerBound)
        return result
    }
}
