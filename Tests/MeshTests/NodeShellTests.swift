import APICore
import Common
import CommonAPI
import ConfigFile
import Foundation
import HTTP2Transport
import JSONRPC
import Logging
import MeshTestKit
import MinerConfig
import MinerNode
import NodeRuntime
import RPCAuth
import Repo
import SubsystemSupport
import TestScheduling
import Testing

/// The one node shell both `lotus daemon` and `lotus-miner run` run in: the api file, the drain, the signals.
@Suite("Node shell")
struct NodeShellTests {
    /// A repo and a shell around a node that serves only the Common API, in process.
    func shell() throws -> (NodeShell, NodeShell.Assembly, InProcessServerTransport, Repo) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID().uuidString.prefix(8))").path
        let repo = Repo(path: RepoPath(dir))
        try repo.initialize(configText: ConfigFile.commentedDefault())
        let logs = LogRegistry(subsystems: MinerNode.loggerNames, output: { _ in })
        let authority = JWTAuthority(secret: try repo.jwtSecret())
        let shutdown = ShutdownSignal()
        let common = CommonActor(authority: authority, enabled: [], blockDelay: 4, logs: logs, requestShutdown: { shutdown.trigger() })
        var routes = RouteTable()
        routes.serve(common)
        let rpc = RPCServer(routes: routes.routes, authority: authority, maxRequestSize: 1 << 20, logger: .init(label: "test"))
        let assembly = NodeShell.Assembly(services: [common], rpc: rpc, rpcPaths: ["/rpc/v0"], shutdown: shutdown)
        var shell = NodeShell(
            repo: repo, api: MinerConfig.defaults.api, endpoint: try NodeShell.endpoint(of: MinerConfig.defaults.api, file: repo.configPath),
            logger: .init(label: "test"))
        shell.handlesSignals = false
        return (shell, assembly, InProcessServerTransport(name: "shell", rpc: rpc), repo)
    }

    @Test("The api file appears once the node serves, names the transport's address, and is gone after Shutdown")
    func apiFileLifecycle() async throws {
        let (shell, assembly, transport, repo) = try shell()
        let running = Task { try await shell.run(assembly, transport: transport) }
        var written: String?
        for _ in 0..<TestTime.rounds(200) where written == nil {
            written = try? repo.apiEndpoint()
            if written == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(written == transport.address)
        let common = SubsystemRef<CommonMethods>.remote(RPCClient(transport: transport.client(token: nil)))
        #expect(try await common.call(\.version).apiVersion == .minerAPI)
        let admin = SubsystemRef<CommonMethods>.remote(
            RPCClient(transport: transport.client(token: JWTAuthority(secret: try repo.jwtSecret()).token(allow: ["admin"]))))
        _ = try await admin.call(\.shutdown)
        try await running.value
        #expect(try repo.apiEndpoint() == nil, "the api file is removed on the way out")
    }

    @Test("[API] MaxConnections and ReadHeaderTimeout in config.toml bound the node's HTTP port; bad values name their key")
    func connectionLimitsFromConfig() async throws {
        let (plain, assembly, _, repo) = try shell()
        let port = try Tools.freePort()
        let config = try ConfigFile.parse("""
            [API]
              ListenAddress = "/ip4/127.0.0.1/tcp/\(port)/http"
              ReadHeaderTimeout = "10s"
              IdleTimeout = "0s"
              MaxConnections = 3
            """)
        let limits = NodeShell.connectionLimits(of: config.api)
        #expect(limits.readHeaderTimeout == .seconds(10) && limits.maxConnections == 3)
        #expect(limits.idleTimeout > .seconds(1_000_000_000), "0s is no limit")
        var shell = NodeShell(repo: repo, api: config.api, endpoint: try NodeShell.endpoint(of: config.api, file: repo.configPath), logger: plain.logger)
        shell.handlesSignals = false
        let running = Task { try await shell.run(assembly) }
        var address: String?
        for _ in 0..<TestTime.rounds(500) where address == nil {
            address = try? repo.apiEndpoint()
            if address == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(address == "/ip4/127.0.0.1/tcp/\(port)/http")
        // Five silent connections: the two past the cap are closed on accept, the other three when their 10 s pass.
        var sockets: [Int32] = []
        defer { for socket in sockets { close(socket) } }
        let opened = ContinuousClock.now
        for _ in 0..<5 { sockets.append(try #require(RawSocket.connect(port: port))) }
        var closedOnAccept = 0
        for _ in 0..<TestTime.rounds(80) where closedOnAccept < 2 {
            try await Task.sleep(for: .milliseconds(100))
            closedOnAccept = sockets.filter(RawSocket.isClosed).count
        }
        #expect(closedOnAccept == 2, "closed on accept: \(closedOnAccept) of 5 (MaxConnections = 3)")
        if ContinuousClock.now - opened < .seconds(9) {
            #expect(sockets.filter(RawSocket.isClosed).count == 2, "three admitted connections are open")
        }
        #expect(await RawSocket.allClosed(sockets, within: .seconds(30)), "silent connections outlive ReadHeaderTimeout")
        assembly.shutdown.trigger()
        try await running.value

        for (toml, key) in [
            ("[API]\n  ReadHeaderTimeout = \"-1s\"", "[API] ReadHeaderTimeout"), ("[API]\n  IdleTimeout = \"-5m\"", "[API] IdleTimeout"),
            ("[API]\n  MaxConnections = 0", "[API] MaxConnections"),
        ] {
            let bad = try ConfigFile.parse(toml)
            let error = #expect(throws: ConfigError.self) { try NodeShell.endpoint(of: bad.api, file: "config.toml") }
            #expect(error?.description.contains(key) == true, "\(error.map { "\($0)" } ?? "no error")")
        }
    }

    @Test("A failed api-file write stops the node and is the error it reports")
    func failedAPIWriteStopsTheNode() async throws {
        let (shell, assembly, transport, repo) = try shell()
        // A non-empty directory where the api file goes: the atomic rename onto it fails.
        try FileManager.default.createDirectory(atPath: repo.apiPath + "/blocker", withIntermediateDirectories: true)
        let error = await #expect(throws: RepoError.self) { try await shell.run(assembly, transport: transport) }
        #expect(error?.description.contains("writing the api file") == true)
    }
}
