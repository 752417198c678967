/// What one measured load produced: per-call latencies (nanoseconds), wall time and failures.
struct LatencyStats: Sendable {
    let calls: Int
    let errors: Int
    let firstError: String?
    let elapsed: Duration
    let p50: Int64
    let p99: Int64

    init(samples: [Int64], errors: Int, firstError: String?, elapsed: Duration) {
        let sorted = samples.sorted()
        self.calls = sorted.count
        self.errors = errors
        self.firstError = firstError
        self.elapsed = elapsed
        self.p50 = sorted.isEmpty ? 0 : sorted[sorted.count * 50 / 100]
        self.p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
    }

    /// Successful calls per second of wall time.
    var callsPerSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Double(calls) / seconds : 0
    }
}
