import ChainTypes

/// A sealing task running now (Lotus `storiface.WorkerJob`, from `WorkerJobs`, shown by `lotus-miner sealing jobs`).
/// This node seals in-process, so its one worker is the node itself.
public struct WorkerJob: Codable, Sendable, Equatable {
    /// The sector.
    public var sector: SectorID
    /// The task, as Lotus names it (`seal/v0/precommit/1`, …); ``shortName`` is the CLI's column.
    public var task: String
    /// 0 while running (Lotus: ≥ 1 is a place in the queue).
    public var runWait: Int
    /// When the task started (Unix seconds).
    public var start: UInt64
    /// The worker's host.
    public var hostname: String

    public init(sector: SectorID, task: String, runWait: Int = 0, start: UInt64, hostname: String) {
        self.sector = sector
        self.task = task
        self.runWait = runWait
        self.start = start
        self.hostname = hostname
    }

    /// The CLI's short task name (Lotus `TaskType.Short`).
    public var shortName: String {
        switch task {
        case "seal/v0/addpiece": "AP"
        case "seal/v0/precommit/1": "PC1"
        case "seal/v0/precommit/2": "PC2"
        case "seal/v0/commit/1": "C1"
        case "seal/v0/commit/2": "C2"
        case "seal/v0/finalize": "FIN"
        case "seal/v0/unseal": "UNS"
        case "seal/v0/remove": "RM"
        default: task
        }
    }

    enum CodingKeys: String, CodingKey {
        case sector = "Sector", task = "Task", runWait = "RunWait", start = "Start", hostname = "Hostname"
    }
}
