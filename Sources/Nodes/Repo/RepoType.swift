/// Which kind of node a repo belongs to (Lotus's `repo.RepoType`): where it lives by default, which variables
/// point at it, and which commands create and run it, so messages tell the operator the right command.
public struct RepoType: Sendable, Hashable, CustomStringConvertible {
    /// Lotus's type name: `FullNode`, `StorageMiner`, `Markets`.
    public let name: String
    /// Default location, e.g. `~/.lotus`.
    public let defaultPath: String
    /// The environment variable holding the repo path, e.g. `LOTUS_PATH`.
    public let pathVariable: String
    /// The environment variable holding the node's API info, e.g. `FULLNODE_API_INFO`.
    public let apiInfoVariable: String
    /// The command that creates the repo, e.g. `lotus daemon`.
    public let initCommand: String
    /// The command that runs the node, e.g. `lotus daemon`.
    public let runCommand: String
    /// The process that holds the repo while running, as messages name it: `lotus daemon`, `lotus-miner`.
    public let processName: String

    /// Declares a repo type.
    public init(
        name: String, defaultPath: String, pathVariable: String, apiInfoVariable: String, initCommand: String, runCommand: String,
        processName: String
    ) {
        self.name = name
        self.defaultPath = defaultPath
        self.pathVariable = pathVariable
        self.apiInfoVariable = apiInfoVariable
        self.initCommand = initCommand
        self.runCommand = runCommand
        self.processName = processName
    }

    /// The chain daemon's repo: `~/.lotus`, `LOTUS_PATH`, `FULLNODE_API_INFO`; `lotus daemon --devnet` creates it on first start.
    public static let fullNode = RepoType(
        name: "FullNode", defaultPath: "~/.lotus", pathVariable: "LOTUS_PATH", apiInfoVariable: "FULLNODE_API_INFO",
        initCommand: "lotus daemon --devnet", runCommand: "lotus daemon", processName: "lotus daemon")
    /// The storage provider's repo: `~/.lotusminer`, `LOTUS_MINER_PATH`, `MINER_API_INFO`.
    public static let storageMiner = RepoType(
        name: "StorageMiner", defaultPath: RepoPath.defaultMinerRepo, pathVariable: "LOTUS_MINER_PATH",
        apiInfoVariable: "MINER_API_INFO", initCommand: "lotus-miner init", runCommand: "lotus-miner run",
        processName: "lotus-miner")
    /// The markets node's repo: `~/.lotusmarkets`, `LOTUS_MARKETS_PATH`, `MARKETS_API_INFO`.
    public static let markets = RepoType(
        name: "Markets", defaultPath: "~/.lotusmarkets", pathVariable: "LOTUS_MARKETS_PATH",
        apiInfoVariable: "MARKETS_API_INFO", initCommand: "lotus-miner init service --type=markets",
        runCommand: "lotus-miner run", processName: "lotus-miner")

    /// Same as ``name``.
    public var description: String { name }
}
