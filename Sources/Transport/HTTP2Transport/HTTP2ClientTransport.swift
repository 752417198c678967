#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import APICore
import JSONRPC
import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL
import Synchronization

/// A JSON-RPC client transport over HTTP/2: one TCP connection (h2c with prior knowledge, or TLS with
/// ALPN `h2`) carrying every call as its own stream, at most ``maxConcurrentStreams`` at a time (more
/// callers wait for a free stream rather than piling up inside NIO).
///
/// The connection is opened on the first call. When it breaks (the node restarted), the next call
/// reconnects by itself; a call that could not even be sent on the dead connection is retried once on
/// the new one. A node that is down fails fast with ``APICore/RPCError`` `.unreachable` naming
/// ``endpointDescription``. Call ``close()`` when done.
public final class HTTP2ClientTransport: ClientTransport, Sendable {
    /// How the server's TLS certificate is checked.
    public enum TLSMode: Sendable, Hashable {
        /// Cleartext h2c.
        case none
        /// TLS, trusting the system roots, or only the PEM certificates at `trustRootsPath`.
        case verified(trustRootsPath: String?)
        /// TLS without certificate checks (tests, self-signed local nodes).
        case insecure
    }

    public let endpoint: APIEndpoint
    public let path: String
    public let tlsMode: TLSMode
    /// How long to wait for TCP (and TLS) connection setup.
    public let connectTimeout: Duration
    /// Upper bound for one unary call, `nil` for none (Lotus has none).
    public let requestTimeout: Duration?
    /// The cap on streams in flight on the connection.
    public let maxConcurrentStreams: Int
    let authorization: String?
    let group: any EventLoopGroup
    let slots: StreamSlots
    private let state = Mutex(State())

    private enum Connection {
        case idle
        case connecting(Task<ClientConnection, any Error>)
        case ready(ClientConnection)
        case closed
    }

    private struct State {
        var connection = Connection.idle
        var nextID: UInt64 = 1
        var sslContext: NIOSSLContext?
    }

    /// - Parameters:
    ///   - endpoint: where the node listens (see ``APIEndpoint/parse(_:)``); `endpoint.tls` picks TLS
    ///     unless `tls` says otherwise.
    ///   - path: the JSON-RPC path; `nil` takes the endpoint URL's path, else `/rpc/v0`.
    ///   - token: the API token (JWT) sent as `Authorization: Bearer …`; `nil` calls with `read` only.
    ///   - tls: `nil` follows `endpoint.tls` with system trust roots.
    ///   - connectTimeout: how long TCP connect (plus TLS) may take. A node that is down refuses at once; this
    ///     only bounds an address that does not answer. 10 s, because a busy node's event loops (bulk libp2p
    ///     transfers share them) can take more than 2 s to accept on a loaded 2-core machine.
    public init(
        endpoint: APIEndpoint, path: String? = nil, token: String?, tls: TLSMode? = nil,
        connectTimeout: Duration = .seconds(10), requestTimeout: Duration? = nil, maxConcurrentStreams: Int = 100,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        let mode = tls ?? (endpoint.tls ? .verified(trustRootsPath: nil) : .none)
        var endpoint = endpoint
        endpoint.tls = mode != .none
        self.endpoint = endpoint
        self.path = path ?? endpoint.path ?? "/rpc/v0"
        self.tlsMode = mode
        self.authorization = token.map { "Bearer " + $0 }
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxConcurrentStreams = maxConcurrentStreams
        self.group = eventLoopGroup
        self.slots = StreamSlots(count: maxConcurrentStreams)
    }

    /// A transport to `host:port`; `tls` selects TLS (verified against `trustRootsPath` or the system
    /// roots, or not at all with `insecure`).
    public convenience init(
        host: String, port: Int, path: String = "/rpc/v0", token: String?, tls: Bool = false,
        trustRootsPath: String? = nil, insecure: Bool = false, connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration? = nil
    ) {
        let mode: TLSMode = !tls ? .none : insecure ? .insecure : .verified(trustRootsPath: trustRootsPath)
        self.init(
            endpoint: APIEndpoint(host: host, port: port, tls: tls), path: path, token: token, tls: mode,
            connectTimeout: connectTimeout, requestTimeout: requestTimeout)
    }

    deinit {
        if case .ready(let connection) = state.withLock({ $0.connection }) {
            connection.channel.close(promise: nil)
        }
    }

    /// `http://host:port/rpc/v0` (or `https://…`).
    public var endpointDescription: String { endpoint.httpURL + path }

    /// Closes the connection; later calls fail with `.unreachable`.
    public func close() async {
        let connection = state.withLock { state -> Connection in
            defer { state.connection = .closed }
            return state.connection
        }
        switch connection {
        case .ready(let connection):
            try? await connection.channel.close()
        case .connecting(let task):
            if let connection = try? await task.value { try? await connection.channel.close() }
        case .idle, .closed:
            break
        }
    }

    // MARK: Connection management

    /// The live connection, opening one if there is none (callers share one attempt).
    func connection() async throws -> ClientConnection {
        enum Step {
            case use(ClientConnection)
            case wait(Task<ClientConnection, any Error>)
            case closed
        }
        let step = state.withLock { state -> Step in
            switch state.connection {
            case .ready(let connection) where connection.channel.isActive:
                return .use(connection)
            case .connecting(let task):
                return .wait(task)
            case .closed:
                return .closed
            case .idle, .ready:
                let id = state.nextID
                state.nextID += 1
                let task = Task { try await self.establish(id: id) }
                state.connection = .connecting(task)
                return .wait(task)
            }
        }
        switch step {
        case .use(let connection): return connection
        case .wait(let task): return try await task.value
        case .closed: throw RPCError(.unreachable, "cannot reach \(endpointDescription): the client was closed")
        }
    }

    private func establish(id: UInt64) async throws -> ClientConnection {
        do {
            let connection = try await ClientConnection.connect(
                id: id, host: endpoint.host, port: endpoint.port, tls: try sslContext(), group: group, timeout: connectTimeout)
            let keep = state.withLock { state -> Bool in
                guard case .connecting = state.connection else { return false }
                state.connection = .ready(connection)
                return true
            }
            guard keep else {
                connection.channel.close(promise: nil)
                throw RPCError(.unreachable, "cannot reach \(endpointDescription): the client was closed")
            }
            connection.channel.closeFuture.whenComplete { [weak self] _ in self?.dropConnection(id: id) }
            return connection
        } catch let error as RPCError {
            dropConnection(id: id, connecting: true)
            throw error
        } catch {
            dropConnection(id: id, connecting: true)
            throw RPCError(.unreachable, "cannot reach \(endpointDescription): \(Self.describeConnectFailure(error, host: endpoint.host))")
        }
    }

    /// Forgets connection `id` (it closed or failed) so the next call opens a new one.
    func dropConnection(id: UInt64, connecting: Bool = false) {
        state.withLock { state in
            switch state.connection {
            case .ready(let connection) where connection.id == id:
                state.connection = .idle
            case .connecting where connecting:
                state.connection = .idle
            default:
                break
            }
        }
    }

    private func sslContext() throws -> NIOSSLContext? {
        if tlsMode == .none { return nil }
        if let context = state.withLock({ $0.sslContext }) { return context }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.applicationProtocols = ["h2"]
        switch tlsMode {
        case .none:
            return nil
        case .insecure:
            configuration.certificateVerification = .none
        case .verified(let trustRootsPath?):
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(trustRootsPath))
            } catch {
                throw RPCError(.unreachable, "cannot reach \(endpointDescription): cannot load TLS trust roots '\(trustRootsPath)': \(error)")
            }
        case .verified(nil):
            break
        }
        let context = try NIOSSLContext(configuration: configuration)
        state.withLock { $0.sslContext = context }
        return context
    }

    /// A short reason for a failed connection attempt, for `cannot reach <endpoint>: <reason>`.
    static func describeConnectFailure(_ error: any Error, host: String) -> String {
        if let connectionError = error as? NIOConnectionError {
            if let first = connectionError.connectionErrors.first {
                return describeConnectFailure(first.error, host: host)
            }
            return "cannot resolve host '\(host)'"
        }
        if case ChannelError.connectTimeout(let amount) = error {
            let seconds = Double(amount.nanoseconds) / 1e9
            return "no answer within \(seconds.formatted2)s (connect timeout); is the node running and the address right?"
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return "connection refused; is the node running?"
            case EHOSTUNREACH, ENETUNREACH: return "host unreachable; check the address"
            case ECONNRESET: return "connection reset by the node"
            default: return "\(io)"
            }
        }
        if error is NIOSSLError { return "TLS handshake failed: \(error)" }
        return "\(error)"
    }

    /// The error for a call whose connection died after the request was sent.
    func lostConnection(_ error: any Error) -> RPCError {
        if let rpc = error as? RPCError { return rpc }
        if error is NIOSSLError {
            return RPCError(.unreachable, "cannot reach \(endpointDescription): TLS handshake failed: \(error)")
        }
        return RPCError(
            .unreachable,
            "lost the connection to \(endpointDescription) before the reply arrived (\(error)); the node may have restarted or stopped")
    }

    // MARK: ClientTransport

    public func send(_ body: [UInt8]) async throws -> (status: Int, body: [UInt8]) {
        guard let requestTimeout else { return try await sendOnce(body) }
        guard let reply = try await withTimeLimit(requestTimeout, { try await self.sendOnce(body) }) else {
            throw RPCError(.unreachable, "no reply from \(endpointDescription) within \(requestTimeout)")
        }
        return reply
    }

    private func sendOnce(_ body: [UInt8]) async throws -> (status: Int, body: [UInt8]) {
        try await slots.withSlot {
            var attempt = 0
            while true {
                attempt += 1
                let (connection, stream) = try await openRequestStream(retry: attempt == 1)
                do {
                    return try await UnaryExchange.run(on: stream, head: requestHead(length: body.count), body: body)
                } catch UnaryExchange.Failure.notSent(let error) {
                    dropConnection(id: connection.id)
                    if attempt == 1 { continue }
                    throw lostConnection(error)
                } catch UnaryExchange.Failure.lost(let error) {
                    throw lostConnection(error)
                }
            }
        }
    }

    /// A new stream on the live connection; if the connection turns out dead, reconnects once.
    func openRequestStream(retry: Bool) async throws -> (ClientConnection, ClientConnection.Stream) {
        let connection = try await connection()
        do {
            return (connection, try await connection.openStream())
        } catch {
            dropConnection(id: connection.id)
            guard retry else { throw lostConnection(error) }
            let fresh = try await self.connection()
            do {
                return (fresh, try await fresh.openStream())
            } catch {
                dropConnection(id: fresh.id)
                throw lostConnection(error)
            }
        }
    }

    func requestHead(method: HTTPMethod = .POST, path: String? = nil, length: Int?, extra: [(name: String, value: String)] = [])
        -> HTTPRequestHead
    {
        var headers = HTTPHeaders()
        headers.add(name: "host", value: endpoint.hostHeader)
        headers.add(name: "content-type", value: "application/json")
        if let length { headers.add(name: "content-length", value: String(length)) }
        if let authorization { headers.add(name: "authorization", value: authorization) }
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        return HTTPRequestHead(version: .http2, method: method, uri: path ?? self.path, headers: headers)
    }
}

extension Double {
    var formatted2: String {
        let rounded = (self * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
