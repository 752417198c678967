import APICore
import JSONRPC
import MinerNode
import Synchronization

/// Connects nodes of a test mesh to each other without sockets: an API info address names a
/// registered node, and calls go through ``JSONRPC/InProcessTransport`` (still JSON-encoded).
public final class InProcessConnector: RemoteConnector {
    private let servers = Mutex<[String: RPCServer]>([:])

    public init() {}

    public func register(address: String, server: RPCServer) {
        servers.withLock { $0[address] = server }
    }

    public func caller(for info: APIInfo, configKey: String) throws -> any RPCCaller {
        guard let server = servers.withLock({ $0[info.address] }) else {
            throw RPCError(.unreachable, "cannot reach \(info.address) (\(configKey)): no such in-process node")
        }
        return RPCClient(transport: InProcessTransport(server: server, token: info.token))
    }
}
