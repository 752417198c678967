import APICore
import Markets
import StorageMarket
import SubsystemSupport
import Testing

/// Deals in the metadata datastore under Lotus's key.
@Suite("Deal store")
struct DealStoreTests {
    @Test("deals round-trip under /deals/provider/<ProposalCid>; a corrupt record is reported by its key")
    func roundTrip() throws {
        let metadata = InMemoryMetadataStore()
        let store = DealStore(metadata: metadata)
        var deal = try DealFixtures.deal()
        deal = try ProviderDealMachine.apply(.open, to: deal)
        try store.save(deal)
        #expect(try store.deal(deal.proposalCid) == deal)
        #expect(try metadata.get("/deals/provider/\(deal.proposalCid)") != nil)
        try metadata.put("/deals/provider/storage-ask/latest", [0xA0])
        #expect(try store.all() == [deal], "the ask under the same prefix is not a deal")

        try metadata.put("/deals/provider/bafy-broken", Array("{".utf8))
        let error = #expect(throws: RPCError.self) { _ = try store.all() }
        #expect(error?.message.contains("/deals/provider/bafy-broken") == true)
    }
}
