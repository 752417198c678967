import APICore
import ConfigFile
import Foundation
import JSONRPC
import Libp2p
import Logging
import MarketsAPI
import MinerConfig
import MinerNode
import RPCAuth
import Repo
import ServiceLifecycle

/// One node of a test mesh: a real repo in a temporary directory, the assembled node, its services
/// running in a `ServiceGroup`, and (over HTTP/2) a real listener on loopback.
public final class MeshNode: Sendable {
    public let name: String
    public let repo: Repo
    public let node: MinerNode
    public let authority: JWTAuthority
    /// The address other nodes and clients use (`/ip4/127.0.0.1/tcp/P/http`, or an in-process name).
    public let address: String
    let runner: Task<Void, any Error>

    init(name: String, repo: Repo, node: MinerNode, authority: JWTAuthority, address: String, runner: Task<Void, any Error>) {
        self.name = name
        self.repo = repo
        self.node = node
        self.authority = authority
        self.address = address
        self.runner = runner
    }

    /// Runs the node's services and `transport` (in process or HTTP/2: the same ``JSONRPC/ServerTransport`` a node
    /// process serves on) in a `ServiceGroup`, then learns its address.
    static func launch(
        name: String, repo: Repo, node: MinerNode, authority: JWTAuthority, transport: any ServerTransport, logger: Logger
    ) async throws -> MeshNode {
        let services: [any Service] = node.services + [transport]
        let group = ServiceGroup(
            configuration: .init(
                services: services.map {
                    .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)
                },
                logger: logger))
        let runner = Task { try await group.run() }
        do {
            let address = try await transport.listeningAddress()
            // A node with Markets is up once its libp2p host listens too (as `lotus-miner run` writes its api file).
            if let host = node.libp2p { _ = try await host.waitUntilListening() }
            return MeshNode(name: name, repo: repo, node: node, authority: authority, address: address, runner: runner)
        } catch {
            node.shutdown.trigger()
            _ = try? await runner.value
            throw error
        }
    }

    /// A token for this node with `permission` and every weaker one.
    public func token(_ permission: Permission) -> String {
        authority.token(allow: permission.cumulative.map(\.rawValue))
    }

    /// `TOKEN:ADDRESS`, as `lotus-miner auth api-info --perm=admin` prints it.
    public var adminAPIInfo: String { "\(token(.admin)):\(address)" }

    /// Stops the node gracefully and waits until every service has returned.
    public func stop() async {
        node.shutdown.trigger()
        _ = try? await runner.value
    }

    /// Waits until the node's services have all returned (after `Shutdown` was called over the API).
    public func waitUntilStopped() async {
        _ = try? await runner.value
    }
}

