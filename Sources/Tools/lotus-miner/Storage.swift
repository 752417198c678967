import APICore
import ArgumentParser
import CLISupport
import Foundation
import SectorStorageAPI

/// `lotus-miner storage`: sector storage paths on the mining node.
struct Storage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "manage sector storage", subcommands: [Attach.self, List.self])

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
            for (id, path) in local.sorted(by: { $0.key < $1.key }) {
                let info = try await node.sectorStorage.call(\.storageInfo, id)
                let stat = try await node.sectorStorage.call(\.storageStat, id)
                print("\(id):")
                print("\t[\(stat.used)/\(stat.capacity) bytes used, \(stat.available) available]")
                print("\tWeight: \(info.weight); Use: \(info.canSeal ? "Seal " : "")\(info.canStore ? "Store" : "")")
                print("\tLocal: \(path)")
                print("\tURL: \(info.urls.joined(separator: ", "))")
            }
        }
    }
}
