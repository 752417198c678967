import ArgumentParser
import Foundation
import Logging

/// mesh-bench: what a call costs on each path of the mesh (direct actor call, in-process JSON-RPC,
/// HTTP/2 on one connection) and how the JSON-RPC server compares with static-reply HTTP/2 servers.
/// Every number it prints is measured in that run.
@main
struct MeshBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mesh-bench",
        abstract: "Measures the cost of a call on each mesh path and compares the JSON-RPC server with static h2c servers.",
        discussion: """
            Part 1: Filecoin.Version and a 1 KiB result, called directly on the actor, through in-process \
            JSON-RPC, and over one HTTP/2 connection with 1, 16 and 128 concurrent callers.
            Part 2: h2load -c 4 -m 32 against our server, static-reply NIO servers and nginx (h2c).
            Build with -c release; scripts/bench installs h2load and nginx, builds and runs this.
            """)

    @Flag(help: "A short run (about 20 s) with smaller counts and one h2load round.")
    var quick = false

    @Flag(name: .customLong("no-h2load"), help: "Skip part 2 (h2load against the servers).")
    var noH2load = false

    @Flag(name: .customLong("no-nginx"), help: "Skip nginx in part 2.")
    var noNginx = false

    @Option(help: "h2load requests per run (-n), at most; lowered so the slowest server runs about 6 s (2 s with --quick). Default 50000, 15000 with --quick.")
    var requests: Int?

    @Option(help: "h2load rounds; the median is reported. Default 3, 1 with --quick.")
    var rounds: Int?

    mutating func validate() throws {
        if let requests, requests < 128 { throw ValidationError("--requests must be at least 128 (4 clients x 32 streams)") }
        if let rounds, !(1...9).contains(rounds) { throw ValidationError("--rounds must be 1...9") }
    }

    func run() async throws {
        var plan = quick ? BenchPlan.quick : BenchPlan.full
        if let requests { plan.h2loadRequests = requests }
        if let rounds { plan.h2loadRounds = rounds }
        let h2load = ChildProcess.find("h2load")
        let nginx = ChildProcess.find("nginx")
        var logger = Logger(label: "mesh-bench")
        logger.logLevel = .error

        print("== mesh-bench ==")
        for line in MachineContext.describe(mode: quick ? "quick" : "full", h2load: h2load, nginx: nginx) { print(line) }
        let scratch = FileManager.default.temporaryDirectory.path + "/mesh-bench-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        let clock = ContinuousClock()
        let started = clock.now
        let startLoad = MachineLoad.now()
        let mesh = try await Mesh.start(logger: logger)
        do {
            print("\n== 1. calls: direct actor vs in-process JSON-RPC vs HTTP/2 (one connection) ==")
            try await CallSuite(mesh: mesh, plan: plan).run()

            print("\n== 2. h2load: JSON-RPC server vs static-reply servers ==")
            if noH2load {
                print("skipped (--no-h2load)")
            } else if let h2load {
                if nginx == nil && !noNginx {
                    print("nginx not found: install it with `apt-get install -y nginx-light` (scripts/bench does this); running without it")
                }
                try await ServerComparison(
                    mesh: mesh, plan: plan, h2load: h2load, nginx: noNginx ? nil : nginx, scratch: scratch
                ).run()
            } else {
                print("h2load not found: install it with `apt-get install -y nghttp2-client` (scripts/bench does this); part 2 skipped")
            }
        } catch {
            await mesh.stop()
            throw error
        }
        await mesh.stop()
        let elapsed = started.duration(to: clock.now).components.seconds
        let others = MachineLoad.now().othersSince(startLoad)
        print("\ntotal time: \(elapsed) s; CPU used meanwhile by other processes on this machine: "
            + "\(Format.fixed(others, 2)) of \(ProcessInfo.processInfo.activeProcessorCount) cores on average"
            + (others > 0.25 ? " (numbers above are depressed by that sharing)" : ""))
    }
}
