import APICore
import CLISupport
import ChainTypes
import Foundation
import FullNodeAPI
import MeshTestKit
import Multiformats
import PieceCommitment
import Repo
import SealingAPI
import TestScheduling
import Testing

/// The miner on the devnet chain, over real processes: `lotus daemon --devnet` with 100 ms epochs, `lotus` for
/// wallets and state, `lotus-miner init --owner` / `actor …` / `info` sending real messages to it.
@Suite("Miner on the devnet chain (processes)", .serialized, .timingSensitive)
struct MinerChainProcessTests {
    /// Runs `body` against a fresh devnet and always tears it down.
    func withDevnet(blockTime: String = ChainDevnet.defaultBlockTime, _ body: (ChainDevnet) async throws -> Void) async throws {
        try await ChainDevnet.with(blockTime: blockTime, body)
    }

    @Test("genesis advances, transfers land, init --owner creates the miner (t01002 after two new accounts), peer ID / addrs / control messages")
    func minerRunbook() async throws {
        try await withDevnet { net in
            // 1. Genesis: the chain advances on its own.
            let first = try #require(Int(try await net.lotus("chain", "head", "--height")))
            try await Task.sleep(for: .milliseconds(600))
            let later = try #require(Int(try await net.lotus("chain", "head", "--height")))
            #expect(later > first)

            // 2. Transfers from the funded default wallet to a worker and a stranger.
            let owner = try await net.lotus("wallet", "default")
            #expect(owner.hasPrefix("t1"))
            let worker = try await net.lotus("wallet", "new")
            let stranger = try await net.lotus("wallet", "new")
            try await net.lotus("send", "--from", owner, worker, "5")
            try await net.lotus("send", "--from", owner, stranger, "2.5")
            try await net.waitForBalance(worker, "5 FIL")
            try await net.waitForBalance(stranger, "2.5 FIL")

            // 3. init --owner sends CreateMiner, waits, and writes the repo with the new actor.
            let created = try await net.miner("init", "--owner", owner, "--worker", worker, "--sector-size", "2KiB")
            #expect(created.contains("Pushed CreateMiner message: bafy2bzace"))
            // Accounts the transfers created took t01000 and t01001 (one ID counter, as Lotus's init actor).
            #expect(created.contains("New miners address is: t01002 (t2"))
            #expect(FileManager.default.fileExists(atPath: net.minerRepo + "/datastore"))
            var info = try await net.lotus("state", "miner-info", "t01002")
            #expect(ChainDevnet.field("SectorSize", in: info) == "2 KiB (2048)")
            let workerID = try #require(ChainDevnet.field("Worker", in: info))
            let ownerID = try #require(ChainDevnet.field("Owner", in: info))
            #expect(workerID.hasPrefix("t0") && ownerID.hasPrefix("t0") && workerID != ownerID)
            // The on-chain PeerID is the libp2p identity init stored in the repo (the host's key once it runs).
            let keystorePeer = try Repo(path: RepoPath(net.minerRepo)).libp2pIdentity().publicKey.peerID.description
            #expect(created.contains("Miner peer ID: \(keystorePeer)"), "\(created)")
            #expect(ChainDevnet.field("PeerID", in: info) == keystorePeer, "\(info)")

            // 4. A second init on the same repo is refused before anything is sent.
            let again = try await net.run("lotus-miner", ["init", "--owner", owner])
            #expect(again.status == 1)
            #expect(again.stderr.contains("already initialized"))

            // 5. ChangePeerID from the worker succeeds and shows in the miner info.
            let peer = Libp2pPrivateKey.generate().peerID.description
            let setPeer = try await net.miner("actor", "set-peer-id", peer)
            #expect(setPeer.contains("Requested peerid change in message bafy2bzace"))
            info = try await net.lotus("state", "miner-info", "t01002")
            #expect(ChainDevnet.field("PeerID", in: info) == peer)

            // 6. From a stranger it fails with ErrForbidden (18) and the reason: refused at gas estimation, as
            //    Lotus refuses it, and — with an explicit gas limit — on chain, in the receipt.
            let other = Libp2pPrivateKey.generate().peerID.description
            let estimated = try await net.run("lotus-miner", ["actor", "set-peer-id", "--from", stranger, other])
            #expect(estimated.status == 1)
            #expect(estimated.stderr.contains("(18)"))
            #expect(estimated.stderr.contains("is not the owner, worker or a control address of t01002"))
            let onChain = try await net.run("lotus-miner", ["actor", "set-peer-id", "--from", stranger, "--gas-limit", "10000000", other])
            #expect(onChain.status == 1)
            #expect(onChain.stdout.contains("Pushed ChangePeerID message"))
            #expect(onChain.stderr.contains("failed at epoch"))
            #expect(onChain.stderr.contains("exit code ErrForbidden(18): caller t0"))
            #expect(onChain.stderr.contains("is not the owner, worker or a control address of t01002"))
            info = try await net.lotus("state", "miner-info", "t01002")
            #expect(ChainDevnet.field("PeerID", in: info) == peer)

            // 7. set-addrs from the worker.
            try await net.miner("actor", "set-addrs", "/ip4/127.0.0.1/tcp/24001", "/ip4/10.0.0.7/tcp/24002")
            info = try await net.lotus("state", "miner-info", "t01002")
            #expect(ChainDevnet.field("Multiaddrs", in: info) == "/ip4/127.0.0.1/tcp/24001 /ip4/10.0.0.7/tcp/24002")
            let badAddr = try await net.run("lotus-miner", ["actor", "set-addrs", "/ip4/300.0.0.1/tcp/1"])
            #expect(badAddr.status == 1)
            #expect(badAddr.stderr.contains("invalid multiaddr '/ip4/300.0.0.1/tcp/1'"))

            // 8. control set (from the owner) then list; the stranger, now a control address, may change the peer ID.
            let dryRun = try await net.miner("actor", "control", "set", stranger)
            #expect(dryRun.contains("Pass --really-do-it"))
            #expect(!(try await net.lotus("state", "miner-info", "t01002")).contains("Control 0:"))
            try await net.miner("actor", "control", "set", "--really-do-it", stranger)
            let list = try await net.miner("actor", "control", "list")
            let rows = list.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(rows.first == ["name", "ID", "key", "use", "balance"])
            #expect(rows.contains { $0.first == "owner" && $0.count > 2 && $0[1] == ownerID && $0[2] == owner })
            #expect(rows.contains { $0.first == "worker" && $0.count > 2 && $0[1] == workerID && $0[2] == worker })
            #expect(rows.contains { $0.first == "control-0" && $0.count > 2 && $0[2] == stranger })
            info = try await net.lotus("state", "miner-info", "t01002")
            #expect(ChainDevnet.field("Control 0", in: info)?.hasPrefix("t0") == true)
            try await net.miner("actor", "set-peer-id", "--from", stranger, other)
            info = try await net.lotus("state", "miner-info", "t01002")
            #expect(ChainDevnet.field("PeerID", in: info) == other)
        }
    }

    @Test("sectors pledge on a running miner: storage attach, pledge, the sector reaches Proving; sectors list and status show it")
    func pledge() async throws {
        try await withDevnet { net in
            let node = try await net.startMiner()
            defer { node.kill() }
            #expect(try await net.miner("sectors", "pledge") == "Created CC sector:  0")
            var list = ""
            for _ in 0..<TestTime.rounds(300) where !list.contains("Proving") {
                try await Task.sleep(for: .milliseconds(200))
                list = try await net.miner("sectors", "list")
            }
            #expect(list.contains("0   Proving  CC"), "\(list)\n\(node.log.suffix(2000))")
            let status = try await net.miner("sectors", "status", "--log", "0")
            #expect(status.contains("Status:\t\tProving"))
            #expect(status.contains("CIDcommR:\tbagboea4b5abc"))
            #expect(status.contains("event;SectorProving"))
            let proving = try await net.miner("proving", "info")
            #expect(proving.contains("Miner: t01000") && proving.contains("Deadline Index:"), "\(proving)")
            let deadlines = try await net.miner("proving", "deadlines")
            #expect(deadlines.contains("1 (0)"), "\(deadlines)")
            // The mining node proves the sector from its sealed file: it stays active, and `proving check` says so.
            var faults = ""
            for _ in 0..<TestTime.rounds(50) {
                try await Task.sleep(for: .milliseconds(100))
                faults = try await net.miner("proving", "faults")
            }
            #expect(faults == "Miner: t01000\ndeadline  partition  sectors", "\(faults)\n\(node.log.suffix(2000))")
            // The devnet's proving period has 4 deadlines; the sector sits in whichever was next when it was proven.
            var holder: (index: Int, text: String)?
            for index in 0..<4 {
                let text = try await net.miner("proving", "deadline", "--sector-nums", String(index))
                if text.contains("Sector Numbers:           [0]") { holder = (index, text) }
            }
            let (index, deadline) = try #require(holder, "no deadline holds sector 0")
            #expect(deadline.contains("Partitions:               1") && deadline.contains("Faults:                   0"), "\(deadline)")
            let check = try await net.miner("proving", "check", String(index))
            #expect(check.contains("\(index)         0          0       good"), "\(check)")
            try FileManager.default.removeItem(atPath: net.home + "/store/sealed/s-t01000-0")
            let bad = try await net.miner("proving", "check", "--only-bad", String(index))
            #expect(bad.contains("bad (") && bad.contains("sealed file"), "\(bad)")
            let out = try await net.run("lotus-miner", ["proving", "deadline", "9"])
            #expect(out.status == 1 && out.stderr.contains("out of range"), "\(out)")
            #expect(try await net.miner("sealing", "jobs") == "Sector  Worker  Hostname  Task  State  Time", "a proving sector runs no job")
            #expect(try await net.miner("sectors", "batching", "precommit") == "No sectors queued to be precommitted")
            #expect(try await net.miner("sectors", "list", "--format", "json") == #"[{"Deals":[],"ID":0,"State":"Proving"}]"#)
            #expect(try await net.miner("sectors", "batching", "commit", "--publish-now") == "No sectors queued to be committed")
            let refused = try await net.run("lotus-miner", ["sectors", "remove", "0"])
            #expect(refused.status == 1 && refused.stderr.contains("only use it if you are sure"), "\(refused)")
            try await net.miner("sectors", "remove", "--really-do-it", "0")
            var removed = ""
            for _ in 0..<TestTime.rounds(100) where !removed.contains("Removed") {
                try await Task.sleep(for: .milliseconds(100))
                removed = try await net.miner("sectors", "list")
            }
            #expect(removed.contains("0   Removed  CC"), "\(removed)")
            await node.terminate()
        }
    }

    @Test("kill -9 of the miner while it seals: after each restart the sector resumes, reaches Proving, and every message was sent once")
    func killWhileSealing() async throws {
        try await withDevnet { net in
            let owner = try await net.lotus("wallet", "default")
            let environment = try net.fullNodeEnvironment()
            // Window PoSt off ([Proving] DisableBuiltinWindowPoSt), so that the worker's nonce counts sealing messages only.
            var node = try await net.startMiner(config: "[Proving]\n  DisableBuiltinWindowPoSt = true\n")
            try await net.miner("sectors", "pledge")
            try await net.miner("sectors", "pledge")
            var states: [String] = []
            // Kills early and late after each start, so they land in the short states (ticket, PreCommit1/2, the
            // pushes) as well as the long waits.
            let delays = [20, 80, 150, 300, 600, 40, 220, 450]
            for round in 0..<(ProcessInfo.processInfo.environment["LOTUS_SOAK"] == nil ? 6 : 24) {
                try await Task.sleep(for: .milliseconds(delays[round % delays.count]))
                states.append((try? await net.miner("sectors", "list")) ?? "?")
                node.kill()
                _ = await node.waitForExit()
                node = try await NodeProcess.start(
                    repo: net.minerRepo, config: "[Proving]\n  DisableBuiltinWindowPoSt = true\n", environment: environment, port: node.port)
            }
            defer { node.kill() }
            var list = ""
            for _ in 0..<TestTime.rounds(300) where list.components(separatedBy: "Proving").count < 3 {
                try await Task.sleep(for: .milliseconds(200))
                list = try await net.miner("sectors", "list")
            }
            #expect(list.contains("0   Proving  CC") && list.contains("1   Proving  CC"), "states seen at the kills: \(states)")
            for sector in ["0", "1"] {
                let status = try await net.miner("sectors", "status", "--log", sector)
                #expect(!status.contains("SectorChainPreCommitFailed") && !status.contains("SectorCommitFailed"), "\(status)")
            }
            // The worker (the owner) sent CreateMiner, then one PreCommitSector and one ProveCommitSector per sector.
            let body = #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.MpoolGetNonce","params":["\#(owner)"]}"#
            let nonce = try await Tools.run(
                "/usr/bin/curl", ["-s", "-X", "POST", "-H", "Authorization: Bearer \(net.daemon.adminToken)", "-d", body, "http://127.0.0.1:\(net.port)/rpc/v1"])
            #expect(nonce.stdout.contains(#""result":5"#), "\(nonce.stdout) — states seen at the kills: \(states)")
            await node.terminate()
        }
    }

    @Test("kill -9 of the mining node just before its sector's deadline opens: the restarted node proves it in time, and the sector never turns faulty")
    func restartMidDeadline() async throws {
        // 250 ms epochs (scaled): a challenge window of 10 epochs is 2.5 s, time for a restart and a proof.
        try await withDevnet(blockTime: ChainDevnet.blockTime(milliseconds: 250)) { net in
            let environment = try net.fullNodeEnvironment()
            var node = try await net.startMiner()
            defer { node.kill() }
            try await net.miner("sectors", "pledge")
            var holder: Int?
            for _ in 0..<TestTime.rounds(600) where holder == nil {
                try await Task.sleep(for: .milliseconds(100))
                for index in 0..<4 where try await net.miner("proving", "deadline", "--sector-nums", String(index)).contains("Sector Numbers:           [0]") {
                    holder = index
                }
            }
            let deadline = try #require(holder, "sector 0 never reached a deadline")

            // Kill in the last epochs before the sector's deadline opens, so that the node comes back inside it.
            let previous = (deadline + 3) % 4
            for delay in [0, 300] {
                var info = ""
                func closing(_ text: String) -> Bool {
                    text.contains("Deadline Index:       \(previous)\n") && (text.contains("(in 1 epochs)") || text.contains("(in 2 epochs)"))
                }
                for _ in 0..<TestTime.rounds(800) where !closing(info) {
                    try await Task.sleep(for: .milliseconds(20))
                    info = try await net.miner("proving", "info") + "\n"
                }
                #expect(closing(info), "never caught deadline \(previous) closing: \(info)")
                let submittedBefore = node.log.components(separatedBy: "submitted Window PoSt").count
                node.kill()
                _ = await node.waitForExit()
                try await Task.sleep(for: .milliseconds(delay))
                node = try await NodeProcess.start(repo: net.minerRepo, environment: environment, port: node.port)
                // The restarted node proves the deadline that opened while it was down.
                try await Task.sleep(for: TestTime.scaled(.seconds(3)))
                #expect(node.log.components(separatedBy: "submitted Window PoSt").count > submittedBefore, "\(node.log.suffix(3000))")
            }
            let faults = try await net.miner("proving", "faults")
            #expect(faults == "Miner: t01000\ndeadline  partition  sectors", "\(faults)\n\(node.log.suffix(3000))")
            let shown = try await net.miner("proving", "deadline", String(deadline))
            #expect(shown.contains("Faults:                   0"), "\(shown)")
            await node.terminate()
        }
    }

    @Test("SectorAddPieceToAny from another process over HTTP/2: the piece lands in a sector that seals; sectors unseal and /remote give it back byte-identical")
    func addPieceFromAnotherProcess() async throws {
        try await withDevnet { net in
            let node = try await net.startMiner()
            defer { node.kill() }

            // A 2 KiB sector's whole payload: one deal's piece fills it.
            var generator = SystemRandomNumberGenerator()
            let data = (0..<2032).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let digest = try PieceDigest.of(data)
            let chain = SubsystemRef<FullNodeMethods>.remote(try net.daemon.client(path: "/rpc/v1"))
            let published = try await DealPublisher(chain: chain, provider: try Address(parsing: "t01000"))
                .publish(pieceCID: digest.cid, pieceSize: 2048)
            let deal = PieceDealInfo(
                publishCid: published.publishCid, dealID: published.dealID, dealProposal: published.proposal,
                dealSchedule: DealSchedule(startEpoch: published.proposal.startEpoch, endEpoch: published.proposal.endEpoch))
            let sealing = SubsystemRef<SealingMethods>.remote(try node.client())
            let offset = try await sealing.call(\.sectorAddPieceToAny, UInt64(2032), ByteStream(bytes: data, chunkSize: 512), deal)
            #expect(offset == SectorOffset(sector: 0, offset: 0))

            var list = ""
            for _ in 0..<TestTime.rounds(300) where !list.contains("Proving") {
                try await Task.sleep(for: .milliseconds(200))
                list = try await net.miner("sectors", "list")
            }
            #expect(list.contains("0   Proving  [\(published.dealID)]"), "\(list)\n\(node.log.suffix(2000))")

            let unsealedPath = net.home + "/store/unsealed/s-t01000-0"
            let kept = Array(try Data(contentsOf: URL(fileURLWithPath: unsealedPath)))
            #expect(try Fr32.unpad(kept) == data)
            try FileManager.default.removeItem(atPath: unsealedPath)
            try await net.miner("sectors", "unseal", "0")
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: unsealedPath))) == kept, "byte-identical after unseal")

            let out = net.home + "/range.bin"
            let ranged = try await Tools.run(
                "/usr/bin/curl",
                ["-s", "-o", out, "-w", "%{http_code}", "-H", "Authorization: Bearer \(node.adminToken)", "-r", "1024-2047",
                 "http://127.0.0.1:\(node.port)/remote/unsealed/s-t01000-0"])
            #expect(ranged.stdout == "206")
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out))) == Array(kept[1024..<2048]))
            await node.terminate()
        }
    }

    @Test("two mining nodes with power 1 : 3 share the chain's blocks about as their power")
    func blocksInProportionToPower() async throws {
        try await withDevnet { net in
            let owner = try await net.lotus("wallet", "default")
            try await net.miner("init", "--owner", owner)
            let secondRepo = net.home + "/miner2"
            let second = ["LOTUS_MINER_PATH": secondRepo]
            let created = try await net.run("lotus-miner", ["init", "--owner", owner], extra: second)
            #expect(created.status == 0 && created.stdout.contains("t01001"), "\(created)")
            let environment = try net.fullNodeEnvironment()
            let a = try await NodeProcess.start(repo: net.minerRepo, environment: environment)
            defer { a.kill() }
            let b = try await NodeProcess.start(repo: secondRepo, environment: environment)
            defer { b.kill() }
            try await net.miner("storage", "attach", "--init", "--seal", "--store", net.home + "/store")
            #expect(try await net.run("lotus-miner", ["storage", "attach", "--init", "--seal", "--store", net.home + "/store2"], extra: second).status == 0)
            try await net.miner("sectors", "pledge")
            for _ in 0..<3 { #expect(try await net.run("lotus-miner", ["sectors", "pledge"], extra: second).status == 0) }

            // Count only once both have their whole power (each sector active after its first Window PoSt).
            let chain = SubsystemRef<FullNodeMethods>.remote(try net.daemon.client(path: "/rpc/v1"))
            let (first, other) = (try Address(parsing: "t01000"), try Address(parsing: "t01001"))
            for _ in 0..<TestTime.rounds(600) {
                let powers = (try await chain.call(\.stateMinerPower, first, nil).minerPower.rawBytePower, try await chain.call(\.stateMinerPower, other, nil).minerPower.rawBytePower)
                if powers == (2048, 6144) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try await chain.call(\.stateMinerPower, other, nil).minerPower.rawBytePower == 6144)
            let start = try await chain.call(\.chainHead).height
            let epochs: ChainEpoch = 200
            while try await chain.call(\.chainHead).height < start + epochs { try await Task.sleep(for: .milliseconds(200)) }
            var won: [Address: Int] = [:]
            for height in (start + 1)...(start + epochs) {
                for block in try await chain.call(\.chainGetTipSetByHeight, height, nil).blocks { won[block.miner, default: 0] += 1 }
            }
            let (small, large) = (won[first] ?? 0, won[other] ?? 0)
            // Each wins an epoch with probability its power share (1/4, 3/4); the chain takes the first of two winners.
            #expect(small > 0 && large > 2 * small, "blocks won: t01000 \(small), t01001 \(large) of \(epochs) epochs")
            let share = Double(small) / Double(max(small + large, 1))
            #expect(share > 0.05 && share < 0.4, "t01000's share of the blocks \(share) for a quarter of the power")
            await a.terminate()
            await b.terminate()
        }
    }

    @Test("init with the daemon down, or an owner the wallet does not hold, fails clearly and leaves no repo")
    func initFailures() async throws {
        let home = NSTemporaryDirectory() + "chainproc-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let port = try Tools.freePort()
        let down = try await Tools.run(
            "lotus-miner", ["init", "--owner", "t1d2xrzcslx7xlbbylc5c3d5lvandqw4iwl6epxba"],
            environment: ["LOTUS_MINER_PATH": home + "/miner", "FULLNODE_API_INFO": "eyJhbGciOiJIUzI1NiJ9.e30.c2ln:/ip4/127.0.0.1/tcp/\(port)/http"])
        #expect(down.status == 1)
        #expect(down.stderr.contains("the chain daemon is not reachable"))
        #expect(!FileManager.default.fileExists(atPath: home + "/miner"))

        try await withDevnet { net in
            let stranger = "t1d2xrzcslx7xlbbylc5c3d5lvandqw4iwl6epxba"
            let refused = try await net.run("lotus-miner", ["init", "--owner", stranger])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("pushing CreateMiner message from \(stranger) failed"))
            #expect(!FileManager.default.fileExists(atPath: net.minerRepo))
            let badSize = try await net.run("lotus-miner", ["init", "--owner", try await net.lotus("wallet", "default"), "--sector-size", "32GiB"])
            #expect(badSize.status == 1)
            #expect(badSize.stderr.contains("sector size 32GiB is not allowed"))
            #expect(!FileManager.default.fileExists(atPath: net.minerRepo))
        }
    }

    @Test("kill -9 of the daemon and a restart keep the miner and the balances")
    func restartKeepsState() async throws {
        let net = try await ChainDevnet.start()
        var current = net
        do {
            let owner = try await net.lotus("wallet", "default")
            let wallet = try await net.lotus("wallet", "new")
            try await net.lotus("send", "--from", owner, wallet, "7")
            try await net.waitForBalance(wallet, "7 FIL")
            let created = try await net.miner("init", "--owner", owner, "--worker", wallet)
            #expect(created.contains("New miners address is: t01001 (t2"))
            let before = try await net.lotus("state", "miner-info", "t01001")
            let ownerBalance = try await net.lotus("wallet", "balance", owner)
            let walletBalance = try await net.lotus("wallet", "balance", wallet)
            let height = try #require(Int(try await net.lotus("chain", "head", "--height")))

            net.daemon.kill()
            _ = await net.daemon.waitForExit()
            current = try await net.restarted()

            let after = try await current.lotus("state", "miner-info", "t01001")
            #expect(ChainDevnet.field("Owner", in: after) == ChainDevnet.field("Owner", in: before))
            #expect(ChainDevnet.field("Worker", in: after) == ChainDevnet.field("Worker", in: before))
            #expect(ChainDevnet.field("SectorSize", in: after) == "2 KiB (2048)")
            #expect(try await current.lotus("wallet", "balance", owner) == ownerBalance)
            #expect(try await current.lotus("wallet", "balance", wallet) == walletBalance)
            #expect(try #require(Int(try await current.lotus("chain", "head", "--height"))) >= height)
        } catch {
            Issue.record("daemon log tail: \(current.daemon.log.suffix(1500))")
            await current.tearDown()
            throw error
        }
        await current.tearDown()
    }
}
