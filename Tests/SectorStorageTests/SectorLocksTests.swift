import ChainTypes
import SectorStorage
import SectorStorageAPI
import Testing

/// Read and write locks on sector files.
@Suite("Sector locks")
struct SectorLocksTests {
    let sector = SectorID(miner: 1000, number: 1)

    @Test("readers share, a writer excludes readers and writers of its types, other types are independent")
    func rules() {
        var locks = SectorLocks()
        let taken1 = locks.tryLock(sector, read: .sealed, write: [])
        #expect(taken1)
        let taken2 = locks.tryLock(sector, read: .sealed, write: [])
        #expect(taken2, "two readers")
        let taken3 = locks.tryLock(sector, read: [], write: .sealed)
        #expect(!taken3, "no writer while read")
        let taken4 = locks.tryLock(sector, read: [], write: .unsealed)
        #expect(taken4, "another type is free")
        let taken5 = locks.tryLock(sector, read: .unsealed, write: [])
        #expect(!taken5, "no reader while written")
        let taken6 = locks.tryLock(SectorID(miner: 1000, number: 2), read: [], write: .sealed)
        #expect(taken6, "another sector is free")
        locks.unlock(sector, read: .sealed, write: [])
        #expect(!locks.canLock(sector, read: [], write: .sealed), "one reader left")
        locks.unlock(sector, read: .sealed, write: [])
        #expect(locks.canLock(sector, read: [], write: .sealed))
        locks.unlock(sector, read: [], write: .unsealed)
        #expect(locks.lockedSectors == [SectorID(miner: 1000, number: 2)])
    }
}
