import JSONRPC
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Serves an ``JSONRPC/RPCServer`` over the network: an ``HTTPRPCServer`` on `endpoint` (h2c with prior knowledge,
/// HTTP/1.1 and websocket on one port, TLS when configured), with the push-stream route for `ByteStream` params.
public struct HTTP2ServerTransport: ServerTransport {
    /// Where it listens (port 0: any free port; ``listeningAddress()`` tells which).
    public let endpoint: APIEndpoint
    /// The server underneath.
    public let server: HTTPRPCServer

    /// - Parameters:
    ///   - endpoint: host and port to bind.
    ///   - rpc: the node's JSON-RPC dispatcher.
    ///   - paths: the JSON-RPC paths (`/rpc/v0`, `/rpc/v1`).
    ///   - tls: certificate and key files, or `nil` for plain h2c/HTTP/1.1.
    ///   - drainTimeout: how long in-flight calls may run after shutdown begins (`[API] Timeout`).
    ///   - routes: streaming routes served beside JSON-RPC (the push-stream route is always there).
    ///   - limits: header and idle timeouts and the connection cap.
    public init(
        endpoint: APIEndpoint, rpc: RPCServer, paths: [String] = ["/rpc/v0"], tls: HTTPRPCServer.Configuration.TLSFiles? = nil,
        drainTimeout: Duration, routes: [any HTTPStreamRoute] = [], limits: HTTPRPCServer.ConnectionLimits = .init(), logger: Logger
    ) {
        self.endpoint = endpoint
        self.server = HTTPRPCServer(
            configuration: .init(
                host: endpoint.host, port: endpoint.port, tls: tls, paths: paths, shutdownGracePeriod: drainTimeout, limits: limits),
            rpcServer: rpc, streamRoutes: [PushStreamRoute(registry: rpc.pushStreams)] + routes, logger: logger)
    }

    public func listeningAddress() async throws -> String {
        var listening = endpoint
        listening.port = try await server.boundPort()
        return listening.multiaddr
    }

    public func run() async throws {
        try await server.run()
    }
}
