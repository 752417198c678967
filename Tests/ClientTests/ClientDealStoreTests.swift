import APICore
import ChainTypes
import ClientAPI
import Foundation
import Multiformats
import StorageMarket
import SubsystemSupport
import Testing

@testable import Client

/// Client deals in the daemon's metadata datastore under go-fil-markets' key, with its field names.
@Suite("Client deal store")
struct ClientDealStoreTests {
    static func deal(state: StorageDealStatus = .waitingForData, created: String = "2026-01-02T03:04:05.000Z") throws -> ClientDeal {
        let piece = try CID("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy")
        let proposal = DealProposal(
            pieceCID: piece, pieceSize: 2048, client: Address(id: 100), provider: Address(id: 1000), label: "u", startEpoch: 100,
            endEpoch: 300, storagePricePerEpoch: 3, providerCollateral: .zero, clientCollateral: .zero)
        return ClientDeal(
            proposal: proposal, clientSignature: Signature(type: .secp256k1, data: [1, 2, 3]), proposalCid: proposal.cid, addFundsCid: nil,
            state: state, miner: "12D3KooWA", minerWorker: Address(id: 1001), dealID: 0,
            dataRef: DataRef(transferType: DataRef.transferTypeManual, root: piece, pieceCID: piece, pieceSize: 2032), message: "",
            publishMessage: nil, slashEpoch: -1, pollRetryCount: 0, pollErrorCount: 0, fastRetrieval: true, fundsReserved: 600,
            creationTime: created)
    }

    @Test("deals round-trip under /deals/client/<ProposalCid>; a corrupt record is reported by its key")
    func roundTrip() throws {
        let metadata = InMemoryMetadataStore()
        let store = ClientDealStore(metadata: metadata)
        let deal = try Self.deal()
        try store.save(deal)
        #expect(try store.deal(deal.proposalCid) == deal)
        let json = try #require(try metadata.get("/deals/client/\(deal.proposalCid)"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        for key in ["Proposal", "ClientSignature", "ProposalCid", "State", "Miner", "MinerWorker", "DealID", "DataRef", "FundsReserved"] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect(try store.all() == [deal])

        try metadata.put("/deals/client/bafy-broken", Array("{".utf8))
        let error = #expect(throws: RPCError.self) { _ = try store.all() }
        #expect(error?.message.contains("/deals/client/bafy-broken") == true)
    }

    @Test("a failed deal keeps its reason and releases its reservation; the summary has Lotus's unpadded size and duration")
    func failAndSummary() throws {
        var deal = try Self.deal()
        #expect(deal.holdsReservation && deal.isFollowed)
        let info = deal.info
        #expect(info.size == 2032 && info.duration == 200 && info.pricePerEpoch == 3 && info.provider == Address(id: 1000))
        deal.fail("deal failed: (State=26) no")
        #expect(deal.state == .error && deal.message == "deal failed: (State=26) no")
        #expect(!deal.holdsReservation && !deal.isFollowed && deal.isFinal)
        #expect(!(try Self.deal(state: .fundsReserved)).isFollowed, "not with the provider yet")
    }
}
