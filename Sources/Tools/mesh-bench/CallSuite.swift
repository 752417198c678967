import HTTP2Transport
import JSONRPC

/// Part 1: calls/s and latency of each method on each path, and the direct-vs-HTTP/2 ratio.
struct CallSuite {
    let mesh: Mesh
    let plan: BenchPlan

    /// Measures everything and prints the table.
    func run() async throws {
        let transport = mesh.http2Transport()
        let client = RPCClient(transport: transport)
        let methods = [MethodUnderTest.version(mesh, http2: client), MethodUnderTest.blob(mesh, http2: client)]
        var table = Table("path", "method", "callers", "calls", "calls/s", "p50", "p99", "CPU/call", "errors")
        var ratios: [String] = []
        var failures: [String] = []
        for method in methods {
            try await method.check()
            var rows: [(path: String, callers: Int, stats: LatencyStats)] = []
            func measure(_ path: String, _ callers: Int, _ calls: Int, _ operation: @escaping MethodUnderTest.Operation) async {
                Progress.note("\(method.name): \(path), \(callers) caller(s), \(calls) calls")
                let load = CallLoad(calls: calls, callers: callers, warmup: plan.warmup(for: calls), timeLimit: plan.timeLimit)
                rows.append((path, callers, await load.run(operation)))
            }
            await measure("direct (SubsystemRef.local)", 1, plan.directCalls, method.direct)
            await measure("in-process JSON-RPC", 1, plan.inProcessCalls, method.inProcess)
            for (callers, calls) in plan.http2Calls {
                await measure("HTTP/2, 1 connection", callers, calls, method.http2)
            }
            for row in rows {
                let stats = row.stats
                table.add(
                    row.path, method.name, String(row.callers), String(stats.calls), Format.rate(stats.callsPerSecond),
                    Format.latency(stats.p50), Format.latency(stats.p99), Format.latency(stats.cpuPerCall), String(stats.errors))
                if let error = stats.firstError { failures.append("\(method.name) \(row.path) ×\(row.callers): \(error)") }
            }
            ratios.append(Self.ratio(method.name, rows))
        }
        let connections = mesh.http.connectionCount
        await transport.close()
        print(table.render())
        print("CPU/call: user+system CPU of this whole process (callers and server) divided by calls")
        print("HTTP/2 client connections open on the server during the run: \(connections) (expected 1)")
        for failure in failures { print("ERROR " + failure) }
        print("")
        print("direct vs HTTP/2 (target: direct >= 100x cheaper):")
        for line in ratios { print("  " + line) }
    }

    /// Direct against HTTP/2: per-call latency at one caller, and throughput against HTTP/2's best.
    static func ratio(_ method: String, _ rows: [(path: String, callers: Int, stats: LatencyStats)]) -> String {
        guard let direct = rows.first?.stats else { return method + ": no data" }
        let http2 = rows.filter { $0.path.hasPrefix("HTTP/2") }
        guard let single = http2.first(where: { $0.callers == 1 })?.stats,
            let best = http2.max(by: { $0.stats.callsPerSecond < $1.stats.callsPerSecond })
        else { return method + ": no HTTP/2 data" }
        let latency = Double(single.p50) / Double(max(1, direct.p50))
        let throughput = direct.callsPerSecond / max(1, best.stats.callsPerSecond)
        let cheapest = http2.map(\.stats.cpuPerCall).min() ?? 0
        let cpu = Double(cheapest) / Double(max(1, direct.cpuPerCall))
        let verdict = min(latency, throughput, cpu) >= 100 ? "PASS" : "FAIL"
        return "\(method): p50 \(Format.latency(direct.p50)) vs \(Format.latency(single.p50)) (1 caller) = "
            + "\(Format.times(latency)); calls/s \(Format.rate(direct.callsPerSecond)) vs best HTTP/2 "
            + "\(Format.rate(best.stats.callsPerSecond)) (\(best.callers) callers) = \(Format.times(throughput)); "
            + "CPU/call \(Format.latency(direct.cpuPerCall)) vs cheapest HTTP/2 \(Format.latency(cheapest)) = "
            + "\(Format.times(cpu)) -> \(verdict)"
    }
}
