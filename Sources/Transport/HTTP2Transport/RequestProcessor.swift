import APICore
import JSONRPC
import Logging
import NIOCore
import NIOHTTP1

/// Answers one HTTP request, the same way on HTTP/1.1 and HTTP/2: token check, JSON-RPC POST with the
/// size limit enforced before buffering, extra streaming routes, 404 for anything else.
struct RequestProcessor: Sendable {
    /// What the connection should do after a response.
    enum Disposition: Sendable {
        /// The request was read to its end; the HTTP/1.1 connection may serve another.
        case keepAlive
        /// Close the connection (HTTP/1.1) or reset the stream (HTTP/2): the body was not read to its end,
        /// or the client asked to close.
        case close
    }

    let rpc: RPCServer
    let paths: Set<String>
    let routes: [any HTTPStreamRoute]
    let sizeLimitKey: String
    /// The body limit for callers without a token.
    let unauthenticatedRequestBytes: Int
    /// What the bodies of callers without a token may hold in memory at once, over all connections.
    let unauthenticated: ByteBudget
    let logger: Logger

    /// Bodies of refused requests (401, 404) up to this size are read and dropped to keep an HTTP/1.1
    /// connection usable; larger ones close it.
    static let discardLimit = 1 << 20

    func process(_ head: HTTPRequestHead, parts: InboundParts, responder: HTTPResponder) async throws -> Disposition {
        let target = RequestTarget(uri: head.uri)
        let keepAlive = responder.isHTTP2 || head.isKeepAlive
        guard let permissions = rpc.authenticate(authorization: Self.authorization(of: head, target: target)) else {
            return try await refuse(status: 401, body: [], contentType: nil, parts: parts, responder: responder, keepAlive: keepAlive)
        }

        if paths.contains(target.path) {
            guard head.method == .POST else {
                let text = "JSON-RPC on \(target.path) takes POST, or GET with a websocket upgrade over HTTP/1.1\n"
                return try await refuse(
                    status: 405, body: Array(text.utf8), contentType: "text/plain; charset=utf-8", parts: parts, responder: responder,
                    keepAlive: keepAlive)
            }
            let anonymous = rpc.checksTokens && Self.authorization(of: head, target: target) == nil
            return try await serveRPC(
                head, permissions: permissions, anonymous: anonymous, parts: parts, responder: responder, keepAlive: keepAlive)
        }

        let method = head.method.rawValue
        if let route = routes.first(where: { $0.matches(method: method, path: target.path) }) {
            let request = HTTPStreamRequest(
                method: method, path: target.path, query: target.query,
                headers: head.headers.map { (name: $0.name, value: $0.value) }, permissions: permissions,
                httpVersion: responder.isHTTP2 ? 2 : 1)
            return try await serveRoute(route, request: request, head: head, parts: parts, responder: responder, keepAlive: keepAlive)
        }

        let text = "404 page not found\n"
        return try await refuse(
            status: 404, body: Array(text.utf8), contentType: "text/plain; charset=utf-8", parts: parts, responder: responder,
            keepAlive: keepAlive)
    }

    /// The `Authorization` value of a request: the header, else `?token=` as a bearer token (go-jsonrpc).
    static func authorization(of head: HTTPRequestHead, target: RequestTarget? = nil) -> String? {
        if let header = head.headers.first(name: "authorization"), !header.isEmpty { return header }
        if let token = (target ?? RequestTarget(uri: head.uri)).value(of: "token"), !token.isEmpty { return "Bearer " + token }
        return nil
    }

    /// Answers without reading the body: drops a small body to keep the connection, else closes it.
    private func refuse(
        status: Int, body: [UInt8], contentType: String?, parts: InboundParts, responder: HTTPResponder, keepAlive: Bool
    ) async throws -> Disposition {
        let drained = responder.isHTTP2 ? parts.bodyComplete : await parts.discardBody(limit: Self.discardLimit)
        let close = !drained || !keepAlive
        try await responder.respond(status: status, contentType: contentType, body: body, closeAfter: close)
        return close ? .close : .keepAlive
    }

    /// Reads a JSON-RPC body within its limit and answers it. A caller without a token (`anonymous`) has the smaller
    /// limit, and reserves its body's bytes in the shared ``unauthenticated`` budget first.
    private func serveRPC(
        _ head: HTTPRequestHead, permissions: Set<Permission>, anonymous: Bool, parts: InboundParts, responder: HTTPResponder,
        keepAlive: Bool
    ) async throws -> Disposition {
        let limit = anonymous ? min(rpc.maxRequestSize, unauthenticatedRequestBytes) : rpc.maxRequestSize
        let limitKey = anonymous ? "for callers without a token; send an API token for \(sizeLimitKey)" : sizeLimitKey
        let declared = head.headers.first(name: "content-length").flatMap { Int($0.trimmingSpaces) }
        if let declared, declared > limit {
            try await tooLarge("request body of \(declared) bytes exceeds the limit of \(limit) bytes (\(limitKey))", responder)
            return .close
        }
        let reserved = anonymous ? min(max(declared ?? limit, 0), limit) : 0
        if anonymous, !unauthenticated.reserve(reserved) {
            logger.debug("refused a request without a token: the budget for them is spent", metadata: ["budget": "\(unauthenticated.capacity)"])
            let message = "callers without a token already hold \(unauthenticated.capacity) bytes of requests in this node; retry, or send an API token"
            let body = RPCReply.errorBody(RPCError(.busy, message))
            try await responder.respond(status: 503, contentType: "application/json", body: body, closeAfter: true)
            return .close
        }
        defer { unauthenticated.release(reserved) }
        try await continueIfExpected(head, responder)
        let body: [UInt8]
        switch try await parts.readBody(limit: limit, expected: declared) {
        case .complete(let bytes):
            body = bytes
        case .tooLarge(let received):
            try await tooLarge(
                "request body of at least \(received) bytes exceeds the limit of \(limit) bytes (\(limitKey))", responder)
            return .close
        }

        let reply = await rpc.handle(body, permissions: permissions, streaming: responder.isHTTP2 ? .streamedBody : .none)
        let close = !keepAlive
        switch reply.body {
        case .message(let bytes):
            try await responder.respond(status: reply.status, contentType: "application/json", body: bytes, closeAfter: close)
        case .none:
            try await responder.respond(status: reply.status, contentType: nil, body: [], closeAfter: close)
        case .stream(let messages):
            try await responder.head(status: reply.status, headers: [("content-type", "application/json")], closeAfter: close)
            guard await responder.stream(messages) else { return .close }
        }
        return close ? .close : .keepAlive
    }

    /// HTTP 413 with a JSON-RPC error body (code -32013); the connection or stream is then closed.
    private func tooLarge(_ message: String, _ responder: HTTPResponder) async throws {
        logger.debug("refused an oversized request", metadata: ["reason": "\(message)"])
        let body = RPCReply.errorBody(RPCError(.requestTooLarge, message))
        try await responder.respond(status: 413, contentType: "application/json", body: body, closeAfter: true)
    }

    private func serveRoute(
        _ route: any HTTPStreamRoute, request: HTTPStreamRequest, head: HTTPRequestHead, parts: InboundParts,
        responder: HTTPResponder, keepAlive: Bool
    ) async throws -> Disposition {
        try await continueIfExpected(head, responder)
        // An HTTP/1.1 request that declares no body (a GET) has ended already: reading its end keeps the connection.
        if !responder.isHTTP2, !head.headers.contains(name: "content-length"), !head.headers.contains(name: "transfer-encoding") {
            _ = await parts.discardBody(limit: 0)
        }
        let response = await route.respond(to: request, body: parts.bodyStream)
        let headers = response.headers.filter { name, _ in
            let lower = name.lowercased()
            return lower != "connection" && lower != "transfer-encoding" && lower != "keep-alive"
        }
        let bodyDone = parts.bodyComplete
        let close = !keepAlive || (!responder.isHTTP2 && !bodyDone)
        try await responder.head(status: response.status, headers: headers, closeAfter: close)
        guard await responder.stream(response.body) else { return .close }
        return close || !parts.bodyComplete ? .close : .keepAlive
    }

    /// Answers `Expect: 100-continue` on HTTP/1.1 before reading a body the server is going to read
    /// (curl sends it for bodies over 1 MiB and otherwise waits a second).
    private func continueIfExpected(_ head: HTTPRequestHead, _ responder: HTTPResponder) async throws {
        guard !responder.isHTTP2, head.headers.first(name: "expect")?.lowercased() == "100-continue" else { return }
        try await responder.outbound.write(.head(HTTPResponseHead(version: head.version, status: .continue)))
    }
}
