import APICore
import ArgumentParser
import CLISupport
import Foundation
import ChainTypes
import MiningAPI
import SectorStorageAPI

/// `lotus-miner storage`: sector storage paths on the mining node.
struct Storage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "manage sector storage", subcommands: [Attach.self, List.self, Find.self])

    struct Attach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "attach local storage path")
        @ParentCommand var root: LotusMiner
        @Flag(help: "initialize the path first") var `init` = false
        @Option(help: "(for init) path weight") var weight: UInt64 = 10
        @Flag(help: "(for init) use path for sealing") var seal = false
        @Flag(help: "(for init) use path for long-term storage") var store = false
        @Option(name: .customLong("max-storage"), help: "(for init) limit storage space for sectors (bytes)") var maxStorage: UInt64 = 0
        @Argument var path: String

        func run() async throws {
            let absolute = URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL.path
            if `init` {
                let metaFile = (absolute as NSString).appendingPathComponent("sectorstore.json")
                if FileManager.default.fileExists(atPath: metaFile) {
                    throw CLIError("path is already initialized (\(metaFile) exists)")
                }
                if !seal && !store {
                    throw CLIError("must specify --seal, --store or both when initialising a path")
                }
                try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
                let meta = LocalStorageMeta(
                    id: UUID().uuidString.lowercased(), weight: weight, canSeal: seal, canStore: store, maxStorage: maxStorage)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(meta).write(to: URL(fileURLWithPath: metaFile), options: .atomic)
            }
            let node = try NodeConnection(.miner, resolver: root.resolver)
            _ = try await node.sectorStorage.call(\.storageAddLocal, absolute)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "list local storage paths")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let node = try NodeConnection(.miner, resolver: root.resolver)
            let local = try await node.sectorStorage.call(\.storageLocal)
            let declared = try await node.sectorStorage.call(\.storageList)
            for id in declared.keys.sorted() {
                let info = try await node.sectorStorage.call(\.storageInfo, id)
                let files = declared[id] ?? []
                func count(_ type: SectorFileType) -> Int { files.filter { $0.fileType.contains(type) }.count }
                print("\(id):")
                if local[id] != nil {
                    let stat = try await node.sectorStorage.call(\.storageStat, id)
                    print("\t[\(LotusFormat.size(UInt64(clamping: stat.used)))/\(LotusFormat.size(UInt64(clamping: stat.capacity))) used, \(LotusFormat.size(UInt64(clamping: stat.available))) available]")
                }
                print("\tUnsealed: \(count(.unsealed)); Sealed: \(count(.sealed)); Caches: \(count(.cache)); Reserved: 0 B")
                print("\tWeight: \(info.weight); Use: \(Self.use(info))")
                if let path = local[id] { print("\tLocal: \(path)") }
                for url in info.urls { print("\tURL: \(url)") }
            }
        }

        static func use(_ info: StorageInfo) -> String {
            [info.canSeal ? "Seal" : nil, info.canStore ? "Store" : nil].compactMap { $0 }.joined(separator: " ")
        }
    }

    struct Find: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "find sector in the storage system")
        @ParentCommand var root: LotusMiner
        @Argument(help: "sector number") var sector: UInt64

        func run() async throws {
            let node = try NodeConnection(.miner, resolver: root.resolver)
            let actor = try parseAddress(try await node.mining.call(\.actorAddress), what: "miner actor address")
            guard let miner = actor.id else { throw CLIError("the miner actor address \(actor) is not an ID address") }
            let id = SectorID(miner: miner, number: sector)
            let local = try await node.sectorStorage.call(\.storageLocal)
            var found: [String: (types: [SectorFileType], info: SectorStorageInfo)] = [:]
            for type in [SectorFileType.unsealed, .sealed, .cache, .update, .updateCache] {
                for holder in try await node.sectorStorage.call(\.storageFindSector, id, type, UInt64(0), false) {
                    found[holder.id, default: ([], holder)].types.append(type)
                }
            }
            guard !found.isEmpty else { throw CLIError("sector \(sector) (\(id)) is not stored in any path the index knows") }
            for (storage, entry) in found.sorted(by: { $0.key < $1.key }) {
                print("In \(storage) (\(entry.types.map(\.description).joined(separator: ", "))):")
                print("\tUnsealed: \(entry.types.contains(.unsealed))")
                print("\tSealed: \(entry.types.contains(.sealed))")
                print("\tCaches: \(entry.types.contains(.cache))")
                print("\tWeight: \(entry.info.weight); Use: \([entry.info.canSeal ? "Seal" : nil, entry.info.canStore ? "Store" : nil].compactMap { $0 }.joined(separator: " "))")
                print("\tPrimary: \(entry.info.primary)")
                if let path = local[storage] { print("\tLocal (\(path))") }
                for url in entry.info.baseURLs { print("\tURL: \(url)") }
            }
        }
    }
}
