import Foundation

/// A snapshot of the machine's busy CPU time and this process's own (with waited-for children: h2load,
/// nginx), to tell how much other work competed with the benchmark.
struct MachineLoad: Sendable {
    let busy: Int64
    let own: Int64
    let at: ContinuousClock.Instant

    static func now() -> MachineLoad {
        MachineLoad(busy: machineBusy(), own: ownWithChildren(), at: ContinuousClock.now)
    }

    /// CPU used by other processes since `start`, in cores on average (e.g. `1.4` of 2).
    func othersSince(_ start: MachineLoad) -> Double {
        let wall = CallLoad.nanoseconds(start.at.duration(to: at))
        guard wall > 0 else { return 0 }
        return Double(max(0, (busy - start.busy) - (own - start.own))) / Double(wall)
    }

    /// Busy (not idle, not iowait) time of all CPUs from `/proc/stat`, in nanoseconds.
    static func machineBusy() -> Int64 {
        let ticksPerSecond = Int64(sysconf(Int32(_SC_CLK_TCK)))
        guard ticksPerSecond > 0, let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = stat.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return 0 }
        let fields = line.split(separator: " ").dropFirst().compactMap { Int64($0) }
        guard fields.count >= 8 else { return 0 }
        let busy = fields.prefix(8).reduce(0, +) - fields[3] - fields[4]
        return busy * 1_000_000_000 / ticksPerSecond
    }

    static func ownWithChildren() -> Int64 {
        var children = rusage()
        guard getrusage(RUSAGE_CHILDREN.rawValue, &children) == 0 else { return CPUTime.ownProcess() }
        let childNanos = (Int64(children.ru_utime.tv_sec) + Int64(children.ru_stime.tv_sec)) * 1_000_000_000
            + (Int64(children.ru_utime.tv_usec) + Int64(children.ru_stime.tv_usec)) * 1_000
        return CPUTime.ownProcess() + childNanos
    }
}
