import APICore
import JSONRPC
import SectorStorageAPI

/// Opens a JSON-RPC client to another node from its API info. The node uses HTTP/2; the test kit
/// substitutes an in-process connector so the same assembly runs without sockets.
public protocol RemoteConnector: Sendable {
    /// - Parameter configKey: the config key the info came from, for error messages.
    func caller(for info: APIInfo, configKey: String) throws -> any RPCCaller

    /// A reader of the sector files nodes serve at `/remote` (the URLs `StorageFindSector` answers), with `info`'s
    /// token.
    func sectorReader(for info: APIInfo) -> any RemoteSectorReader
}
