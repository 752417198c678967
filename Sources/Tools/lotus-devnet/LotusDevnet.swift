import ArgumentParser
import Foundation

/// `lotus-devnet`: brings up a local devnet in one command — the chain daemon and a storage provider (monolith, or
/// split with `--split`) whose miner actor is created on that chain.
@main
struct LotusDevnet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lotus-devnet", abstract: "Run a local devnet chain and storage provider", subcommands: [Up.self])
}

/// `lotus-devnet up [--split] [--home DIR] [--block-time D]`.
struct Up: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the daemon and nodes, print how to reach them, stop them on Ctrl-C")

    @Flag(help: "run a mining node and a separate markets node instead of one monolith")
    var split = false

    @Option(help: "where the node repos live (a second `up` on the same home resumes the same chain and miner)")
    var home = "./devnet-home"

    @Option(name: .customLong("block-time"), help: "time between epochs of a new chain (Go duration, e.g. 250ms, 4s)")
    var blockTime: String?

    @Option(name: .customLong("daemon-port"), help: "API port of the chain daemon")
    var daemonPort = 1234

    @Option(name: .customLong("miner-port"), help: "API port of the miner (mining node in --split)")
    var minerPort = 2345

    @Option(name: .customLong("markets-port"), help: "API port of the markets node (--split only)")
    var marketsPort = 8787

    @Option(name: .customLong("sector-size"), help: "sector size of a new miner actor")
    var sectorSize = "2KiB"

    func run() async throws {
        let home = URL(fileURLWithPath: (self.home as NSString).expandingTildeInPath).standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let (events, continuation, sources) = DevnetLauncher.stopEvents()
        // The signal sources must live until the nodes are stopped: a release build ends a local's lifetime at its
        // last use, and a released source is cancelled, so SIGINT/SIGTERM (ignored as default actions) were lost.
        defer { withExtendedLifetime(sources) {} }
        try await bringUp(events: events, continuation: continuation)
    }

    private func bringUp(events: AsyncStream<String>, continuation: AsyncStream<String>.Continuation) async throws {
        let home = URL(fileURLWithPath: (self.home as NSString).expandingTildeInPath).standardizedFileURL.path
        let launcher = DevnetLauncher(home: home)
        var nodes: [Process] = []
        var exports: [String] = []
        do {
            let daemon = launcher.daemon(port: daemonPort, blockTime: blockTime)
            nodes.append(try await launcher.start(daemon))
            let fullNode = try launcher.apiInfo(daemon)
            exports += ["export LOTUS_PATH=\(daemon.repo)", "export FULLNODE_API_INFO=\(fullNode)"]
            let owner = try launcher.defaultWallet(daemon)
            let miner = try launcher.prepareMiner(
                name: "miner", port: minerPort,
                subsystems: split ? "[Subsystems]\n  EnableMarkets = false\n" : "[Subsystems]\n  EnableMarkets = true\n",
                create: ["--owner", owner, "--sector-size", sectorSize], fullNode: fullNode)
            let actor = try launcher.minerAddress(miner)
            // Online backups (the split's first step) may be written under <home>/backups.
            try FileManager.default.createDirectory(atPath: home + "/backups", withIntermediateDirectories: true)
            nodes.append(try await launcher.start(miner, environment: ["FULLNODE_API_INFO": fullNode, "LOTUS_BACKUP_BASE_PATH": home + "/backups"]))
            let minerInfo = try launcher.apiInfo(miner)
            exports += ["export LOTUS_MINER_PATH=\(miner.repo)", "export MINER_API_INFO=\(minerInfo)"]
            if split {
                if !FileManager.default.fileExists(atPath: home + "/markets/keystore") {
                    try launcher.initMarketsService(miner: miner, minerInfo: minerInfo, port: marketsPort, fullNode: fullNode)
                }
                let markets = try launcher.prepareMiner(
                    name: "markets", port: marketsPort,
                    subsystems: """
                        [Subsystems]
                          EnableMining = false
                          EnableSealing = false
                          EnableSectorStorage = false
                          EnableMarkets = true
                          SealerApiInfo = "\(minerInfo)"
                          SectorIndexApiInfo = "\(minerInfo)"

                        """,
                    create: ["--actor", actor], fullNode: fullNode)
                nodes.append(try await launcher.start(markets, environment: ["FULLNODE_API_INFO": fullNode]))
                let marketsInfo = try launcher.apiInfo(markets)
                exports += ["export LOTUS_MARKETS_PATH=\(markets.repo)", "export MARKETS_API_INFO=\(marketsInfo)"]
                if let sent = try launcher.publishMarketsPeerID(actor: actor, marketsAPI: marketsInfo, miner: miner, fullNode: fullNode) {
                    for line in sent.split(separator: "\n") { print("  [markets peer ID] \(line)") }
                }
            } else {
                exports.append("export MARKETS_API_INFO=\(minerInfo)")
            }
            print("devnet up (chain daemon + \(split ? "split: mining node + markets node" : "monolith")), miner \(actor); logs in \(home)/*/node.log")
        } catch {
            DevnetLauncher.stop(nodes)
            throw error
        }
        print("# reach the nodes with:")
        for line in exports { print(line) }
        print("# Ctrl-C stops everything")
        fflush(nil)
        await DevnetLauncher.waitAndStop(nodes, events: events, continuation: continuation)
    }
}
