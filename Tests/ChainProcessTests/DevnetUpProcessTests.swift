import ChildProcesses
import Foundation
import MeshTestKit
import TestScheduling
import Testing

/// `lotus-devnet up` as an operator runs it: daemon + miner in one command, exports printed, SIGTERM stops every
/// process, and a second `up` on the same home resumes the same chain and miner.
@Suite("lotus-devnet up with the chain daemon (processes)", .serialized)
struct DevnetUpProcessTests {
    /// A running `lotus-devnet up` and its captured output.
    struct Up {
        let process: Process
        let output: URL

        var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        static func start(home: String, ports: [Int], split: Bool = false) async throws -> Up {
            let process = Process()
            process.executableURL = Tools.binDir.appendingPathComponent("lotus-devnet")
            process.arguments = [
                "up", "--home", home, "--block-time", "100ms", "--daemon-port", String(ports[0]), "--miner-port", String(ports[1]),
                "--markets-port", String(ports[2]),
            ] + (split ? ["--split"] : [])
            process.environment = Tools.baseEnvironment
            let output = URL(fileURLWithPath: home + ".up.log")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
            process.standardError = handle
            try ChildProcess.start(process)
            let up = Up(process: process, output: output)
            for _ in 0..<TestTime.rounds(1200) {
                if up.text.contains("# Ctrl-C stops everything") { return up }
                if !process.isRunning { throw ProcessFailure("lotus-devnet up exited: \(up.text)") }
                try await Task.sleep(for: .milliseconds(50))
            }
            process.terminate()
            throw ProcessFailure("lotus-devnet up did not come up in 60 s: \(up.text)")
        }

        /// The value of `export NAME=value` in the output.
        func export(_ name: String) -> String? {
            text.split(separator: "\n").first { $0.hasPrefix("export \(name)=") }.map { String($0.dropFirst("export \(name)=".count)) }
        }

        /// SIGTERM, then the exit status.
        func stop() async -> Int32 {
            process.terminate()
            for _ in 0..<TestTime.rounds(600) where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
            return process.terminationStatus
        }
    }

    /// Process ids whose environment names `home` (the devnet's children get their repo paths under it).
    static func processes(using home: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return String(decoding: data, as: UTF8.self).contains(home + "/")
        }
    }

    @Test("up brings the daemon and a miner on t01000, SIGTERM stops all, a second up resumes")
    func upStopResume() async throws {
        let home = NSTemporaryDirectory() + "devnetup-" + UUID().uuidString.prefix(8)
        defer {
            try? FileManager.default.removeItem(atPath: home)
            try? FileManager.default.removeItem(atPath: home + ".up.log")
        }
        let ports = try (0..<3).map { _ in try Tools.freePort() }
        let up = try await Up.start(home: home, ports: ports)
        #expect(up.text.contains("miner t01000"))
        let fullNode = try #require(up.export("FULLNODE_API_INFO"))
        #expect(fullNode.hasSuffix(":/ip4/127.0.0.1/tcp/\(ports[0])/http"))
        #expect(up.export("MINER_API_INFO")?.hasSuffix(":/ip4/127.0.0.1/tcp/\(ports[1])/http") == true)
        #expect(up.export("MARKETS_API_INFO") == up.export("MINER_API_INFO"))
        let env = ["FULLNODE_API_INFO": fullNode, "MINER_API_INFO": try #require(up.export("MINER_API_INFO"))]
        let info = try await Tools.run("lotus-miner", ["info"], environment: env)
        #expect(info.status == 0, "\(info)")
        #expect(info.stdout.contains("Miner: t01000 (2 KiB sectors)"))
        // The mining node reaches the chain it was started with (FULLNODE_API_INFO): ActorSectorSize is answered
        // from StateMinerInfo.
        let minerInfo = try #require(up.export("MINER_API_INFO"))
        let minerPort = try #require(minerInfo.split(separator: "/").dropLast().last)
        let sectorSize = try await Tools.run(
            "/usr/bin/curl",
            ["-s", "--http2-prior-knowledge", "-H", "Authorization: Bearer \(minerInfo.prefix { $0 != ":" })", "-X", "POST", "-d",
             #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.ActorSectorSize","params":["t01000"]}"#, "http://127.0.0.1:\(minerPort)/rpc/v0"])
        #expect(sectorSize.stdout.contains(#""result":2048"#), "\(sectorSize)")
        let height = try await Tools.run("lotus", ["chain", "head", "--height"], environment: env)
        let before = try #require(Int(height.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.processes(using: home).count >= 2)
        let minerPeer = try await Tools.run("lotus-miner", ["net", "id"], environment: env).stdout.trimmingCharacters(in: .newlines)
        let daemonPeers = try await Tools.run("lotus", ["net", "peers"], environment: env)
        #expect(daemonPeers.stdout.hasPrefix(minerPeer + ", [/ip4/127.0.0.1/tcp/"), "the miner bootstrapped with the daemon: \(daemonPeers)")

        let stopped = await up.stop()
        #expect(stopped == 0)
        #expect(up.text.contains("devnet stopped"))
        #expect(Self.processes(using: home).isEmpty)

        let again = try await Up.start(home: home, ports: ports)
        #expect(again.text.contains("miner t01000"))
        #expect(!again.text.contains("[miner init]"))
        let resumed = try await Tools.run("lotus", ["chain", "head", "--height"], environment: ["FULLNODE_API_INFO": try #require(again.export("FULLNODE_API_INFO"))])
        #expect(try #require(Int(resumed.stdout.trimmingCharacters(in: .whitespacesAndNewlines))) >= before)
        let stoppedAgain = await again.stop()
        #expect(stoppedAgain == 0)
        #expect(Self.processes(using: home).isEmpty)
    }

    @Test("up --split: the markets node is made the runbook's way (backup, init service) and is the daemon's libp2p peer, not the mining node")
    func splitPeers() async throws {
        let home = NSTemporaryDirectory() + "devnetsplit-" + UUID().uuidString.prefix(8)
        defer {
            try? FileManager.default.removeItem(atPath: home)
            try? FileManager.default.removeItem(atPath: home + ".up.log")
        }
        let up = try await Up.start(home: home, ports: try (0..<3).map { _ in try Tools.freePort() }, split: true)
        let env = [
            "FULLNODE_API_INFO": try #require(up.export("FULLNODE_API_INFO")), "MINER_API_INFO": try #require(up.export("MINER_API_INFO")),
            "MARKETS_API_INFO": try #require(up.export("MARKETS_API_INFO")),
        ]
        let marketsPeer = try await Tools.run("lotus-miner", ["net", "id"], environment: env)
        #expect(marketsPeer.status == 0, "\(marketsPeer)")
        let daemonPeers = try await Tools.run("lotus", ["net", "peers"], environment: env)
        let lines = daemonPeers.stdout.split(separator: "\n")
        let marketsID = marketsPeer.stdout.trimmingCharacters(in: .newlines)
        #expect(lines.count == 1 && lines[0].hasPrefix(marketsID + ", "), "\(daemonPeers)")
        // The chain names the markets node's host (init service's ChangePeerID), not the mining node's init key.
        let info = try await Tools.run("lotus", ["state", "miner-info", "t01000"], environment: env)
        #expect(info.stdout.contains("PeerID:\t\(marketsID)\n"), "\(info)")
        #expect(up.text.contains("[markets init] lotus-miner backup \(home)/backups/split.cbor: Success"), "\(up.text)")
        #expect(up.text.contains("[markets init] ACTOR ADDRESS: t01000"), "\(up.text)")
        #expect(up.text.contains("[markets init] Updating the miner's peer ID to \(marketsID)"), "\(up.text)")
        #expect(await up.stop() == 0)
    }
}
