import Foundation
import MeshTestKit
import Repo
import Testing

/// The operator's view: real `lotus-miner` processes, real sockets, real repos, in both topologies.
@Suite("lotus-miner processes", .serialized)
struct RunbookProcessTests {
    static func tempDir(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lm-\(name)-\(UUID().uuidString.prefix(6))").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("Monolith: run, api and token files, curl over h2c and HTTP/1.1, auth api-info, stop")
    func monolith() async throws {
        let dir = Self.tempDir("mono")
        let node = try await NodeProcess.start(repo: dir + "/miner")
        let env = ["LOTUS_MINER_PATH": node.repo]
        #expect(try String(contentsOfFile: node.repo + "/api", encoding: .utf8) == node.multiaddr)
        let tokenMode = try FileManager.default.attributesOfItem(atPath: node.repo + "/token")[.posixPermissions] as? Int
        #expect(tokenMode == 0o600)

        let body = #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Version","params":[]}"#
        let h2 = try await Tools.run("/usr/bin/curl", ["-s", "--http2-prior-knowledge", "-X", "POST", "-d", body, "-w", "\n%{http_version}", node.url])
        #expect(h2.stdout.contains(#""APIVersion":66816"#))
        #expect(h2.stdout.hasSuffix("\n2"))
        let h1 = try await Tools.run("/usr/bin/curl", ["-s", "--http1.1", "-X", "POST", "-d", body, "-w", "\n%{http_version}", node.url])
        #expect(h1.stdout.contains(#""APIVersion":66816"#))
        #expect(h1.stdout.hasSuffix("\n1.1"))
        let bad = try await Tools.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer nope", "-X", "POST", "-d", body, node.url])
        #expect(bad.stdout == "401")

        let info = try await Tools.run("lotus-miner", ["auth", "api-info", "--perm=admin"], environment: env)
        #expect(info.stdout.hasPrefix("MINER_API_INFO=ey"))
        #expect(info.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(":" + node.multiaddr))
        let noPerm = try await Tools.run("lotus-miner", ["auth", "api-info"], environment: env)
        #expect(noPerm.status == 1)
        #expect(noPerm.stderr.contains("--perm flag not set, use with one of: read, write, sign, admin"))
        let created = try await Tools.run("lotus-miner", ["auth", "create-token", "--perm", "write"], environment: env)
        #expect(created.stdout.split(separator: ".").count == 3)

        let lines = try await Tools.run("lotus-miner", ["info"], environment: env).stdout
        #expect(lines.contains("Enabled subsystems (from miner API): [Mining Sealing SectorStorage Markets]"))
        #expect(lines.contains("Enabled subsystems (from markets API): [Mining Sealing SectorStorage Markets]"))

        let stop = try await Tools.run("lotus-miner", ["stop"], environment: env)
        #expect(stop.status == 0, "\(stop)")
        #expect(await node.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: node.repo + "/api"), "the api file is removed on clean shutdown")
    }

    @Test("Split on one host: each command goes to the node that owns it")
    func split() async throws {
        let dir = Self.tempDir("split")
        let (miner, markets) = try await NodeProcess.startSplit(in: dir)
        defer { miner.kill() }
        defer { markets.kill() }
        let env = ["LOTUS_MINER_PATH": miner.repo, "LOTUS_MARKETS_PATH": markets.repo]

        let info = try await Tools.run("lotus-miner", ["info"], environment: env)
        #expect(info.stdout.contains("Enabled subsystems (from miner API): [Mining Sealing SectorStorage]"), "\(info)")
        #expect(info.stdout.contains("Enabled subsystems (from markets API): [Markets]"), "\(info)")

        #expect(try await Tools.run("lotus-miner", ["storage-deals", "selection", "reject", "--online"], environment: env).status == 0)
        let selection = try await Tools.run("lotus-miner", ["storage-deals", "selection", "list"], environment: env)
        #expect(selection.stdout.contains("considering online storage deals: false"), "\(selection)")
        #expect(try String(contentsOfFile: markets.repo + "/config.toml", encoding: .utf8).contains("ConsiderOnlineStorageDeals = false"))

        #expect(try await Tools.run("lotus-miner", ["sectors", "set-seal-delay", "45"], environment: env).status == 0)
        #expect(try await Tools.run("lotus-miner", ["sectors", "get-seal-delay"], environment: env).stdout == "45\n")

        let version = try await Tools.run("lotus-miner", ["--call-on-markets", "auth", "api-info", "--perm=read"], environment: env)
        #expect(version.stdout.hasPrefix("MARKETS_API_INFO="))
        #expect(version.stdout.contains(markets.multiaddr))

        // A market method sent to the mining node by hand: a clear error, not a panic.
        let body = #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.DealsConsiderOnlineStorageDeals","params":[]}"#
        let wrong = try await Tools.run("/usr/bin/curl", ["-s", "-H", "Authorization: Bearer \(miner.adminToken)", "-X", "POST", "-d", body, miner.url])
        #expect(wrong.stdout.contains("belongs to the Markets subsystem, which is not enabled on this node"), "\(wrong)")

        // Markets stops first, then the miner: both clean.
        #expect(try await Tools.run("lotus-miner", ["--call-on-markets", "stop"], environment: env).status == 0)
        #expect(await markets.waitForExit() == 0)
        #expect(await miner.terminate() == 0, "SIGTERM drains cleanly")
        #expect(!FileManager.default.fileExists(atPath: miner.repo + "/api"))
    }

    @Test("config default prints Lotus's commented defaults; config updated shows what the operator changed")
    func configCommands() async throws {
        let defaults = try await Tools.run("lotus-miner", ["config", "default"])
        #expect(defaults.stdout.contains("[Subsystems]\n  # type: bool\n  # env var: LOTUS_SUBSYSTEMS_ENABLEMINING\n  #EnableMining = true\n"))
        #expect(defaults.stdout.contains("#ListenAddress = \"/ip4/127.0.0.1/tcp/2345/http\""))
        let plain = try await Tools.run("lotus-miner", ["config", "default", "--no-comment"])
        #expect(plain.stdout.contains("  EnableMining = true\n"))
        #expect(!plain.stdout.contains("# type:"))

        let dir = Self.tempDir("cfg")
        let env = ["LOTUS_MINER_PATH": dir + "/r"]
        #expect(try await Tools.run("lotus-miner", ["init", "--actor", "t01000"], environment: env).status == 0)
        try "[Sealing]\n  WaitDealsDelay = \"30m0s\"\n".write(toFile: dir + "/r/config.toml", atomically: true, encoding: .utf8)
        let updated = try await Tools.run("lotus-miner", ["config", "updated"], environment: env)
        #expect(updated.status == 0, "\(updated)")
        #expect(updated.stdout.contains("\n  WaitDealsDelay = \"30m0s\"\n"))
        #expect(updated.stdout.contains("#EnableMining = true"))
    }

    @Test("Unsupported subsystem combinations are refused with Lotus's messages")
    func badSubsystems() async throws {
        let dir = Self.tempDir("bad")
        #expect(try await Tools.run("lotus-miner", ["init", "--actor", "t01000"], environment: ["LOTUS_MINER_PATH": dir + "/r"]).status == 0)
        try "[Subsystems]\n  EnableMining = false\n".write(toFile: dir + "/r/config.toml", atomically: true, encoding: .utf8)
        let out = try await Tools.run("lotus-miner", ["run"], environment: ["LOTUS_MINER_PATH": dir + "/r"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("sealing can only be enabled on a mining node"), "\(out)")
        try "[Subsystems]\n  EnableSealing = false\n".write(toFile: dir + "/r/config.toml", atomically: true, encoding: .utf8)
        let other = try await Tools.run("lotus-miner", ["run"], environment: ["LOTUS_MINER_PATH": dir + "/r"])
        #expect(other.stderr.contains("sealing can't be disabled on a mining node yet"), "\(other)")
    }

    @Test("A bad config value names the file, the key and what was expected")
    func badConfigValue() async throws {
        let dir = Self.tempDir("badcfg")
        #expect(try await Tools.run("lotus-miner", ["init", "--actor", "t01000"], environment: ["LOTUS_MINER_PATH": dir + "/r"]).status == 0)
        try "[Subsystems]\n  EnableMarkets = \"yes\"\n".write(toFile: dir + "/r/config.toml", atomically: true, encoding: .utf8)
        let out = try await Tools.run("lotus-miner", ["run"], environment: ["LOTUS_MINER_PATH": dir + "/r"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("config.toml"), "\(out)")
        #expect(out.stderr.contains("EnableMarkets"), "\(out)")
        #expect(out.stderr.contains("bool"), "\(out)")
    }

    @Test("A listen address in use names the port and the key to change")
    func portInUse() async throws {
        let dir = Self.tempDir("port")
        let first = try await NodeProcess.start(repo: dir + "/a")
        defer { first.kill() }
        #expect(try await Tools.run("lotus-miner", ["init", "--actor", "t01000"], environment: ["LOTUS_MINER_PATH": dir + "/b"]).status == 0)
        try "[API]\n  ListenAddress = \"\(first.multiaddr)\"\n".write(toFile: dir + "/b/config.toml", atomically: true, encoding: .utf8)
        let out = try await Tools.run("lotus-miner", ["run"], environment: ["LOTUS_MINER_PATH": dir + "/b"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("\(first.port)"), "\(out)")
        #expect(out.stderr.contains("[API] ListenAddress"), "\(out)")
        await first.terminate()
    }

    @Test("Endpoint resolution says what it tried, and never prefers a missing default repo over MINER_API_INFO")
    func endpointResolution() async throws {
        let dir = Self.tempDir("resolve")
        let none = try await Tools.run("lotus-miner", ["storage-deals", "selection", "list"], environment: ["HOME": dir])
        #expect(none.status == 1)
        #expect(none.stderr.contains("MARKETS_API_INFO is not set"), "\(none)")
        #expect(none.stderr.contains("LOTUS_MARKETS_PATH is not set"), "\(none)")
        #expect(none.stderr.contains("MINER_API_INFO is not set"), "\(none)")
        #expect(none.stderr.contains(".lotusminer"), "\(none)")

        let node = try await NodeProcess.start(repo: dir + "/miner")
        defer { node.kill() }
        let info = "\(node.adminToken):\(node.multiaddr)"
        // Only MINER_API_INFO set (a worker host): market commands reach the node (Lotus #7072).
        let viaInfo = try await Tools.run("lotus-miner", ["storage-deals", "selection", "list"], environment: ["HOME": dir, "MINER_API_INFO": info])
        #expect(viaInfo.status == 0, "\(viaInfo)")

        let down = try await Tools.run("lotus-miner", ["version"], environment: ["MINER_API_INFO": "\(node.adminToken):/ip4/127.0.0.1/tcp/\(try Tools.freePort())/http"])
        #expect(down.status == 1)
        #expect(down.stderr.contains("cannot reach http://127.0.0.1:"), "\(down)")
        await node.terminate()
    }
}

/// Rollback of a split: deal metadata moves from the markets repo to the miner repo with lotus-shed.
@Suite("lotus-shed market export/import-datastore")
struct ShedDatastoreTests {
    @Test func exportThenImportMovesOnlyMarketKeys() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shed-\(UUID().uuidString.prefix(6))").path
        for name in ["markets", "miner"] {
            #expect(try await Tools.run("lotus-miner", ["init", "--actor", "t01000"], environment: ["LOTUS_MINER_PATH": "\(dir)/\(name)"]).status == 0)
        }
        let markets = try Repo(path: RepoPath(dir + "/markets")).openDatastore()
        try markets.put("/deals/provider/bafy1", Array("deal-1".utf8))
        try markets.put("/storagemarket/ask", Array("ask".utf8))
        try markets.put("/sectors/1", Array("not a market key".utf8))
        try markets.close()

        let export = try await Tools.run("lotus-shed", ["market", "export-datastore", "--repo", dir + "/markets", "--backup-dir", dir + "/backup"])
        #expect(export.status == 0, "\(export)")
        #expect(export.stdout.contains("Exporting key /deals/provider/bafy1"))
        #expect(export.stdout.contains("Wrote backup file to \(dir)/backup/markets.datastore.backup"))

        let imported = try await Tools.run("lotus-shed", ["market", "import-datastore", "--repo", dir + "/miner", "--backup-path", dir + "/backup/markets.datastore.backup"])
        #expect(imported.status == 0, "\(imported)")
        let miner = try Repo(path: RepoPath(dir + "/miner")).openDatastore()
        #expect(try miner.get("/deals/provider/bafy1") == Array("deal-1".utf8))
        #expect(try miner.get("/storagemarket/ask") == Array("ask".utf8))
        #expect(try miner.get("/sectors/1") == nil)
        #expect(try miner.get("/miner-address") == Array("t01000".utf8), "other keys are left alone")
        try miner.close()
    }
}
