import ServiceLifecycle

/// Serves an ``RPCServer`` to clients in the same process, under a name that stands for its address
/// (`/dns4/<name>.in-process/tcp/1/http`): ``client(token:)`` hands out ``InProcessTransport``s to it. Nothing listens.
public struct InProcessServerTransport: ServerTransport {
    /// The address this server is known by.
    public let address: String
    public let rpc: RPCServer

    /// A server for `rpc` known as `/dns4/<name>.in-process/tcp/1/http`.
    public init(name: String, rpc: RPCServer) {
        self.address = "/dns4/\(name).in-process/tcp/1/http"
        self.rpc = rpc
    }

    public func listeningAddress() async throws -> String { address }

    /// A client transport to this server presenting `token` (`nil`: no token, so read-only).
    public func client(token: String?) -> InProcessTransport {
        InProcessTransport(server: rpc, token: token)
    }

    /// Serves until graceful shutdown, then refuses new calls (in-flight ones finish on their callers' tasks).
    public func run() async throws {
        try? await gracefulShutdown()
        rpc.beginShutdown()
    }
}
