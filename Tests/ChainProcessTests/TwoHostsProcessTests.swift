import ChildProcesses
import Foundation
import MeshTestKit
import TestScheduling
import Testing

/// The runbook across "hosts": `deploy/two-hosts.sh` puts the daemon, the mining node, the markets node and the client
/// in network namespaces of their own (it needs root, as CI has) and runs the whole runbook across them.
// Heavy, as the one-host runbook: it runs alone among the gated tests.
@Suite("The runbook on two hosts (network namespaces)", .serialized, .heavyLoad(within: .seconds(8 * 60)),
       .enabled(if: NetworkNamespaces.available, "needs root and `ip netns` (CI runs as root)"))
struct TwoHostsProcessTests {
    /// `deploy/two-hosts.sh` of this checkout.
    static let launcher = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy/two-hosts.sh").path

    /// The namespaces whose names start with `prefix`.
    static func namespaces(_ prefix: String) async throws -> [String] {
        try await Tools.run("/usr/sbin/ip", ["netns", "list"]).stdout.split(separator: "\n")
            .map { String($0.split(separator: " ")[0]) }.filter { $0.hasPrefix(prefix + "-") }
    }

    /// A fresh, short prefix for this run's namespaces and links.
    static func prefix() -> String { "lt" + String(UInt32.random(in: 0..<100_000)) }

    @Test("deploy/two-hosts.sh runs the runbook across namespaces, checks the client reaches only the markets node, and removes everything")
    func runbook() async throws {
        let prefix = Self.prefix()
        let run = try await Tools.run(Self.launcher, ["--prefix", prefix], environment: ["LOTUS_BIN_DIR": Tools.binDir.path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("client -> markets libp2p 10.78.0.3:24002: open; client -> mining node ports"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("== runbook complete across namespaces: 2 deals Active and retrievable on the monolith\n"), "\(run)")
        #expect(try await Self.namespaces(prefix).isEmpty)
    }

    @Test("stopped while it splits the node, the launcher leaves no namespace or node behind (the directory it was given stays)")
    func interrupted() async throws {
        let prefix = Self.prefix()
        let dir = NSTemporaryDirectory() + "two-hosts-" + prefix
        let output = NSTemporaryDirectory() + "two-hosts-" + prefix + ".out"
        FileManager.default.createFile(atPath: output, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: output)
            try? FileManager.default.removeItem(atPath: dir)
        }
        let process = Process()
        // This test process ignores SIGTERM (signal handling of the nodes it runs in-process), and a shell cannot trap
        // a signal ignored on entry: start the launcher with the default disposition, as a login shell would.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=TERM,INT", Self.launcher, "--prefix", prefix, dir]
        process.environment = Tools.baseEnvironment.merging(["LOTUS_BIN_DIR": Tools.binDir.path]) { _, new in new }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardOutput = handle
        process.standardError = handle
        try ChildProcess.start(process)
        var text = ""
        for _ in 0..<TestTime.rounds(600) where !text.contains("== 6-8.") && process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
            text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        }
        #expect(text.contains("== 6-8."), "\(text)")
        #expect(try await !Self.namespaces(prefix).isEmpty, "running: its namespaces exist")
        process.terminate()
        for _ in 0..<TestTime.rounds(300) where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 143, "\(text)")
        #expect(try await Self.namespaces(prefix).isEmpty)
        let left = try await Tools.run("/usr/bin/pgrep", ["-af", dir])
        #expect(left.stdout.isEmpty, "processes left: \(left.stdout)")
    }
}

/// Whether this machine lets a test create network namespaces.
enum NetworkNamespaces {
    /// Whether this process may create network namespaces (root with iproute2).
    static let available: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") || FileManager.default.isExecutableFile(atPath: "/sbin/ip")
        else { return false }
        let name = "lprobe\(getpid())"
        guard ip(["netns", "add", name]) == 0 else { return false }
        _ = ip(["netns", "del", name])
        return true
    }()

    /// Runs `ip args` quietly; its exit status.
    static func ip(_ args: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? ChildProcess.start(process)) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
