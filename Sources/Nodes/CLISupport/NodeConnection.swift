import APICore
import Foundation
import CommonAPI
import HTTP2Transport
import JSONRPC
import MarketsAPI
import MiningAPI
import SealingAPI
import SectorStorageAPI

/// A CLI's connection to one node: the resolved endpoint and typed handles on its APIs.
public struct NodeConnection: Sendable {
    public let kind: EndpointResolver.NodeKind
    public let resolution: EndpointResolver.Resolution
    public let client: RPCClient

    /// Resolves and connects (lazily: the first call dials).
    public init(_ kind: EndpointResolver.NodeKind, resolver: EndpointResolver) throws {
        self.kind = kind
        self.resolution = try resolver.resolve(kind)
        if let note = resolution.note {
            FileHandle.standardError.write(Data("WARN: \(note); sending the command to \(resolution.source)\n".utf8))
        }
        let endpoint: APIEndpoint
        do {
            endpoint = try APIEndpoint.parse(resolution.info.address)
        } catch {
            throw CLIError("the \(kind.rawValue) endpoint from \(resolution.source) is not usable: \(error)")
        }
        // The chain daemon's CLI speaks the v1 API, as `lotus` does; the miner's nodes serve v0 only.
        let path = endpoint.path ?? (kind == .fullNode ? "/rpc/v1" : "/rpc/v0")
        client = RPCClient(transport: HTTP2ClientTransport(endpoint: endpoint, path: path, token: resolution.info.token))
    }

    public var common: SubsystemRef<CommonMethods> { .remote(client) }
    public var mining: SubsystemRef<MiningMethods> { .remote(client) }
    public var sealing: SubsystemRef<SealingMethods> { .remote(client) }
    public var sectorStorage: SubsystemRef<SectorStorageMethods> { .remote(client) }
    public var markets: SubsystemRef<MarketsMethods> { .remote(client) }
}
