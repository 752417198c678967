import Foundation
import MeshTestKit
import Multiformats
import PieceCommitment
import TestScheduling
import Testing

/// The storage client over real processes, as an operator and a client type it: `lotus daemon --devnet`,
/// `lotus-miner run` (which connects to the daemon's libp2p host by itself), `lotus client deal` with a manual piece,
/// `lotus-miner storage-deals import-data`, and the deal followed with `lotus client list-deals` / `get-deal`.
@Suite("Storage client (processes)", .serialized, .timingSensitive(within: .seconds(8 * 60)))
struct ClientDealProcessTests {
    /// Deals start soon on the 100 ms devnet (the settings StorageDealScenarioTests.quickDeals makes).
    static let quickDeals = """
        [Dealmaking]
          ExpectedSealDuration = "0s"
          StartEpochSealingBuffer = 10
          PublishMsgPeriod = "0s"

        """

    @Test("lotus client deal → import-data → list-deals shows StorageDealActive; query-ask and wallet market add print as Lotus")
    func offlineDeal() async throws {
        let net = try await ChainDevnet.start()
        do {
            let node = try await net.startMiner(config: Self.quickDeals)
            defer { node.kill() }
            try await net.miner("storage-deals", "set-ask", "--price", "0", "--verified-price", "0", "--max-piece-size", "8MiB")
            let ask = try await net.lotus("client", "query-ask", "t01000")
            #expect(ask.hasPrefix("Ask: t01000\nPrice per GiB: 0 FIL\nVerified Price per GiB: 0 FIL\nMax Piece size: 8 MiB\n"), "\(ask)")

            let file = net.home + "/deal-data"
            try Data((0..<2032).map { UInt8(truncatingIfNeeded: $0 * 7) }).write(to: URL(fileURLWithPath: file))
            let piece = try PieceDigest.of(try Data(contentsOf: URL(fileURLWithPath: file))).cid.description
            let commP = try await net.lotus("client", "commP", file)
            #expect(commP.contains("CID:  \(piece)") && commP.contains("Piece size in bytes:  2032"), "\(commP)")
            let head = try #require(Int(try await net.lotus("chain", "head", "--height")))

            let offline = try await net.run("lotus", ["client", "deal", piece, "t01000", "0", "200"])
            #expect(offline.status == 1 && offline.stderr.contains("lotus client import"), "an online deal sends an imported CAR: \(offline)")
            let proposal = try await net.lotus(
                "client", "deal", "--manual-piece-cid", piece, "--manual-piece-size", "2032", "--start-epoch", String(head + 3000), piece,
                "t01000", "0", "200")
            #expect(proposal.hasPrefix("bafy"), "\(proposal)")
            let listed = try await net.lotus("client", "list-deals")
            #expect(listed.hasPrefix("DealCid"), "\(listed)")
            #expect(listed.contains("StorageDealWaitingForData") && listed.contains("..." + proposal.suffix(8)), "\(listed)")

            try await net.miner("storage-deals", "import-data", proposal, file)
            var deal = ""
            for _ in 0..<TestTime.rounds(600) where !deal.contains("\"State\": 7") {
                try await Task.sleep(for: .milliseconds(200))
                deal = try await net.lotus("client", "get-deal", proposal)
            }
            #expect(deal.contains("\"State\": 7") && deal.contains("\"DealInfo: \""), "\(deal)\n\(node.log.suffix(1500))")
            #expect(try await net.lotus("client", "list-deals").contains("StorageDealActive"))

            // An online deal: `lotus client import` keeps the file's CAR; `client deal` sends it to the markets node.
            let source = net.home + "/online-data"
            try Data((0..<1500).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 5) }).write(to: URL(fileURLWithPath: source))
            let online = try await net.onlineDeal(file: source, duration: 200)
            let dataCID = online.data
            #expect(online.deal.contains("\"State\": 7") && online.deal.contains("graphsync"), "\(online.deal)\n\(node.log.suffix(1500))")

            // Retrieval by data CID from the markets node: the file unpacked from its CAR, and the CAR itself.
            #expect(try await net.retrieve(dataCID, to: net.home + "/retrieved") == Data(contentsOf: URL(fileURLWithPath: source)), "byte-identical")
            let car = try await net.retrieve(dataCID, to: net.home + "/retrieved.car", car: true)
            let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: net.home + "/lotus/imports").first { $0.hasSuffix(".car") })
            #expect(car == (try Data(contentsOf: URL(fileURLWithPath: net.home + "/lotus/imports/" + kept))), "the CAR the client imported")
            let miners = try await net.miner("pieces", "list-cids")
            #expect(miners.contains(dataCID), "\(miners)")
            // The provider's side of the two retrievals: Lotus's table, both completed with the CAR's bytes.
            let retrievals = try await net.miner("retrieval-deals", "list").split(separator: "\n").map(String.init)
            #expect(retrievals.first?.hasPrefix("Receiver") == true && retrievals.first?.contains("DealID  Payload") == true, "\(retrievals)")
            #expect(retrievals.dropFirst().filter { $0.contains("DealStatusCompleted") && $0.contains("..." + dataCID.suffix(8)) && $0.split(separator: " ").contains("\(car.count)") }.count == 2, "\(retrievals)")
            #expect(try await net.miner("info").contains("Retrieval Deals (complete): 2, "))
            // The online deal's push is a completed receiving channel: listed with --completed only.
            let transfers = try await net.miner("data-transfers", "list")
            #expect(transfers == "Sending Channels\n\n\n\nReceiving Channels", "\(transfers)")
            let all = try await net.miner("data-transfers", "list", "--completed").split(separator: "\n").map(String.init)
            #expect(all.last?.hasPrefix("0   Completed  ...") == true && all.last?.contains(" N ") == true, "\(all)")
            // The DAG store indexed the online deal's CAR: its shard is Available and holds the data CID's block.
            let shards = try await net.miner("dagstore", "list-shards")
            #expect(shards.split(separator: "\n").count == 3 && shards.contains("Available"), "the offline deal's raw data is no CAR: \(shards)")
            let holders = try await net.miner("dagstore", "lookup-pieces", dataCID)
            #expect(holders.hasPrefix("Key") && holders.contains("Available") && holders.split(separator: "\n").count == 2, "\(holders)")
            let states = try FileManager.default.contentsOfDirectory(atPath: net.minerRepo + "/dagstore/datastore/shards")
            #expect(states.filter { $0.hasSuffix(".json") }.count == 2, "one state file per shard: \(states)")
            #expect(try await net.miner("retrieval-deals", "selection", "list") == "considering online retrieval deals: true\nconsidering offline retrieval deals: true")

            let owner = try await net.lotus("wallet", "default")
            let added = try await net.lotus("wallet", "market", "add", "1")
            #expect(added.hasPrefix("Submitting Add Balance message for amount 1 FIL for address \(owner)\nAddBalance message cid: bafy"), "\(added)")
        } catch {
            Issue.record("daemon log tail: \(net.daemon.log.suffix(1500))")
            await net.tearDown()
            throw error
        }
        await net.tearDown()
    }
}
