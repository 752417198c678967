import Foundation

/// How `lotus daemon` was asked to run.
public struct DaemonOptions: Sendable {
    /// The repo (`--repo` / `LOTUS_PATH` / `~/.lotus`), `~` not yet expanded.
    public var repoPath: String
    /// `--devnet`: create a devnet chain when the repo has none (the only kind of chain this daemon runs).
    public var devnet: Bool
    /// `--block-time`: the devnet's epoch length, overriding the network params file (only when creating the chain).
    public var blockTime: Duration?
    /// `--network-params FILE`: JSON network parameters for a new chain (see `NetworkParams`).
    public var networkParamsFile: String?
    /// `--api`: the port to listen on, overriding `[API] ListenAddress`'s port (Lotus's `lotus daemon --api`).
    public var apiPort: Int?
    /// Variables for `LOTUS_*` config overrides and `~` expansion.
    public var environment: [String: String]

    /// Options for a daemon on `repoPath`.
    public init(
        repoPath: String, devnet: Bool = false, blockTime: Duration? = nil, networkParamsFile: String? = nil,
        apiPort: Int? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.repoPath = repoPath
        self.devnet = devnet
        self.blockTime = blockTime
        self.networkParamsFile = networkParamsFile
        self.apiPort = apiPort
        self.environment = environment
    }
}
