/// What one measured load produced: per-call latencies (nanoseconds), wall time and failures.
struct LatencyStats: Sendable {
    let calls: Int
    let errors: Int
    let firstError: String?
    let elapsed: Duration
    let p50: Int64
    let p99: Int64
    /// CPU time of the whole process (callers and servers) during the load.
    let cpuNanos: Int64

    init(samples: [Int64], errors: Int, firstError: String?, elapsed: Duration, cpuNanos: Int64) {
        let sorted = samples.sorted()
        self.calls = sorted.count
        self.errors = errors
        self.firstError = firstError
        self.elapsed = elapsed
        self.cpuNanos = cpuNanos
        self.p50 = sorted.isEmpty ? 0 : sorted[sorted.count * 50 / 100]
        self.p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
    }

    /// Process CPU time per call, in nanoseconds.
    var cpuPerCall: Int64 { calls > 0 ? cpuNanos / Int64(calls) : 0 }

    /// Successful calls per second of wall time.
    var callsPerSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Double(calls) / seconds : 0
    }
}
