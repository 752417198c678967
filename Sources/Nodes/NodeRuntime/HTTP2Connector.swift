import APICore
import HTTP2Transport
import JSONRPC
import MinerNode
import SectorStorageAPI

/// Reaches other nodes over HTTP/2: one multiplexed connection per API info, reconnecting by itself.
public struct HTTP2Connector: RemoteConnector {
    public init() {}

    public func caller(for info: APIInfo, configKey: String) throws -> any RPCCaller {
        let endpoint: APIEndpoint
        do {
            endpoint = try APIEndpoint.parse(info.address)
        } catch {
            throw RPCError(.invalidParams, "\(configKey): \(error)")
        }
        return RPCClient(transport: HTTP2ClientTransport(endpoint: endpoint, path: endpoint.path ?? "/rpc/v0", token: info.token))
    }

    public func sectorReader(for info: APIInfo) -> any RemoteSectorReader {
        HTTPRemoteSectorReader(token: info.token)
    }
}
