import ArgumentParser
import Foundation

/// `lotus-devnet`: brings up a local storage provider in one command (monolith, or split with `--split`).
@main
struct LotusDevnet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lotus-devnet", abstract: "Run a local devnet storage provider", subcommands: [Up.self])
}

/// `lotus-devnet up [--split] [--home DIR]`.
struct Up: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the nodes, print how to reach them, stop them on Ctrl-C")

    @Flag(help: "run a mining node and a separate markets node instead of one monolith")
    var split = false

    @Option(help: "where the node repos live")
    var home = "./devnet-home"

    @Option(name: .customLong("miner-port"), help: "API port of the miner (mining node in --split)")
    var minerPort = 2345

    @Option(name: .customLong("markets-port"), help: "API port of the markets node (--split only)")
    var marketsPort = 8787

    func run() async throws {
        let home = URL(fileURLWithPath: (self.home as NSString).expandingTildeInPath).standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let launcher = DevnetLauncher(home: home)
        let miner = try launcher.prepare(
            name: "miner", port: minerPort, subsystems: split ? "[Subsystems]\n  EnableMarkets = false\n" : "[Subsystems]\n  EnableMarkets = true\n")
        var nodes = [try await launcher.start(miner)]
        var exports = ["export LOTUS_MINER_PATH=\(miner.repo)", "export MINER_API_INFO=\(try launcher.apiInfo(miner))"]
        if split {
            let info = try launcher.apiInfo(miner)
            let markets = try launcher.prepare(
                name: "markets", port: marketsPort,
                subsystems: """
                    [Subsystems]
                      EnableMining = false
                      EnableSealing = false
                      EnableSectorStorage = false
                      EnableMarkets = true
                      SealerApiInfo = "\(info)"
                      SectorIndexApiInfo = "\(info)"

                    """)
            nodes.append(try await launcher.start(markets))
            exports += ["export LOTUS_MARKETS_PATH=\(markets.repo)", "export MARKETS_API_INFO=\(try launcher.apiInfo(markets))"]
        } else {
            exports.append("export MARKETS_API_INFO=\(try launcher.apiInfo(miner))")
        }
        print("devnet up (\(split ? "split: mining node + markets node" : "monolith")); logs in \(home)/*/node.log")
        print("# reach the nodes with:")
        for line in exports { print(line) }
        print("# Ctrl-C stops everything")
        fflush(nil)
        await launcher.waitForSignalOrExit(nodes)
    }
}
