import Foundation

/// CPU time (user + system) used so far, in nanoseconds: less sensitive than throughput to other work
/// sharing the machine.
enum CPUTime {
    /// This process, all threads (getrusage).
    static func ownProcess() -> Int64 {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return nanoseconds(usage.ru_utime) + nanoseconds(usage.ru_stime)
    }

    /// Process `pid` and its direct children (nginx's master and workers), from `/proc`, at clock-tick
    /// resolution (usually 10 ms).
    static func processTree(_ pid: Int32) -> Int64 {
        let ticksPerSecond = Int64(sysconf(Int32(_SC_CLK_TCK)))
        guard ticksPerSecond > 0, let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return 0 }
        var ticks: Int64 = 0
        for entry in entries where entry.allSatisfy(\.isNumber) {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // Fields after "pid (comm)": state ppid ... utime(14) stime(15), numbered from 1 overall.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 12, let ppid = Int32(fields[1]) else { continue }
            if Int32(entry) == pid || ppid == pid {
                ticks += (Int64(fields[11]) ?? 0) + (Int64(fields[12]) ?? 0)
            }
        }
        return ticks * 1_000_000_000 / ticksPerSecond
    }

    private static func nanoseconds(_ time: timeval) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_usec) * 1_000
    }
}
