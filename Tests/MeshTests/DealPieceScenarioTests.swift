import APICore
import CLISupport
import ChainTypes
import Foundation
import FullNodeAPI
import MeshTestKit
import Multiformats
import PieceCommitment
import SealingAPI
import SectorStorageAPI
import TestScheduling
import Testing

/// Deal pieces as the markets node hands them to the mining node (`SectorAddPieceToAny`, the data streamed: a local
/// call in the monolith, a push stream beside the JSON-RPC call across the split): they land in sectors waiting for
/// deals, seal with their deals, and the unsealed copy holds them.
@Suite("Deal pieces in sectors")
struct DealPieceScenarioTests {
    /// `count` random payload bytes.
    static func payload(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// Publishes a deal for `data` (1016 bytes: a 1 KiB piece) and returns its info for `SectorAddPieceToAny`.
    static func deal(for data: [UInt8], mesh: Mesh) async throws -> PieceDealInfo {
        let chain = SubsystemRef<FullNodeMethods>.remote(try #require(mesh.daemon).client())
        let digest = try PieceDigest.of(data)
        let published = try await DealPublisher(chain: chain, provider: try #require(mesh.minerAddress))
            .publish(pieceCID: digest.cid, pieceSize: digest.paddedSize.rawValue)
        return PieceDealInfo(
            publishCid: published.publishCid, dealID: published.dealID, dealProposal: published.proposal,
            dealSchedule: DealSchedule(startEpoch: published.proposal.startEpoch, endEpoch: published.proposal.endEpoch))
    }

    @Test("two deals' pieces fill a sector, which seals to Proving with both deals active; its unsealed file holds them", arguments: MeshCase.all)
    func twoPiecesFillASector(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true) { mesh in
            let dir = try await SealingScenarioTests.attachPath(mesh)
            let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            let first = Self.payload(1016), second = Self.payload(1016)
            let firstDeal = try await Self.deal(for: first, mesh: mesh)
            let secondDeal = try await Self.deal(for: second, mesh: mesh)

            let a = try await sealing.call(\.sectorAddPieceToAny, UInt64(1016), ByteStream(bytes: first, chunkSize: 300), firstDeal)
            #expect(a == SectorOffset(sector: 0, offset: 0))
            #expect(try await sealing.call(\.sectorsStatus, 0, false).state == .waitDeals)
            let b = try await sealing.call(\.sectorAddPieceToAny, UInt64(1016), ByteStream(bytes: second, chunkSize: 500), secondDeal)
            #expect(b == SectorOffset(sector: 0, offset: 1024), "the second piece follows the first in the same sector")

            let status = try await SealingScenarioTests.wait(for: .proving, sector: 0, on: sealing)
            #expect(status.deals == [firstDeal.dealID, secondDeal.dealID])
            #expect(status.pieces.map(\.size) == [1024, 1024])
            let chain = SubsystemRef<FullNodeMethods>.remote(try #require(mesh.daemon).client())
            for deal in [firstDeal, secondDeal] {
                let onChain = try await chain.call(\.stateMarketStorageDeal, deal.dealID, nil)
                #expect(onChain.state.sectorStartEpoch > 0, "deal \(deal.dealID) is active: \(onChain.state)")
                #expect(onChain.state.sectorNumber == 0)
            }
            let unsealed = Array(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/unsealed/s-t01000-0")))
            #expect(unsealed.count == 2048, "a sector with deals keeps its unsealed copy")
            #expect(try Fr32.unpad(Array(unsealed[0..<1024])) == first)
            #expect(try Fr32.unpad(Array(unsealed[1024..<2048])) == second)

            // Unsealing makes the same copy again from the sealed replica; a wrong ticket is caught by the pieces' CIDs.
            try FileManager.default.removeItem(atPath: "\(dir)/unsealed/s-t01000-0")
            let ref = SectorRef(id: SectorID(miner: 1000, number: 0), proofType: status.sealProof)
            let ticket = try #require(status.ticket).value
            let wrong = await #expect(throws: RPCError.self) {
                _ = try await sealing.call(\.sectorsUnsealPiece, ref, UInt64(0), UInt64(2032), Base64Bytes([1, 2, 3]), status.commD)
            }
            #expect(wrong?.message.contains("wrong ticket or damaged replica") == true, "\(String(describing: wrong))")
            _ = try await sealing.call(\.sectorsUnsealPiece, ref, UInt64(0), UInt64(2032), ticket, status.commD)
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/unsealed/s-t01000-0"))) == unsealed, "byte-identical after unseal")

            // And over the mining node's /remote URL with a range: the second piece.
            if meshCase.transport == .http2 {
                let index = try mesh.ref(SectorStorageMethods.self, on: mesh.miningNode)
                let found = try await index.call(\.storageFindSector, SectorID(miner: 1000, number: 0), SectorFileType.unsealed, UInt64(2048), false)
                let url = try #require(found.first?.urls.first)
                let out = mesh.root.appendingPathComponent("piece.bin").path
                let ranged = try await Tools.run(
                    "/usr/bin/curl", ["-s", "-o", out, "-w", "%{http_code}", "-H", "Authorization: Bearer \(mesh.miningNode.token(.admin))", "-r", "1024-2047", url])
                #expect(ranged.stdout == "206")
                #expect(try Fr32.unpad(Array(try Data(contentsOf: URL(fileURLWithPath: out)))) == second)
            }
        }
    }

    @Test("data that does not match the deal's piece CID is refused and nothing is kept; the right data then lands there, and WaitDealsDelay seals the half-full sector", arguments: [MeshCase(topology: .monolith, transport: .inProcess), MeshCase(topology: .split, transport: .http2)])
    func mismatchThenDelay(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true) { mesh in
            let dir = try await SealingScenarioTests.attachPath(mesh)
            let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            _ = try await sealing.call(\.sectorSetSealDelay, Int64(2_000_000_000))
            let data = Self.payload(1016)
            let deal = try await Self.deal(for: data, mesh: mesh)

            var wrong = data
            wrong[0] ^= 1
            let refused = await #expect(throws: RPCError.self) {
                try await sealing.call(\.sectorAddPieceToAny, UInt64(1016), ByteStream(bytes: wrong), deal)
            }
            #expect(refused?.message.contains("piece CID mismatch") == true, "\(String(describing: refused))")
            let unsealed = Array(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/unsealed/s-t01000-0")))
            #expect(unsealed.allSatisfy { $0 == 0 }, "the refused bytes are zeroed again")
            var state = try await sealing.call(\.sectorsStatus, 0, false).state
            for _ in 0..<TestTime.rounds(100) where state != .waitDeals {
                try await Task.sleep(for: .milliseconds(50))
                state = try await sealing.call(\.sectorsStatus, 0, false).state
            }
            #expect(state == .waitDeals)

            let offset = try await sealing.call(\.sectorAddPieceToAny, UInt64(1016), ByteStream(bytes: data), deal)
            #expect(offset == SectorOffset(sector: 0, offset: 0))
            let status = try await SealingScenarioTests.wait(for: .proving, sector: 0, on: sealing)
            #expect(status.pieces.map(\.size) == [1024, 1024], "WaitDealsDelay filled the rest with a padding piece")
            #expect(status.deals == [deal.dealID])
        }
    }

    @Test("a stream shorter than its size, a size that is no piece size, or a piece bigger than the sector: clear errors")
    func badPieces() async throws {
        try await Mesh.with(MeshCase(topology: .split, transport: .http2), chain: true) { mesh in
            _ = try await SealingScenarioTests.attachPath(mesh)
            let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            let data = Self.payload(1016)
            let deal = try await Self.deal(for: data, mesh: mesh)
            let short = await #expect(throws: RPCError.self) {
                try await sealing.call(\.sectorAddPieceToAny, UInt64(1016), ByteStream(bytes: Array(data.prefix(600))), deal)
            }
            #expect(short?.message.contains("ended after 600 of its 1016 bytes") == true, "\(String(describing: short))")
            let odd = await #expect(throws: RPCError.self) { try await sealing.call(\.sectorAddPieceToAny, UInt64(1000), ByteStream(bytes: data), deal) }
            #expect(odd?.message.contains("not an unpadded piece size") == true, "\(String(describing: odd))")
            let big = await #expect(throws: RPCError.self) { try await sealing.call(\.sectorAddPieceToAny, UInt64(4064), ByteStream(bytes: data), deal) }
            #expect(big?.message.contains("does not fit") == true, "\(String(describing: big))")
        }
    }
}
