import APICore
import JSONRPC
import MinerNode
import SectorStorageAPI
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

    /// In-process nodes serve no HTTP, so no `/remote`: a split mesh on this connector shares storage paths instead.
    public func sectorReader(for info: APIInfo) -> any RemoteSectorReader {
        NoRemoteReads(address: info.address)
    }

    struct NoRemoteReads: RemoteSectorReader {
        let address: String

        func holds(_ url: String, range: Range<UInt64>) async -> Bool { false }

        func read(_ url: String, range: Range<UInt64>) async throws -> AsyncThrowingStream<[UInt8], any Error> {
            throw RPCError(.unreachable, "cannot read \(url): in-process node \(address) serves no /remote over HTTP")
        }
    }
}
