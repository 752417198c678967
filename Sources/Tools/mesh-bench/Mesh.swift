import APICore
import Common
import CommonAPI
import HTTP2Transport
import JSONRPC
import Logging
import SubsystemSupport

/// The system under test: the Common actor (for `Filecoin.Version`) and the bench actor, their
/// JSON-RPC routes, and an ``HTTPRPCServer`` on 127.0.0.1 with an ephemeral port.
struct Mesh: Sendable {
    let common: CommonActor
    let bench: BenchActor
    let rpc: RPCServer
    let http: HTTPRPCServer
    let serving: Task<Void, any Error>
    let port: Int

    static let rpcPath = "/rpc/v0"

    static func start(logger: Logger) async throws -> Mesh {
        let common = CommonActor(
            authority: NoTokens(), enabled: [.mining, .sealing, .sectorStorage], blockDelay: 30,
            logs: LogRegistry(subsystems: ["mesh-bench"], defaultLevel: .warning), requestShutdown: {})
        let bench = BenchActor()
        var table = RouteTable()
        table.serve(common)
        table.serve(bench)
        // No authority: every caller gets every permission and no token is needed (h2load sends none).
        let rpc = RPCServer(routes: table.routes, authority: nil, logger: logger)
        let http = HTTPRPCServer(
            configuration: .init(host: "127.0.0.1", port: 0, paths: [rpcPath], shutdownGracePeriod: .seconds(1)),
            rpcServer: rpc, logger: logger)
        let serving = Task { try await http.run() }
        let port = try await http.boundPort()
        return Mesh(common: common, bench: bench, rpc: rpc, http: http, serving: serving, port: port)
    }

    /// A client that hands JSON to the server in this process (no sockets).
    func inProcessClient() -> RPCClient {
        RPCClient(transport: InProcessTransport(server: rpc, token: nil))
    }

    /// A client on one HTTP/2 connection to the server.
    func http2Transport() -> HTTP2ClientTransport {
        HTTP2ClientTransport(endpoint: APIEndpoint(host: "127.0.0.1", port: port), path: Self.rpcPath, token: nil)
    }

    /// The exact bytes the server answers to `body`, so static servers can send the same reply.
    func reply(to body: [UInt8]) async throws -> [UInt8] {
        try await InProcessTransport(server: rpc, token: nil).send(body).body
    }

    func stop() async {
        http.beginGracefulShutdown()
        _ = try? await serving.value
    }
}
