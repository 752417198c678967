import ChainTypes
import APICore
import Foundation
import SectorStorageAPI

/// A storage path on this node's disks: its `sectorstore.json` and the sector files in its `unsealed/`, `sealed/`,
/// `cache/`, `update/` and `update-cache/` folders (Lotus's layout).
public struct LocalStoragePath: Sendable, Equatable {
    /// The absolute path.
    public let path: String
    public let meta: LocalStorageMeta

    /// Opens the path at `path`: reads its `sectorstore.json`.
    /// - Throws: ``APICore/RPCError`` when it is missing or malformed, saying how to initialise the path.
    public init(opening path: String) throws {
        let file = (path as NSString).appendingPathComponent("sectorstore.json")
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RPCError(
                .methodError,
                "opening storage path '\(path)': \(file) not found; initialise the path with `lotus-miner storage attach --init --seal|--store \(path)`")
        }
        do {
            meta = try JSONDecoder().decode(LocalStorageMeta.self, from: data)
        } catch {
            throw RPCError(.methodError, "opening storage path '\(path)': \(file) is not a valid sectorstore.json: \(error)")
        }
        self.path = path
    }

    /// Where a file of `type` (a single type) of `sector` lives in this path.
    public func file(_ type: SectorFileType, of sector: SectorID) -> String? {
        guard let folder = type.folder else { return nil }
        return "\(path)/\(folder)/\(sector.fileName)"
    }

    /// The sector files present, by scanning the type folders (names that are not sector names are skipped), and the
    /// bytes they take.
    public func scan() -> (declarations: [SectorDecl], bytes: UInt64) {
        var found: [SectorDecl] = []
        var bytes: UInt64 = 0
        let manager = FileManager.default
        for type in SectorFileType.all {
            guard let folder = type.folder else { continue }
            let directory = "\(path)/\(folder)"
            for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] {
                guard let sector = SectorID(fileName: name) else { continue }
                found.append(SectorDecl(sector: sector, fileType: type))
                bytes = bytes.addingReportingOverflow(Self.size(of: "\(directory)/\(name)")).partialValue
            }
        }
        return (found.sorted { ($0.sector, $0.fileType.rawValue) < ($1.sector, $1.fileType.rawValue) }, bytes)
    }

    /// The filesystem's figures for this path, with `MaxStorage` applied: when set, the path offers at most
    /// `MaxStorage` minus what its sector files take.
    /// - Throws: when the path is gone or its filesystem cannot be read.
    public func stat(sectorBytes: UInt64) throws -> FsStat {
        guard FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("sectorstore.json")) else {
            throw RPCError(.methodError, "storage path '\(path)' is gone (no sectorstore.json there any more)")
        }
        let attributes = try FileManager.default.attributesOfFileSystem(forPath: path)
        let capacity = (attributes[.systemSize] as? NSNumber)?.int64Value ?? 0
        let free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value ?? 0
        var stat = FsStat(capacity: capacity, available: free, used: capacity - free)
        if meta.maxStorage > 0 {
            let limit = Int64(clamping: meta.maxStorage)
            let used = Int64(clamping: sectorBytes)
            stat.max = limit
            stat.used = used
            stat.available = max(0, min(free, limit - min(limit, used)))
        }
        return stat
    }

    /// The size of a file, or of every file under a directory (a sector's cache is a directory).
    static func size(of path: String) -> UInt64 {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return 0 }
        if !isDirectory.boolValue {
            return ((try? manager.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.uint64Value ?? 0
        }
        var total: UInt64 = 0
        for name in manager.subpaths(atPath: path) ?? [] {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: "\(path)/\(name)", isDirectory: &isFolder), !isFolder.boolValue else { continue }
            total = total.addingReportingOverflow(size(of: "\(path)/\(name)")).partialValue
        }
        return total
    }
}
