import APICore
import CommonAPI
import ConfigFile
import Foundation
import JSONRPC
import Logging
import MeshTestKit
import MinerConfig
import MinerNode
import NodeRuntime
import Repo
import SealingAPI
import SubsystemSupport
import Testing

/// A Version answer from a node that speaks an older miner API.
actor OldMiner: SubsystemAPI {
    typealias Methods = OldMinerMethods
}

struct OldMinerMethods: MethodSet {
    typealias API = OldMiner
    let version = RPCMethod<OldMiner, Args0, APIVersionInfo>("Version", .read, .common) { _, _ in
        APIVersionInfo(version: "1.13.0", apiVersion: SemanticVersion(1, 2, 0), blockDelay: 30)
    }
}

/// How a markets node is assembled against its mining node, and how it fails when it cannot be.
@Suite("Node assembly")
struct NodeAssemblyTests {
    func dependencies(connector: any RemoteConnector, config: MinerConfig) throws -> MinerNode.Dependencies {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assembly-\(UUID().uuidString.prefix(8))").path
        let repo = Repo(path: RepoPath(dir))
        try repo.initialize(configText: ConfigFile.commentedDefault())
        let logs = LogRegistry(subsystems: MinerNode.loggerNames, output: { _ in })
        return try .open(repo: repo, config: config, connector: connector, logs: logs, logger: Logger(label: "test") { logs.makeHandler(label: $0) })
    }

    func marketsConfig(pointingAt info: String) -> MinerConfig {
        var config = MinerConfig.defaults
        config.subsystems = SubsystemsConfig(
            enableMining: false, enableSealing: false, enableSectorStorage: false, enableMarkets: true,
            sealerApiInfo: info, sectorIndexApiInfo: info)
        return config
    }

    @Test("A mining node with an incompatible API version is refused with Lotus's message")
    func versionMismatch() async throws {
        let connector = InProcessConnector()
        var table = RouteTable()
        table.serve(OldMiner())
        connector.register(address: "/dns4/old.in-process/tcp/1/http", server: RPCServer(routes: table.routes, authority: nil, logger: Logger(label: "old")))
        let config = marketsConfig(pointingAt: "a.b.c:/dns4/old.in-process/tcp/1/http")
        let error = await #expect(throws: RPCError.self) {
            _ = try await MinerNode.assemble(config: config, try dependencies(connector: connector, config: config))
        }
        #expect(error?.message.hasPrefix("remote service API version didn't match (expected 1.5.0, remote 1.2.0)") == true)
    }

    @Test("A mining node that is down fails fast, naming the endpoint")
    func miningNodeDown() async throws {
        let port = try Tools.freePort()
        let config = marketsConfig(pointingAt: "a.b.c:/ip4/127.0.0.1/tcp/\(port)/http")
        let error = await #expect(throws: RPCError.self) {
            _ = try await MinerNode.assemble(config: config, try dependencies(connector: HTTP2Connector(), config: config))
        }
        #expect(error?.code == .unreachable)
        #expect(error?.message.contains("127.0.0.1:\(port)") == true)
    }

    @Test("A markets node without SealerApiInfo names the key to set")
    func missingAPIInfo() async throws {
        let config = marketsConfig(pointingAt: "")
        let error = await #expect(throws: ConfigError.self) {
            _ = try await MinerNode.assemble(config: config, try dependencies(connector: InProcessConnector(), config: config))
        }
        #expect(error?.description.contains("SealerApiInfo") == true)
        #expect(error?.description.contains("auth api-info --perm=admin") == true)
    }

    @Test("The markets node's reference to the mining node survives a restart of the mining node")
    func remoteReferenceReconnects() async throws {
        let port = try Tools.freePort()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reconnect-\(UUID().uuidString.prefix(6))").path
        let miner = try await NodeProcess.start(repo: dir + "/miner", config: "[Subsystems]\n  EnableMarkets = false\n", port: port)
        let config = marketsConfig(pointingAt: "\(miner.adminToken):\(miner.multiaddr)")
        let node = try await MinerNode.assemble(config: config, try dependencies(connector: HTTP2Connector(), config: config))
        let sealing = try #require(node.sealing)
        _ = try await sealing.call(\.sectorSetSealDelay, 60_000_000_000)
        #expect(await miner.terminate() == 0)
        let down = await #expect(throws: RPCError.self) { try await sealing.call(\.sectorGetSealDelay) }
        #expect(down?.code == .unreachable)
        let again = try await NodeProcess.start(repo: dir + "/miner", config: "[Subsystems]\n  EnableMarkets = false\n", port: port)
        // The restarted node read a fresh config.toml from the test, so the call proves the reconnection.
        _ = try await sealing.call(\.sectorSetSealDelay, 120_000_000_000)
        #expect(try await sealing.call(\.sectorGetSealDelay) == 120_000_000_000)
        await again.terminate()
    }
}
