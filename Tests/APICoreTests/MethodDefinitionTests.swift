import APICore
import CommonAPI
import MarketsAPI
import MiningAPI
import SealingAPI
import SectorStorageAPI
import Testing

/// Each method is defined once; the tables that come from those definitions must be consistent.
@Suite("Method definitions")
struct MethodDefinitionTests {
    @Test func everySubsystemMethodIsOwnedByItsSubsystemAndNamedOnce() {
        let sets: [(Subsystem, [any MethodDescriptor])] = [
            (.common, CommonMethods().descriptors), (.mining, MiningMethods().descriptors),
            (.sealing, SealingMethods().descriptors), (.sectorStorage, SectorStorageMethods().descriptors),
            (.markets, MarketsMethods().descriptors),
        ]
        var names = Set<String>()
        for (subsystem, descriptors) in sets {
            #expect(!descriptors.isEmpty, "\(subsystem) has methods")
            for descriptor in descriptors {
                #expect(descriptor.subsystem == subsystem, "\(descriptor.name) belongs to \(subsystem)")
                #expect(descriptor.wireName == "Filecoin." + descriptor.name)
                #expect(names.insert(descriptor.wireName).inserted, "\(descriptor.wireName) is defined once")
            }
        }
        #expect(names.isSuperset(of: [
            "Filecoin.Version", "Filecoin.AuthVerify", "Filecoin.AuthNew", "Filecoin.LogList", "Filecoin.LogSetLevel",
            "Filecoin.Shutdown", "Filecoin.Session", "Filecoin.Closing", "Filecoin.RuntimeSubsystems",
        ]))
    }

    @Test func permissionsFollowLotus() {
        let common = CommonMethods()
        #expect(common.version.permission == .read)
        #expect(common.authNew.permission == .admin)
        #expect(common.logSetLevel.permission == .write)
        #expect(common.shutdown.permission == .admin)
        #expect(SealingMethods().sectorSetSealDelay.permission == .write)
        #expect(SectorStorageMethods().storageAddLocal.permission == .admin)
        #expect(MarketsMethods().dealsSetPieceCidBlocklist.permission == .admin)
    }

    @Test func cumulativePermissions() throws {
        #expect(try Permission.parse("sign").cumulative == [.read, .write, .sign])
        #expect(throws: RPCError.self) { try Permission.parse("root") }
    }

    @Test func versionPacking() {
        #expect(SemanticVersion.minerAPI.packed == 66816)
        #expect(SemanticVersion(packed: 66816) == SemanticVersion(1, 5, 0))
        #expect(SemanticVersion(1, 5, 3).isCompatible(with: .minerAPI))
        #expect(!SemanticVersion(1, 4, 0).isCompatible(with: .minerAPI))
    }
}
