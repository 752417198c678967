import Synchronization

/// A process's peak resident memory (`VmRSS`), sampled every 20 ms from creation until ``stop()``.
public final class PeakRSS: Sendable {
    /// The resident memory when sampling began.
    public let initial: UInt64
    private let peak: Peak
    private let sampling: Task<Void, Never>

    /// The highest sample so far, shared with the sampling task.
    private final class Peak: Sendable {
        let value: Mutex<UInt64>
        init(_ value: UInt64) { self.value = Mutex(value) }
    }

    public init(pid: Int32) {
        let initial = BenchNodes.rss(pid: pid) ?? 0
        let peak = Peak(initial)
        self.initial = initial
        self.peak = peak
        self.sampling = Task {
            while !Task.isCancelled {
                if let rss = BenchNodes.rss(pid: pid) { peak.value.withLock { $0 = max($0, rss) } }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// Stops sampling; the peak seen.
    public func stop() -> UInt64 {
        sampling.cancel()
        return peak.value.withLock { $0 }
    }
}
