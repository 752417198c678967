import Foundation
import MarketsAPI
import MinerConfig
import Multiformats
import SubsystemSupport
import Testing

@testable import Markets

/// Retrieval deals as the datastore keeps them and `MarketListRetrievalDeals` returns them.
@Suite("Retrieval deals")
struct RetrievalDealStoreTests {
    static let payload = try! CID("bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4")
    static let peer = "12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo"

    static func deal(_ id: UInt64, _ status: RetrievalDealStatus, peer: String = peer) -> ProviderRetrievalDeal {
        ProviderRetrievalDeal(payloadCID: payload, id: id, pieceCID: nil, status: status, receiver: peer, totalSent: 100 * id, message: "")
    }

    @Test("kept under /retrievals/provider/1/<peer>/<id>, listed by deal number, in Lotus's JSON shape")
    func keysAndShape() throws {
        let metadata = InMemoryMetadataStore()
        let store = RetrievalDealStore(metadata: metadata)
        try store.save(Self.deal(2, .completed))
        try store.save(Self.deal(1, .ongoing, peer: "12D3KooWOther"))
        #expect(try metadata.get("/retrievals/provider/1/\(Self.peer)/2") != nil)
        #expect(try store.all().map(\.id) == [1, 2])
        #expect(try store.deal(2, of: Self.peer)?.status == .completed)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(Self.deal(2, .completed)), as: UTF8.self)
        #expect(json.contains(#""PayloadCID":{"/":"\#(Self.payload)"}"#) && json.contains(#""Status":15"#) && json.contains(#""TotalSent":200"#))
        #expect(json.contains(#""PricePerByte":"0""#) && json.contains(#""Selector":null"#) && json.contains(#""Receiver":"\#(Self.peer)""#))
        #expect(RetrievalDealStatus.completed.name == "DealStatusCompleted" && RetrievalDealStatus(rawValue: 29).name == "DealStatusWaitingForLastBlocks")
        #expect(RetrievalDealStatus(rawValue: 99).name == "", "unknown numbers print empty, as Lotus's map lookup does")
    }

    @Test("refused requests are stored up to a cap, so a peer asking for unknown payloads cannot grow the datastore; served ones are not capped")
    func refusalsAreCapped() async throws {
        let metadata = InMemoryMetadataStore()
        let store = RetrievalDealStore(metadata: metadata)
        let cap = MarketsActor.maxRejectedRetrievalRecords
        for id in 0..<UInt64(cap - 1) { try store.save(Self.deal(id, .rejected, peer: "12D3KooWFlood")) }
        try store.save(Self.deal(UInt64(cap), .completed))
        let markets = MarketsActor(
            config: InMemoryConfigStore(MinerConfig()), chain: nil, sealing: nil, metadata: metadata,
            stagingPath: FileManager.default.temporaryDirectory.path, peerID: "12D3KooWSelf")
        for _ in 0..<3 {
            let error = await #expect(throws: (any Error).self) { _ = try await markets.retrieve(Self.payload, for: "12D3KooWFlood") }
            #expect("\(String(describing: error))".contains("is not held by any deal"), "every request is still answered with its reason")
        }
        let deals = try await markets.listRetrievalDeals()
        #expect(deals.filter { $0.status == .rejected }.count == cap, "the first refusal fills the cap; the next two are not stored")
        #expect(deals.filter { $0.status == .completed }.count == 1)
    }

    @Test("a corrupt record is reported with its key, not skipped")
    func corrupt() throws {
        let metadata = InMemoryMetadataStore()
        try metadata.put("/retrievals/provider/1/\(Self.peer)/7", Array("{".utf8))
        let error = #expect(throws: (any Error).self) { _ = try RetrievalDealStore(metadata: metadata).all() }
        #expect("\(String(describing: error))".contains("/retrievals/provider/1/\(Self.peer)/7"))
    }

    @Test("after a restart, a retrieval that was under way is errored with the reason; finished ones are kept as they were")
    func interrupted() async throws {
        let metadata = InMemoryMetadataStore()
        let store = RetrievalDealStore(metadata: metadata)
        try store.save(Self.deal(0, .completed))
        try store.save(Self.deal(1, .ongoing))
        let markets = MarketsActor(
            config: InMemoryConfigStore(MinerConfig()), chain: nil, sealing: nil, metadata: metadata,
            stagingPath: FileManager.default.temporaryDirectory.path, peerID: "12D3KooWSelf")
        await markets.endInterruptedRetrievals()
        let deals = try await markets.listRetrievalDeals()
        #expect(deals.map(\.status) == [.completed, .errored])
        #expect(deals[1].message == "the markets node stopped while the retrieval was under way" && deals[1].totalSent == 100)
    }
}
