import APICore
import ArgumentParser
import CLISupport
import CommonAPI
import DaemonNode
import MinerConfig
import SubsystemSupport

/// `lotus daemon --devnet [--block-time 250ms] [--network-params FILE] [--api PORT]`: runs the chain daemon on
/// the repo (`--repo` / `LOTUS_PATH` / `~/.lotus`), creating a devnet there on first start; `lotus daemon stop`
/// stops a running one.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon", abstract: "Start a lotus daemon process", subcommands: [Stop.self])
    @ParentCommand var root: Lotus

    @Flag(help: "create a local devnet chain when the repo has none (the only chain this daemon runs)")
    var devnet = false

    @Option(name: .customLong("block-time"), help: "time between epochs of a new devnet (Go duration, e.g. 250ms, 4s)")
    var blockTime: String?

    @Option(name: .customLong("network-params"), help: "JSON file of network parameters for a new devnet")
    var networkParams: String?

    @Option(help: "API port, overriding [API] ListenAddress")
    var api: Int?

    func run() async throws {
        var duration: Duration?
        if let blockTime {
            let parsed: GoDuration
            do {
                parsed = try GoDuration.parse(blockTime)
            } catch {
                throw CLIError("invalid --block-time '\(blockTime)': \(error)")
            }
            guard parsed.nanoseconds > 0, parsed.nanoseconds % 1_000_000 == 0 else {
                throw CLIError("invalid --block-time '\(blockTime)': expected a positive whole number of milliseconds, e.g. 250ms or 4s")
            }
            duration = .nanoseconds(parsed.nanoseconds)
        }
        let options = DaemonOptions(
            repoPath: root.resolver.fullNodeRepoPath.path, devnet: devnet, blockTime: duration,
            networkParamsFile: networkParams, apiPort: api)
        try await DaemonRunner(options: options).run(logs: Lotus.logs)
    }

    /// `lotus daemon stop`: graceful shutdown of the running daemon.
    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a running lotus daemon")
        @ParentCommand var root: Lotus

        func run() async throws {
            _ = try await root.connect().common.call(\.shutdown)
        }
    }
}
