import ChainTypes
import APICore
import Foundation
import SectorStorageAPI

/// The sector index (Lotus `paths.Index`): which storage paths exist (attached with their info and filesystem
/// figures, kept fresh by heartbeats) and which path holds which file of which sector. A plain value: the
/// SectorStorage actor owns one and every transition is a method here. Like Lotus's, it lives in memory and is
/// rebuilt at start from the local paths' files (each path declares what it holds).
public struct SectorIndex: Sendable {
    /// A path the index knows.
    public struct Path: Sendable, Equatable {
        public var info: StorageInfo
        public var stat: FsStat
        /// When the last heartbeat arrived.
        public var lastHeartbeat: Date
        /// Why the last heartbeat failed, empty when healthy.
        public var healthError: String
    }

    /// How long a path may go without a heartbeat before it counts as down (Lotus: 3 skipped 10 s heartbeats).
    public var heartbeatTimeout: TimeInterval = 30

    public private(set) var paths: [String: Path] = [:]
    /// sector → single file type → storage ID → primary.
    private var declarations: [SectorID: [SectorFileType: [String: Bool]]] = [:]

    public init() {}

    /// Adds a path, or updates its info and figures and adds its new URLs (Lotus `StorageAttach`).
    public mutating func attach(_ info: StorageInfo, stat: FsStat, now: Date = Date()) {
        if var known = paths[info.id] {
            var merged = info
            merged.urls = known.info.urls + info.urls.filter { !known.info.urls.contains($0) }
            known.info = merged
            known.stat = stat
            known.lastHeartbeat = now
            known.healthError = ""
            paths[info.id] = known
        } else {
            paths[info.id] = Path(info: info, stat: stat, lastHeartbeat: now, healthError: "")
        }
    }

    /// Records a heartbeat (Lotus `StorageReportHealth`).
    /// - Throws: ``APICore/RPCError`` when the path is not attached.
    public mutating func reportHealth(_ id: String, _ report: HealthReport, now: Date = Date()) throws {
        guard var path = paths[id] else { throw Self.unknown(id) }
        path.stat = report.stat
        path.healthError = report.error
        path.lastHeartbeat = now
        paths[id] = path
    }

    /// Whether `id` is attached, has heartbeats and its last one was healthy.
    public func isHealthy(_ id: String, now: Date = Date()) -> Bool {
        guard let path = paths[id] else { return false }
        return path.healthError.isEmpty && now.timeIntervalSince(path.lastHeartbeat) <= heartbeatTimeout
    }

    /// Records that path `id` holds `types` of `sector` (Lotus `StorageDeclareSector`).
    /// - Throws: ``APICore/RPCError`` when the path is not attached or a type is unknown.
    public mutating func declare(_ id: String, sector: SectorID, types: SectorFileType, primary: Bool) throws {
        guard paths[id] != nil else { throw Self.unknown(id) }
        guard types.isValid, !types.members.isEmpty else { throw RPCError(.methodError, "invalid sector file type \(types.rawValue)") }
        for type in types.members {
            declarations[sector, default: [:]][type, default: [:]][id] = primary
        }
    }

    /// Forgets that path `id` holds `types` of `sector` (Lotus `StorageDropSector`).
    /// - Throws: ``APICore/RPCError`` when the path is not attached.
    public mutating func drop(_ id: String, sector: SectorID, types: SectorFileType) throws {
        guard paths[id] != nil else { throw Self.unknown(id) }
        for type in types.members {
            declarations[sector]?[type]?[id] = nil
            if declarations[sector]?[type]?.isEmpty == true { declarations[sector]?[type] = nil }
        }
        if declarations[sector]?.isEmpty == true { declarations[sector] = nil }
    }

    /// Forgets every declaration of path `id` (it was detached or found gone).
    public mutating func dropAll(in id: String) {
        for (sector, byType) in declarations {
            for type in byType.keys { try? drop(id, sector: sector, types: type) }
        }
    }

    /// Where `types` of `sector` are (Lotus `StorageFindSector`): every path that declared one of them, with the URL of
    /// each file; with `allowFetch`, also the healthy paths that could take the files (not primary).
    public func find(_ sector: SectorID, types: SectorFileType, allowFetch: Bool) -> [SectorStorageInfo] {
        var found: [String: (urls: [String], primary: Bool)] = [:]
        for type in types.members {
            guard let folder = type.folder else { continue }
            for (id, primary) in declarations[sector]?[type] ?? [:] {
                guard let path = paths[id] else { continue }
                var entry = found[id] ?? ([], false)
                entry.urls += path.info.urls.map { "\($0)/\(folder)/\(sector.fileName)" }
                entry.primary = entry.primary || primary
                found[id] = entry
            }
        }
        var result = found.compactMap { id, entry -> SectorStorageInfo? in
            guard let path = paths[id] else { return nil }
            return SectorStorageInfo(
                id: id, urls: entry.urls, baseURLs: path.info.urls, weight: path.info.weight, canSeal: path.info.canSeal,
                canStore: path.info.canStore, primary: entry.primary)
        }
        if allowFetch {
            for (id, path) in paths where found[id] == nil && isHealthy(id) && (path.info.canSeal || path.info.canStore) {
                let urls = types.members.compactMap(\.folder).flatMap { folder in path.info.urls.map { "\($0)/\(folder)/\(sector.fileName)" } }
                result.append(
                    SectorStorageInfo(
                        id: id, urls: urls, baseURLs: path.info.urls, weight: path.info.weight, canSeal: path.info.canSeal,
                        canStore: path.info.canStore, primary: false))
            }
        }
        return result.sorted { ($0.primary ? 1 : 0, $0.weight, $1.id) > ($1.primary ? 1 : 0, $1.weight, $0.id) }
    }

    /// The paths that can take new files of `types` for a sector of `sectorSize` bytes (Lotus `StorageBestAlloc`):
    /// healthy, of the right kind (`CanSeal` for sealing, `CanStore` for storage), with room for the files; best first
    /// (weight × available space).
    /// - Throws: ``APICore/RPCError`` when no path qualifies, saying why.
    public func bestAlloc(_ types: SectorFileType, sectorSize: UInt64, pathType: PathType, now: Date = Date()) throws -> [StorageInfo] {
        let needed = Self.space(for: types, sectorSize: sectorSize, pathType: pathType)
        let candidates = paths.values.filter { path in
            (pathType == .sealing ? path.info.canSeal : path.info.canStore) && isHealthy(path.info.id, now: now)
                && path.stat.available >= 0 && UInt64(path.stat.available) >= needed
        }
        guard !candidates.isEmpty else {
            throw RPCError(
                .methodError,
                "no good path found for \(types) of a \(sectorSize)-byte sector (\(pathType.rawValue)): attach one with `lotus-miner storage attach --init --\(pathType == .sealing ? "seal" : "store") PATH`, or free space (\(needed) bytes needed)")
        }
        return candidates.sorted { lhs, rhs in
            let left = Double(lhs.stat.available) * Double(lhs.info.weight), right = Double(rhs.stat.available) * Double(rhs.info.weight)
            return left != right ? left > right : lhs.info.id < rhs.info.id
        }.map(\.info)
    }

    /// Every path's declarations (Lotus `StorageList`); attached paths without files map to `[]`.
    public func list() -> [String: [SectorDecl]] {
        var result = paths.mapValues { _ in [SectorDecl]() }
        for (sector, byType) in declarations.sorted(by: { $0.key < $1.key }) {
            for (type, holders) in byType.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                for id in holders.keys { result[id, default: []].append(SectorDecl(sector: sector, fileType: type)) }
            }
        }
        return result
    }

    /// The bytes `types` of a sector take (Lotus `storiface.FSOverheadSeal`/`FsOverheadFinalized`: the cache holds
    /// the tree while sealing, little once finalized).
    static func space(for types: SectorFileType, sectorSize: UInt64, pathType: PathType) -> UInt64 {
        var total: UInt64 = 0
        for type in types.members {
            let multiplier: UInt64 = switch type {
            case .cache: pathType == .sealing ? 2 : 1
            default: 1
            }
            let (bytes, overflowed) = sectorSize.multipliedReportingOverflow(by: multiplier)
            let (sum, carried) = total.addingReportingOverflow(bytes)
            total = overflowed || carried ? .max : sum
        }
        return total
    }

    static func unknown(_ id: String) -> RPCError {
        RPCError(.methodError, "storage \(id) is not attached; `lotus-miner storage list` shows attached paths")
    }
}
