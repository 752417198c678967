/// How much to measure: call counts per path, a time cap per measurement, h2load size and rounds.
struct BenchPlan: Sendable {
    var directCalls: Int
    var inProcessCalls: Int
    /// HTTP/2 calls per number of concurrent callers (all on one connection).
    var http2Calls: [(callers: Int, calls: Int)]
    /// Upper bound for one measurement; a load stops early when it is reached.
    var timeLimit: Duration
    var h2loadRequests: Int
    var h2loadRounds: Int
    /// h2load's -n is lowered (never below 4000) so the slowest server's run takes about this long.
    var h2loadRunTarget: Duration

    /// About 2 minutes on 2 cores.
    static let full = BenchPlan(
        directCalls: 300_000, inProcessCalls: 30_000, http2Calls: [(1, 5_000), (16, 30_000), (128, 40_000)],
        timeLimit: .seconds(6), h2loadRequests: 50_000, h2loadRounds: 3, h2loadRunTarget: .seconds(6))

    /// About 20 seconds.
    static let quick = BenchPlan(
        directCalls: 50_000, inProcessCalls: 5_000, http2Calls: [(1, 1_000), (16, 5_000), (128, 8_000)],
        timeLimit: .seconds(2), h2loadRequests: 15_000, h2loadRounds: 1, h2loadRunTarget: .seconds(2))

    /// Untimed calls before each measurement: 5 % of it, at least 100.
    func warmup(for calls: Int) -> Int { max(100, calls / 20) }
}
