import APICore
import Logging
import RPCAuth
import Synchronization

/// The JSON-RPC 2.0 server: a routing table built from method definitions, token checks, dispatch.
///
/// Transports call ``authenticate(authorization:)`` once per request or connection and then
/// ``handle(_:permissions:streaming:)`` per body (HTTP) or feed an ``RPCSession`` (websocket).
/// Behaviour follows go-jsonrpc (reference §5.3): positional params, codes -32700/-32601/-32602/0/1,
/// protocol errors with HTTP 500 and method errors with HTTP 200, no answer to notifications.
public final class RPCServer: Sendable {
    /// How the transport can deliver channel methods.
    public enum ChannelSupport: Sendable {
        /// Plain HTTP/1.1 POST: channel methods are refused with go-jsonrpc's message.
        case none
        /// One HTTP/2 stream per call: channel messages are streamed as newline-delimited JSON.
        case streamedBody
    }

    public let maxRequestSize: Int
    /// Bytes pushed to `/rpc/streams/v0/push/<uuid>` for `ByteStream` params.
    public let pushStreams = PushStreamRegistry()
    let routes: [String: Route]
    let authority: JWTAuthority?
    /// Whether callers need a token for more than `read` (false only for a server built without an authority).
    public var checksTokens: Bool { authority != nil }
    let logger: Logger
    private let state = Mutex(State())

    struct State {
        var nextChannel: UInt64 = 1
        var shuttingDown = false
        /// Tokens already verified, so a connection's calls do not each pay for an HMAC (bounded).
        var verifiedTokens: [String: Set<Permission>] = [:]
        /// Pumps of open channels, cancelled when shutdown begins so every subscriber gets `xrpc.ch.close`.
        var channels: [UInt64: Task<Void, Never>] = [:]
    }

    /// - Parameters:
    ///   - routes: every method this node answers, local or "runs elsewhere".
    ///   - authority: verifies tokens; `nil` serves every caller with all permissions (tests only).
    ///   - maxRequestSize: the largest request body accepted, in bytes (Lotus: 100 MiB).
    public init(routes: [Route], authority: JWTAuthority?, maxRequestSize: Int = 100 << 20, logger: Logger) {
        var table: [String: Route] = [:]
        for route in routes { table[route.wireName] = route }
        self.routes = table
        self.authority = authority
        self.maxRequestSize = maxRequestSize
        self.logger = logger
    }

    /// The wire names of every route, sorted.
    public var methodNames: [String] { routes.keys.sorted() }

    /// Refuses new calls from now on: in-flight unary calls finish, open channels are closed (their
    /// subscribers receive `xrpc.ch.close`), so transports can drain. Used by graceful shutdown.
    public func beginShutdown() {
        let open = state.withLock { state -> [Task<Void, Never>] in
            state.shuttingDown = true
            defer { state.channels.removeAll() }
            return Array(state.channels.values)
        }
        for pump in open { pump.cancel() }
    }

    /// Tracks a channel's pump so shutdown can close it; cancels it at once if shutdown already began.
    func register(channel: UInt64, pump: Task<Void, Never>) {
        let refused = state.withLock { state -> Bool in
            if state.shuttingDown { return true }
            state.channels[channel] = pump
            return false
        }
        if refused { pump.cancel() }
    }

    func unregister(channel: UInt64) {
        _ = state.withLock { $0.channels.removeValue(forKey: channel) }
    }

    /// Permissions for an `Authorization` header value (or a `?token=` value given as `Bearer <t>`).
    /// - Returns: the token's permissions, `[read]` without a header, `nil` for a bad token (HTTP 401).
    public func authenticate(authorization: String?) -> Set<Permission>? {
        guard let authority else { return Set(Permission.all) }
        guard let header = authorization, !header.isEmpty else { return [.read] }
        guard header.hasPrefix("Bearer ") else { return nil }
        let token = String(header.dropFirst("Bearer ".count).trimmingCharacters(in: " "))
        if let cached = state.withLock({ $0.verifiedTokens[token] }) { return cached }
        guard let allow = try? authority.verify(token) else { return nil }
        let permissions = Set(allow.map(Permission.init(rawValue:)))
        state.withLock { state in
            if state.verifiedTokens.count >= 1024 { state.verifiedTokens.removeAll() }
            state.verifiedTokens[token] = permissions
        }
        return permissions
    }

    /// Handles one request body.
    public func handle(_ body: [UInt8], permissions: Set<Permission>, streaming: ChannelSupport) async -> RPCReply {
        switch await dispatch(body, permissions: permissions, channels: streaming == .streamedBody) {
        case .noReply:
            return RPCReply(status: 200, body: .none)
        case .reply(let status, let bytes):
            return RPCReply(status: status, body: .message(bytes))
        case .channel(let id, let values):
            let channel = allocateChannel()
            let first = ResponseWriter.result(id: id, json: Array(String(channel).utf8))
            let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
            continuation.yield(first + [0x0A])
            let logger = self.logger
            let pump = Task {
                do {
                    for try await value in values {
                        continuation.yield(ResponseWriter.channelValue(channel: channel, json: try JSONCoding.encode(value)) + [0x0A])
                    }
                } catch {
                    logger.debug("channel ended with an error", metadata: ["rpc.channel": "\(channel)"])
                }
                continuation.yield(ResponseWriter.channelClose(channel: channel) + [0x0A])
                continuation.finish()
                self.unregister(channel: channel)
            }
            register(channel: channel, pump: pump)
            continuation.onTermination = { _ in pump.cancel() }
            return RPCReply(status: 200, body: .stream(stream))
        }
    }

    func allocateChannel() -> UInt64 {
        state.withLock { state in
            defer { state.nextChannel += 1 }
            return state.nextChannel
        }
    }

    /// The outcome of one message, before it is framed for a transport.
    enum Outcome {
        case noReply
        case reply(status: Int, [UInt8])
        case channel(id: ArraySlice<UInt8>, AsyncThrowingStream<any Encodable & Sendable, any Error>)
    }

    func dispatch(_ body: [UInt8], permissions: Set<Permission>, channels: Bool) async -> Outcome {
        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage(parsing: body)
        } catch let failure as JSONScanner.Failure {
            return .reply(status: 500, ResponseWriter.error(id: ResponseWriter.nullID, RPCError(.parseError, "Parse error: \(failure)")))
        } catch let bad as JSONRPCMessage.BadField {
            return .reply(status: 500, ResponseWriter.error(id: ResponseWriter.nullID, RPCError(.invalidRequest, "invalid request: '\(bad.name)' must be \(bad.expected)")))
        } catch {
            let reason = body.first(where: { !$0.isWhitespace }) == UInt8(ascii: "[")
                ? "batch requests are not supported" : "a request must be a JSON object"
            return .reply(status: 500, ResponseWriter.error(id: ResponseWriter.nullID, RPCError(.invalidRequest, "invalid request: \(reason)")))
        }
        let id = message.idBytes
        let notification = message.isNotification
        func fail(_ status: Int, _ error: RPCError) -> Outcome {
            notification ? .noReply : .reply(status: status, ResponseWriter.error(id: id, error))
        }
        guard let methodName = message.method, !methodName.isEmpty else {
            return fail(500, RPCError(.methodNotFound, "method '' not found"))
        }
        let wireName = methodName == "rpc.discover" ? "Filecoin.Discover" : methodName
        guard let route = routes[wireName] else {
            return fail(500, RPCError(.methodNotFound, "method '\(methodName)' not found"))
        }
        if state.withLock({ $0.shuttingDown }) {
            return fail(500, RPCError(.shuttingDown, "the node is shutting down; '\(methodName)' was not run"))
        }
        guard permissions.contains(route.permission) else {
            return fail(200, RPCError(.methodError, "missing permission to invoke '\(route.name)' (need '\(route.permission)')"))
        }
        let params = message.params ?? []
        guard params.count == route.arity else {
            return fail(500, RPCError(.invalidParams, "wrong param count (method '\(methodName)'): \(params.count) != \(route.arity)"))
        }
        if route.kind == .channel && !channels {
            return fail(500, RPCError(.methodNotFound, "method '\(methodName)' not supported in this mode (no out channel support)"))
        }
        let streamIDs = ByteStreamCollector()
        let decoder = JSONParamsDecoder(
            message: message, ranges: params, methodName: methodName, resolver: pushStreams, streamIDs: streamIDs)
        defer { pushStreams.release(streamIDs.streams.map(\.id)) }
        do {
            switch try await route.handler(decoder) {
            case .value(let value):
                if notification { return .noReply }
                return .reply(status: 200, ResponseWriter.result(id: id, json: try JSONCoding.encode(value)))
            case .stream(let values):
                if notification { return .noReply }
                return .channel(id: id, values)
            }
        } catch let error as RPCError {
            let status = error.code == .methodError ? 200 : 500
            return fail(status, error)
        } catch is EncodingError {
            logger.error("result did not encode", metadata: ["rpc.method": "\(methodName)"])
            return fail(500, RPCError(.fatal, "fatal error calling '\(methodName)': result could not be encoded"))
        } catch {
            return fail(200, RPCError.wrapping(error))
        }
    }
}

extension UInt8 {
    var isWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> Substring {
        var result = self
        while result.first == set { result = result.dropFirst() }
        while result.last == set { result = result.dropLast() }
        return result
    }
}
