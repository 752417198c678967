import Foundation

/// Part 2: h2load against our JSON-RPC server, static-reply NIO servers and nginx, same parameters,
/// back to back, every server answering the same bytes.
struct ServerComparison {
    let mesh: Mesh
    let plan: BenchPlan
    let h2load: String
    /// nginx's path, `nil` when it is not installed or not wanted.
    let nginx: String?
    let scratch: String

    static let request = #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Version","params":[]}"#

    func run() async throws {
        let body = Array(Self.request.utf8)
        let bodyFile = scratch + "/body.json"
        try Data(body).write(to: URL(fileURLWithPath: bodyFile))
        let expected = try await mesh.reply(to: body)
        let reply = StaticReply(body: expected)
        let staticAsync = try await StaticAsyncServer.start(reply: reply)
        let staticSync = try await StaticSyncServer.start(reply: reply)
        var servers = [
            ServerUnderLoad(name: "ours: HTTPRPCServer + RPCServer", port: mesh.port),
            ServerUnderLoad(name: "static reply, NIO async (same stack)", port: staticAsync.port),
            ServerUnderLoad(name: "static reply, NIO sync handler", port: staticSync.port),
        ]
        var nginxServer: NginxServer?
        if let nginx {
            do {
                let server = try NginxServer.start(
                    executable: nginx, body: expected, port: try await FreePort.pick(), prefix: scratch + "/nginx")
                nginxServer = server
                do {
                    try await ReplyCheck.expect(expected, from: "nginx", port: server.port, body: body, waiting: .seconds(5))
                    let master = server.child.process.processIdentifier
                    servers.append(ServerUnderLoad(name: "nginx return 200 (h2c)", port: server.port) { CPUTime.processTree(master) })
                } catch {
                    print("nginx: skipped, it did not serve the reply: \(error)\n\(server.log)")
                }
            } catch {
                print("nginx: skipped, it did not start: \(error)")
            }
        }
        do {
            for server in servers.prefix(3) {
                try await ReplyCheck.expect(expected, from: server.name, port: server.port, body: body, waiting: .seconds(2))
            }
            let load = H2Load(
                executable: h2load, requests: plan.h2loadRequests, clients: 4, streams: 32, bodyFile: bodyFile, scratch: scratch)
            let sized = try await measure(&servers, load)
            report(servers, sized, replyBytes: expected.count)
        } catch {
            await stop(staticAsync, staticSync, nginxServer)
            throw error
        }
        await stop(staticAsync, staticSync, nginxServer)
    }

    /// Warms every server up, sizes -n from the slowest warm-up, then runs the rounds.
    /// - Returns: the h2load parameters used.
    private func measure(_ servers: inout [ServerUnderLoad], _ load: H2Load) async throws -> H2Load {
        var slowest = Double.infinity
        for server in servers {
            Progress.note("h2load warm-up: \(server.name)")
            slowest = min(slowest, try await load.run(server.url, requests: 4_000).requestsPerSecond)
        }
        var load = load
        let seconds = Double(CallLoad.nanoseconds(plan.h2loadRunTarget)) / 1e9
        load.requests = min(load.requests, max(4_000, Int(slowest * seconds) / 1_000 * 1_000))
        for round in 1...plan.h2loadRounds {
            for index in servers.indices {
                Progress.note("h2load round \(round)/\(plan.h2loadRounds): \(servers[index].name)")
                let before = servers[index].cpu()
                let result = try await load.run(servers[index].url)
                let used = servers[index].cpu() - before
                servers[index].results.append(result)
                servers[index].cpuPerRequest.append(used / Int64(max(1, result.succeeded)))
            }
        }
        return load
    }

    private func report(_ servers: [ServerUnderLoad], _ load: H2Load, replyBytes: Int) {
        print("\(load.parameters), \(plan.h2loadRounds) round(s), servers back to back in each round;")
        if load.requests < plan.h2loadRequests {
            print("(-n lowered from \(plan.h2loadRequests) so the slowest server's run takes about \(plan.h2loadRunTarget))")
        }
        print("request: \(Self.request)  reply: the same \(replyBytes) bytes from every server")
        var table = Table("server", "req/s (median)", "rounds req/s", "server CPU/req", "succeeded", "2xx", "mean req time")
        for server in servers {
            let total = server.results.count * load.requests
            table.add(
                server.name, Format.rate(server.medianRate),
                server.results.map { Format.rate($0.requestsPerSecond) }.joined(separator: " "),
                Format.latency(server.medianCPU),
                "\(server.results.reduce(0) { $0 + $1.succeeded })/\(total)",
                String(server.results.reduce(0) { $0 + $1.status2xx }),
                server.results.last?.meanRequestTime ?? "-")
        }
        print(table.render())
        print("server CPU/req: user+system CPU of the server process(es) during the run / requests (median round);")
        print("h2load runs in its own process and is not counted")
        let ours = servers[0].medianRate
        func line(_ label: String, _ other: ServerUnderLoad?, _ target: String) {
            guard let other, other.medianRate > 0 else { return }
            print("  ours / \(label): \(Format.percent(ours / other.medianRate))\(target)")
        }
        print("")
        print("ratios (median req/s):")
        line("static reply, same NIO async stack", servers[1], " (target >= 90%: \(ours / servers[1].medianRate >= 0.9 ? "PASS" : "FAIL"))")
        line("static reply, NIO sync handler", servers[2], " (NIO ceiling, for reference)")
        if servers.count > 3 {
            line("nginx", servers[3], " (stretch >= 50%: \(ours / servers[3].medianRate >= 0.5 ? "PASS" : "FAIL"))")
        }
        print("CPU cost (other server's CPU/req ÷ ours; less sensitive to other load on the machine):")
        for other in servers.dropFirst() where servers[0].medianCPU > 0 {
            let ratio = Double(other.medianCPU) / Double(servers[0].medianCPU)
            print("  \(other.name): \(Format.percent(ratio)) (\(Format.latency(other.medianCPU)) vs \(Format.latency(servers[0].medianCPU)))")
        }
    }

    private func stop(_ staticAsync: StaticAsyncServer, _ staticSync: StaticSyncServer, _ nginx: NginxServer?) async {
        await staticSync.stop()
        await staticAsync.stop()
        await nginx?.stop()
    }
}
