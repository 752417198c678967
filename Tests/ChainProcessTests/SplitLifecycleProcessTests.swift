import Foundation
import MeshTestKit
import Repo
import TestScheduling
import Testing

/// The operator runbook (SPEC.md "The operator runbook") on real processes, typed as an operator types it: a monolith
/// with a deal → `lotus-miner backup` → `init service` → the split, where deals are made and retrieved and sectors keep
/// proving → rollback with `lotus-shed market export-datastore / import-datastore` and `actor set-peer-id` → every
/// deal of both periods listed and retrievable on the monolith.
// Heavy: a daemon, two nodes, 20 restarts and two deals load the machine; the load gate keeps the tests whose peers
// have fixed deadlines (py-libp2p's 5 s yamux window wait) from running beside it. The limit includes that wait.
@Suite("The split lifecycle (processes)", .serialized, .heavyLoad(within: .seconds(10 * 60)))
struct SplitLifecycleProcessTests {
    /// Deals start soon on the 100 ms devnet and are published at once.
    static let quickDeals = """
        [Dealmaking]
          ExpectedSealDuration = "0s"
          StartEpochSealingBuffer = 10
          PublishMsgPeriod = "0s"

        """

    /// `bytes` written to a file and dealt to t01000 online (``ChainDevnet/onlineDeal(file:duration:)``); the data CID
    /// and the proposal CID, once the deal is Active.
    static func deal(_ net: ChainDevnet, _ bytes: [UInt8], name: String, log: () -> String) async throws -> (data: String, proposal: String) {
        let source = net.home + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: source))
        // 20000 epochs (33 minutes of 100 ms epochs): the deal outlives the test however loaded the machine is (a
        // 200-epoch deal expired mid-test on a loaded CI run, and an expired deal is rightly no longer Active).
        let made = try await net.onlineDeal(file: source, duration: 20000)
        #expect(made.deal.contains("\"State\": 7"), "\(name): \(made.deal)\n\(log().suffix(2000))")
        return (made.data, made.proposal)
    }

    /// `lotus client retrieve --provider t01000` of `dataCID`: the bytes that come back.
    static func retrieve(_ net: ChainDevnet, _ dataCID: String, name: String) async throws -> Data {
        try await net.retrieve(dataCID, to: net.home + "/retrieved-" + name)
    }

    @Test("the runbook: monolith with a deal → backup → init service → split (a deal made, both retrieved, sectors proving) → rollback → both deals on the monolith")
    func runbook() async throws {
        try await ChainDevnet.with { try await runbook($0) }
    }

    func runbook(_ net: ChainDevnet) async throws {
        let backups = net.home + "/backups"
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
        let nodeEnvironment = try net.fullNodeEnvironment().merging(["LOTUS_BACKUP_BASE_PATH": backups]) { _, new in new }

        // 1. The monolith, with a deal sealed into a sector.
        var miner = try await net.startMiner(config: Self.quickDeals, environment: ["LOTUS_BACKUP_BASE_PATH": backups])
        defer { miner.kill() }
        try await net.miner("storage-deals", "set-ask", "--price", "0", "--verified-price", "0", "--max-piece-size", "8MiB")
        let before = (0..<1500).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 5) }
        let first = try await Self.deal(net, before, name: "before-split", log: { miner.log })

        // 2. Backup: refused outside LOTUS_BACKUP_BASE_PATH and offline while the node holds the repo; then written.
        let outside = try await net.run("lotus-miner", ["backup", net.home + "/elsewhere.cbor"])
        #expect(outside.status == 1 && outside.stderr.contains("must be inside base path (\(backups))"), "\(outside)")
        let locked = try await net.run("lotus-miner", ["backup", "--offline", backups + "/offline.cbor"])
        #expect(locked.status == 1 && !FileManager.default.fileExists(atPath: backups + "/offline.cbor"), "\(locked)")
        let backup = backups + "/backup.cbor"
        #expect(try await net.miner("backup", backup) == "Success")
        let entries = try MetadataBackup.read(from: backup)
        #expect(entries.contains { $0.key == "/miner-address" && $0.value == Array("t01000".utf8) })
        #expect(entries.contains { $0.key == "/deals/provider/" + first.proposal }, "\(entries.map(\.key))")

        // 3–4. The seed config for the markets node, and the mining node's admin API info as `auth api-info` prints it.
        let marketsRepo = net.home + "/markets"
        let marketsPort = try Tools.freePort()
        let seed = net.home + "/seed.toml"
        try """
            [API]
              ListenAddress = "/ip4/127.0.0.1/tcp/\(marketsPort)/http"
              RemoteListenAddress = "127.0.0.1:\(marketsPort)"
            [Libp2p]
              ListenAddresses = ["/ip4/127.0.0.1/tcp/0"]
            \(Self.quickDeals)
            """.write(toFile: seed, atomically: true, encoding: .utf8)
        let apiInfo = try await net.miner("auth", "api-info", "--perm=admin")
        #expect(apiInfo.hasPrefix("MINER_API_INFO="))

        // 5. init service: Lotus's checks first, then the repo, the restored metadata and the new peer ID on chain.
        let noType = try await net.run("lotus-miner", ["--markets-repo", marketsRepo, "init", "service", "--config", seed, backup])
        #expect(noType.status == 1 && noType.stderr.contains("at least one module must be enabled"), "\(noType)")
        let noMarkets = try await net.run("lotus-miner", ["--markets-repo", marketsRepo, "init", "service", "--type=mining", "--config", seed, backup])
        #expect(noMarkets.status == 1 && noMarkets.stderr.contains("markets module must be enabled"), "\(noMarkets)")
        let noSealer = try await net.run("lotus-miner", ["--markets-repo", marketsRepo, "init", "service", "--type=markets", "--config", seed, backup])
        #expect(noSealer.status == 1 && noSealer.stderr.contains("--api-sealer is required without the sealer module enabled"), "\(noSealer)")
        let noIndex = try await net.run(
            "lotus-miner", ["--markets-repo", marketsRepo, "init", "service", "--type=markets", "--api-sealer", apiInfo, "--config", seed, backup])
        #expect(noIndex.status == 1 && noIndex.stderr.contains("--api-sector-index is required without the sector storage module enabled"), "\(noIndex)")
        #expect(!FileManager.default.fileExists(atPath: marketsRepo), "a refused init service writes nothing")
        let noRepo = try await net.run(
            "lotus-miner", ["init", "service", "--type=markets", "--api-sealer", apiInfo, "--api-sector-index", apiInfo, "--config", seed, backup])
        #expect(noRepo.status == 1 && noRepo.stderr.contains("please provide Lotus markets repo path via flag markets-repo"), "\(noRepo)")
        let service = try await net.run(
            "lotus-miner",
            ["--markets-repo=\(marketsRepo)", "init", "service", "--type=markets", "--api-sealer=\(apiInfo)", "--api-sector-index=\(apiInfo)",
             "--config=\(seed)", backup])
        #expect(service.status == 0, "\(service)")
        #expect(service.stdout.contains("ACTOR ADDRESS: t01000") && service.stdout.contains("SECTOR SIZE: 2KiB"), "\(service)")
        let written = try String(contentsOfFile: marketsRepo + "/config.toml", encoding: .utf8)
        for line in ["EnableMarkets = true", "EnableMining = false", "EnableSealing = false", "EnableSectorStorage = false",
                     "SealerApiInfo = \"\(apiInfo.dropFirst("MINER_API_INFO=".count))\"", "tcp/\(marketsPort)/http", "PublishMsgPeriod = \"0s\""] {
            #expect(written.contains(line), "\(line) in\n\(written)")
        }
        let again = try await net.run(
            "lotus-miner",
            ["--markets-repo=\(marketsRepo)", "init", "service", "--type=markets", "--api-sealer=\(apiInfo)", "--api-sector-index=\(apiInfo)",
             "--config=\(seed)", backup])
        #expect(again.status == 1 && again.stderr.contains("repo at '\(marketsRepo)' is already initialized"), "\(again)")

        // 6–8. The mining node without Markets, the markets node on the shared storage paths.
        await miner.terminate()
        let miningConfig = "[Subsystems]\n  EnableMarkets = false\n" + Self.quickDeals
        miner = try await NodeProcess.start(repo: net.minerRepo, config: miningConfig, environment: nodeEnvironment, port: miner.port)
        // The log file is appended across restarts: count the proofs the split mining node adds.
        let proofsBeforeSplit = miner.log.components(separatedBy: "submitted Window PoSt").count
        try FileManager.default.removeItem(atPath: marketsRepo + "/storage.json")
        try FileManager.default.copyItem(atPath: net.minerRepo + "/storage.json", toPath: marketsRepo + "/storage.json")
        // `mv ~/.lotusminer/dagstore ~/.lotusmarkets/`: the first deal's shard goes with it.
        try FileManager.default.moveItem(atPath: net.minerRepo + "/dagstore", toPath: marketsRepo + "/dagstore")
        let marketsEnvironment = nodeEnvironment.merging(["LOTUS_MINER_PATH": marketsRepo]) { _, new in new }
        var markets = try await NodeProcess.launch("lotus-miner", ["run"], repo: marketsRepo, port: marketsPort, environment: marketsEnvironment)
        defer { markets.kill() }
        let onMarkets = ["LOTUS_MARKETS_PATH": marketsRepo]
        let info = try await net.run("lotus-miner", ["info"], extra: onMarkets).stdout
        #expect(info.contains("Enabled subsystems (from miner API): [Mining Sealing SectorStorage]"), "\(info)")
        #expect(info.contains("Enabled subsystems (from markets API): [Markets]"), "\(info)")
        let splitPeer = try await net.run("lotus-miner", ["net", "id"], extra: onMarkets).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(service.stdout.contains(splitPeer), "init service announced the markets node's peer ID")
        #expect(try await net.lotus("state", "miner-info", "t01000").contains("PeerID:\t\(splitPeer)"))

        // Every command group reaches the node that owns it, from one shell with both repos exported: a market command
        // sent to the mining node (or a sector command to the markets node) would fail with the subsystem's refusal.
        for command in [["sectors", "list"], ["proving", "info"], ["storage", "list"], ["actor", "control", "list"], ["sealing", "jobs"],
                        ["storage-deals", "list"], ["storage-deals", "get-ask"], ["retrieval-deals", "list"], ["data-transfers", "list"],
                        ["dagstore", "list-shards"], ["pieces", "list-pieces"], ["sectors", "refs"], ["net", "id"]] {
            let out = try await net.run("lotus-miner", command, extra: onMarkets)
            #expect(out.status == 0, "lotus-miner \(command.joined(separator: " ")): \(out)")
        }

        let carried = try await net.run("lotus-miner", ["dagstore", "lookup-pieces", first.data], extra: onMarkets).stdout
        #expect(carried.contains("Available"), "the monolith's shard, moved with the dagstore folder: \(carried)")

        // The deal from before the split is the markets node's now; a new one is made; both are retrieved from it.
        let listed = try await net.run("lotus-miner", ["storage-deals", "list", "-v"], extra: onMarkets).stdout
        #expect(listed.contains(first.proposal) && listed.contains("StorageDealActive"), "\(listed)")
        let during = (0..<1700).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let second = try await Self.deal(net, during, name: "during-split", log: { markets.log })
        #expect(try await Self.retrieve(net, first.data, name: "1") == Data(before))
        #expect(try await Self.retrieve(net, second.data, name: "2") == Data(during))
        // Sectors keep proving on the mining node: a Window PoSt is submitted while split, and no sector is faulty.
        let sectors = try await net.miner("sectors", "list")
        #expect(sectors.components(separatedBy: "Proving").count == 3, "two deal sectors proving: \(sectors)")
        _ = await TestTime.poll(within: .seconds(15), every: .milliseconds(100)) {
            miner.log.components(separatedBy: "submitted Window PoSt").count > proofsBeforeSplit
        }
        #expect(miner.log.components(separatedBy: "submitted Window PoSt").count > proofsBeforeSplit, "\(miner.log.suffix(2000))")
        #expect(try await net.miner("proving", "faults") == "Miner: t01000\ndeadline  partition  sectors")

        // 20 restarts of the markets node while the sectors prove, every fourth a kill -9: the mining node misses no
        // Window PoSt (a missed one turns the deadline's sectors faulty at its close), and deals come back each time.
        let proofsBeforeRestarts = miner.log.components(separatedBy: "submitted Window PoSt").count
        for round in 0..<20 {
            if round % 4 == 3 {
                markets.kill()
                _ = await markets.waitForExit()
            } else {
                #expect(await markets.terminate() == 0, "round \(round): SIGTERM drains cleanly")
            }
            markets = try await NodeProcess.launch("lotus-miner", ["run"], repo: marketsRepo, port: marketsPort, environment: marketsEnvironment)
        }
        _ = await TestTime.poll(within: .seconds(15), every: .milliseconds(100)) {
            miner.log.components(separatedBy: "submitted Window PoSt").count > proofsBeforeRestarts + 2
        }
        let proofsDuringRestarts = miner.log.components(separatedBy: "submitted Window PoSt").count - proofsBeforeRestarts
        #expect(proofsDuringRestarts > 2, "\(miner.log.suffix(2000))")
        #expect(try await net.miner("proving", "faults") == "Miner: t01000\ndeadline  partition  sectors", "0 missed Window PoSt")
        let restarted = try await net.run("lotus-miner", ["storage-deals", "list", "-v"], extra: onMarkets).stdout
        #expect(restarted.components(separatedBy: "StorageDealActive").count == 3, "\(restarted)")

        // The markets node backs itself up too (Lotus cannot): online with --call-on-markets, its deals in the file.
        let marketsBackup = backups + "/markets.cbor"
        let onlineMarkets = try await net.run("lotus-miner", ["--call-on-markets", "backup", marketsBackup], extra: onMarkets)
        #expect(onlineMarkets.status == 0 && onlineMarkets.stdout == "Success\n", "\(onlineMarkets)")
        #expect(try MetadataBackup.read(from: marketsBackup).contains { $0.key == "/deals/provider/" + second.proposal })

        // 9. Rollback: both stopped; the markets metadata back into the miner repo; the monolith's peer ID on chain.
        #expect(try await net.run("lotus-miner", ["--call-on-markets", "stop"], extra: onMarkets).status == 0)
        #expect(await markets.waitForExit() == 0)
        await miner.terminate()
        // Offline, the stopped markets node's repo is read under its lock.
        let offline = try await net.run("lotus-miner", ["--call-on-markets", "backup", "--offline", backups + "/markets-offline.cbor"], extra: onMarkets)
        #expect(offline.status == 0, "\(offline)")
        #expect(try MetadataBackup.read(from: backups + "/markets-offline.cbor").map(\.key) == MetadataBackup.read(from: marketsBackup).map(\.key))
        let rollback = net.home + "/deals-backup"
        let exported = try await net.run("lotus-shed", ["market", "export-datastore", "--repo", marketsRepo, "--backup-dir", rollback])
        #expect(exported.status == 0 && exported.stdout.contains("Exporting key /deals/provider/" + second.proposal), "\(exported)")
        let imported = try await net.run(
            "lotus-shed", ["market", "import-datastore", "--repo", net.minerRepo, "--backup-path", rollback + "/markets.datastore.backup"])
        #expect(imported.status == 0, "\(imported)")
        try FileManager.default.moveItem(atPath: marketsRepo + "/dagstore", toPath: net.minerRepo + "/dagstore")
        miner = try await NodeProcess.start(repo: net.minerRepo, config: Self.quickDeals, environment: nodeEnvironment, port: miner.port)
        let monolithPeer = try await net.miner("net", "id")
        #expect(monolithPeer != splitPeer)
        try await net.miner("actor", "set-peer-id", monolithPeer)
        #expect(try await net.lotus("state", "miner-info", "t01000").contains("PeerID:\t\(monolithPeer)"))

        // The operator's shell still exports LOTUS_MARKETS_PATH: market commands reach the monolith, with a warning.
        let after = try await net.run("lotus-miner", ["storage-deals", "list", "-v"], extra: onMarkets)
        #expect(after.status == 0 && after.stdout.contains(first.proposal) && after.stdout.contains(second.proposal), "\(after)")
        #expect(after.stdout.components(separatedBy: "StorageDealActive").count == 3, "\(after.stdout)")
        #expect(after.stderr.contains("has no api file: its node is not running"), "\(after.stderr)")
        #expect(try await Self.retrieve(net, first.data, name: "3") == Data(before))
        #expect(try await Self.retrieve(net, second.data, name: "4") == Data(during))
        // The retrievals served while split came back with the rollback; the monolith numbers its own after them.
        let retrievals = try await net.miner("retrieval-deals", "list").split(separator: "\n").dropFirst()
        #expect(retrievals.map { $0.split(separator: " ")[1] } == ["0", "1", "2", "3"], "\(retrievals)")
        #expect(retrievals.allSatisfy { $0.contains("DealStatusCompleted") }, "\(retrievals)")
        let shards = try await net.miner("dagstore", "list-shards")
        #expect(shards.components(separatedBy: "Available").count == 3, "both periods' shards, moved back: \(shards)")

        // A lost dagstore folder is rebuilt from the pieces: register the shards, initialize them all.
        await miner.terminate()
        try FileManager.default.removeItem(atPath: net.minerRepo + "/dagstore")
        miner = try await NodeProcess.start(repo: net.minerRepo, config: Self.quickDeals, environment: nodeEnvironment, port: miner.port)
        #expect(try await net.miner("dagstore", "list-shards").isEmpty)
        for piece in try await net.miner("pieces", "list-pieces").split(separator: "\n") {
            try await net.miner("dagstore", "register-shard", String(piece))
        }
        let initialized = try await net.miner("dagstore", "initialize-all")
        #expect(initialized.hasPrefix("found 2 shards to initialize") && initialized.components(separatedBy: ": initialized").count == 3, "\(initialized)")
        #expect(try await net.miner("dagstore", "lookup-pieces", second.data).contains("Available"))
        await miner.terminate()
    }
}
