/// A closed-loop load: `callers` tasks, each calling `operation` back to back until the load's
/// `calls` are done or `timeLimit` has passed. Every call is timed on its own.
struct CallLoad: Sendable {
    var calls: Int
    var callers: Int
    /// Untimed calls made first (spread over the same number of callers).
    var warmup: Int
    var timeLimit: Duration

    func run(_ operation: @escaping @Sendable () async throws -> Void) async -> LatencyStats {
        let clock = ContinuousClock()
        _ = await Self.spread(warmup, over: callers, until: clock.now + timeLimit, operation)
        let cpuBefore = CPUTime.ownProcess()
        let start = clock.now
        let result = await Self.spread(calls, over: callers, until: start + timeLimit, operation)
        let elapsed = start.duration(to: clock.now)
        let cpu = CPUTime.ownProcess() - cpuBefore
        return LatencyStats(
            samples: result.nanos, errors: result.errors, firstError: result.firstError, elapsed: elapsed, cpuNanos: cpu)
    }

    private static func spread(
        _ calls: Int, over callers: Int, until deadline: ContinuousClock.Instant,
        _ operation: @escaping @Sendable () async throws -> Void
    ) async -> CallerResult {
        await withTaskGroup(of: CallerResult.self) { group in
            for index in 0..<callers {
                let share = calls / callers + (index < calls % callers ? 1 : 0)
                if share > 0 { group.addTask { await caller(share, deadline, operation) } }
            }
            var total = CallerResult()
            for await part in group { total.merge(part) }
            return total
        }
    }

    private static func caller(
        _ calls: Int, _ deadline: ContinuousClock.Instant, _ operation: @Sendable () async throws -> Void
    ) async -> CallerResult {
        let clock = ContinuousClock()
        var result = CallerResult()
        result.nanos.reserveCapacity(calls)
        var now = clock.now
        for _ in 0..<calls {
            let began = now
            do {
                try await operation()
                now = clock.now
                result.nanos.append(Self.nanoseconds(began.duration(to: now)))
            } catch {
                now = clock.now
                result.errors += 1
                if result.firstError == nil { result.firstError = "\(error)" }
            }
            if now >= deadline { break }
        }
        return result
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
