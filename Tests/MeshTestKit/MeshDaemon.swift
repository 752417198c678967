import APICore
import CLISupport
import ChainTypes
import DaemonNode
import Foundation
import FullNodeAPI
import HTTP2Transport
import JSONRPC
import Logging
import MinerNode
import Multiformats
import NodeRuntime
import RPCAuth
import Repo
import ServiceLifecycle
import SubsystemSupport

/// The chain daemon of a test mesh, assembled in process (``DaemonNode/DaemonNode``) on a devnet repo of its own and
/// served over the mesh's transport, so a scenario that needs a chain runs on every ``MeshCase``.
public final class MeshDaemon: Sendable {
    public let node: DaemonNode
    public let repo: Repo
    /// Where clients reach it (an in-process name, or `/ip4/127.0.0.1/tcp/P/http`).
    public let address: String
    let transport: MeshTransport
    let lock: RepoLock
    let runner: Task<Void, any Error>

    init(node: DaemonNode, repo: Repo, address: String, transport: MeshTransport, lock: RepoLock, runner: Task<Void, any Error>) {
        self.node = node
        self.repo = repo
        self.address = address
        self.transport = transport
        self.lock = lock
        self.runner = runner
    }

    /// Creates a devnet (`lotus daemon --devnet --block-time <blockTime>`) in `<root>/daemon` and serves it.
    static func start(root: URL, transport: MeshTransport, blockTime: Duration) async throws -> MeshDaemon {
        let repoPath = root.appendingPathComponent("daemon").path
        let options = DaemonOptions(repoPath: repoPath, devnet: true, blockTime: blockTime, environment: Tools.loopbackLibp2p)
        let logs = LogRegistry(subsystems: DaemonNode.loggerNames, defaultLevel: .warning, output: { _ in })
        let logger = Logger(label: "mesh.daemon") { logs.makeHandler(label: $0) }
        let repo = Repo(path: RepoPath(repoPath), type: .fullNode)
        let (lock, config) = try DaemonRunner(options: options).prepareRepo(repo, logger: logger)
        do {
            let node = try DaemonNode.assemble(repo: repo, options: options, config: config, logs: logs)
            let server: any ServerTransport =
                switch transport {
                case .inProcess: InProcessServerTransport(name: "daemon", rpc: node.assembly.rpc)
                case .http2:
                    HTTP2ServerTransport(
                        endpoint: APIEndpoint(host: "127.0.0.1", port: 0), rpc: node.assembly.rpc, paths: node.assembly.rpcPaths,
                        drainTimeout: .seconds(5), logger: logger)
                }
            let services: [any Service] = node.assembly.services + [node.assembly.shutdown, server] + node.assembly.stopFirst
            let group = ServiceGroup(
                configuration: .init(
                    services: services.map {
                        .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)
                    },
                    logger: logger))
            let runner = Task { try await group.run() }
            do {
                let address = try await server.listeningAddress()
                try await node.assembly.whenListening()
                return MeshDaemon(node: node, repo: repo, address: address, transport: transport, lock: lock, runner: runner)
            } catch {
                node.assembly.shutdown.trigger()
                _ = try? await runner.value
                node.close()
                throw error
            }
        } catch {
            lock.unlock()
            throw error
        }
    }

    /// A token for the daemon with `permission` and every weaker one.
    public func token(_ permission: Permission) -> String {
        node.authority.token(allow: permission.cumulative.map(\.rawValue))
    }

    /// A JSON-RPC client for the daemon over the mesh's transport (`nil` permission: no token, read-only).
    public func client(permission: Permission? = .admin) throws -> any RPCCaller {
        let token = permission.map { self.token($0) }
        switch transport {
        case .inProcess: return RPCClient(transport: InProcessTransport(server: node.assembly.rpc, token: token))
        case .http2:
            return RPCClient(transport: HTTP2ClientTransport(endpoint: try APIEndpoint.parse(address), path: "/rpc/v1", token: token))
        }
    }

    /// The chain as the miner nodes get it: the local actor in process, a remote reference over HTTP/2 (as
    /// `FULLNODE_API_INFO` gives `lotus-miner run`).
    public func chainForMiners() throws -> SubsystemRef<FullNodeMethods> {
        switch transport {
        case .inProcess: return node.api
        case .http2: return .remote(try client())
        }
    }

    /// Creates a miner actor as `lotus-miner init --owner <default wallet>` does, with `identity`'s peer ID.
    public func createMiner(identity: Libp2pPrivateKey, size: SectorSize = .kib2) async throws -> Address {
        let chain = try chainForMiners()
        let owner = try await chain.call(\.walletDefaultAddress)
        return try await MinerActorClient(chain: chain).createMiner(owner: owner, worker: nil, size: size, peer: identity.publicKey.peerID)
    }

    /// Stops the daemon and closes its chain.
    public func stop() async {
        node.assembly.shutdown.trigger()
        _ = try? await runner.value
        node.close()
        lock.unlock()
    }
}
