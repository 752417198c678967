import APICore
import ConfigFile
import FullNodeAPI
import HTTP2Transport
import JSONRPC
import Logging
import MinerConfig
import MinerNode
import NodeRuntime
import Repo
import SubsystemSupport

/// The HTTP/2 flavour of the mesh: each node listens on an ephemeral loopback port; nodes and
/// clients reach each other through ``HTTP2Transport/HTTP2ClientTransport``.
enum MeshHTTP {
    static func client(address: String, token: String?) throws -> any RPCCaller {
        RPCClient(transport: HTTP2ClientTransport(endpoint: try APIEndpoint.parse(address), token: token))
    }

    static func startNode(
        name: String, repo: Repo, config: MinerConfig, logs: LogRegistry, logger: Logger, chain: SubsystemRef<FullNodeMethods>?
    ) async throws -> MeshNode {
        var config = config
        // A port chosen before binding, so `RemoteListenAddress` (the `/remote` URLs the index hands out) is right.
        let port = try Tools.freePort()
        config.api.listenAddress = "/ip4/127.0.0.1/tcp/\(port)/http"
        config.api.remoteListenAddress = "127.0.0.1:\(port)"
        try ConfigFile.write(config, to: repo.configPath)
        var deps = try MinerNode.Dependencies.open(repo: repo, config: config, connector: HTTP2Connector(), logs: logs, logger: logger, chain: chain)
        deps.pollInterval = .milliseconds(50)
        let node = try await MinerNode.assemble(config: config, deps)
        let transport = HTTP2ServerTransport(
            endpoint: APIEndpoint(host: "127.0.0.1", port: port), rpc: node.server, drainTimeout: .seconds(5),
            routes: node.httpRoutes, logger: logger)
        return try await MeshNode.launch(name: name, repo: repo, node: node, authority: deps.authority, transport: transport, logger: logger)
    }
}
