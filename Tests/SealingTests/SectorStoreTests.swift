import APICore
import Multiformats
import Sealing
import SealingAPI
import SubsystemSupport
import Testing

/// A metadata datastore in memory.
typealias MemoryMetadata = InMemoryMetadataStore

/// Sector records in the metadata datastore.
@Suite("Sector store")
struct SectorStoreTests {
    @Test("records round-trip under /sectors/<n>; sector numbers are handed out once")
    func roundTrip() throws {
        let metadata = MemoryMetadata()
        let store = SectorStore(metadata: metadata)
        #expect(try store.nextSectorNumber() == 0)
        #expect(try store.nextSectorNumber() == 1)
        #expect(try SectorStore(metadata: metadata).nextSectorNumber() == 2, "the counter is stored, not kept in memory")

        var record = SectorRecord(number: 1, sealProof: 5)
        record = try SectorStateMachine.apply(.startCC, to: record, timestamp: 100)
        record = try SectorStateMachine.apply(
            .packed(fillers: [SectorPiece(size: 2048, pieceCID: CID(codec: .raw, multihash: .identity([1])))]), to: record, timestamp: 101)
        try store.save(record)
        #expect(try store.record(1) == record)
        #expect(try store.all() == [record])
        #expect(try metadata.get("/sectors/1") != nil)
    }

    @Test("a corrupt record is reported with its key")
    func corrupt() throws {
        let metadata = MemoryMetadata()
        try metadata.put("/sectors/4", Array("{not json".utf8))
        let error = #expect(throws: RPCError.self) { _ = try SectorStore(metadata: metadata).all() }
        #expect(error?.message.contains("/sectors/4") == true)
        try metadata.put(SectorStore.nextIDKey, Array("x".utf8))
        #expect(throws: RPCError.self) { _ = try SectorStore(metadata: metadata).nextSectorNumber() }
    }
}
