import APICore
import ChainTypes
import MockProofs
import Multiformats
import PieceCommitment
import SectorStorageAPI

/// The sectors a prover can answer for: where each one's sealed file and tree are on this node (through the sector
/// index), and whether they still open the sector's CommR — Lotus's `CheckProvable`, run before every Window PoSt and
/// before each fault and recovery declaration.
struct ProvableSectors: Sendable {
    let storage: SubsystemRef<SectorStorageMethods>
    let minerID: UInt64

    /// The files of sector `info` on a local path, or why there are none.
    func files(_ info: SectorOnChainInfo) async -> Result<SealedSectorFiles, ProvingError> {
        await files(number: info.sectorNumber, sealProof: info.sealProof)
    }

    /// The files of sector `number` (sealed with `sealProof`) on a local path, or why there are none.
    func files(number: SectorNumber, sealProof: Int64) async -> Result<SealedSectorFiles, ProvingError> {
        guard let size = SectorSize(sealProof: sealProof) else {
            return .failure(ProvingError("unknown seal proof type \(sealProof)"))
        }
        let sector = SectorID(miner: minerID, number: number)
        do {
            let local = try await storage.call(\.storageLocal)
            let sealed = try await storage.call(\.storageFindSector, sector, SectorFileType.sealed, size.bytes, false)
            let cache = try await storage.call(\.storageFindSector, sector, SectorFileType.cache, size.bytes, false)
            guard let sealedPath = sealed.lazy.compactMap({ local[$0.id] }).first else {
                return .failure(ProvingError("no local path holds the sealed file of \(sector)"))
            }
            guard let cachePath = cache.lazy.compactMap({ local[$0.id] }).first else {
                return .failure(ProvingError("no local path holds the cache of \(sector)"))
            }
            return .success(
                try SealedSectorFiles(
                    sealedPath: "\(sealedPath)/sealed/\(sector.fileName)", cacheFolder: "\(cachePath)/cache/\(sector.fileName)",
                    sectorSize: size.bytes))
        } catch {
            return .failure(ProvingError("finding \(sector): \(error)"))
        }
    }

    /// Sector `info`'s files when they open its CommR at the Window PoSt challenges of `randomness`; else why not.
    func provable(_ info: SectorOnChainInfo, randomness: [UInt8]) async -> Result<SealedSectorFiles, ProvingError> {
        let found: SealedSectorFiles
        switch await files(info) {
        case .success(let located): found = located
        case .failure(let error): return .failure(error)
        }
        guard info.sealedCID.codec == .filCommitmentSealed, let commR = try? Commitment(bytes: info.sealedCID.multihash.digest) else {
            return .failure(ProvingError("the chain's sealed CID \(info.sealedCID) carries no CommR"))
        }
        if let reason = found.check(commR: commR, seed: randomness, sector: info.sectorNumber, count: MockWindowPoSt.challengeCount) {
            return .failure(ProvingError(reason))
        }
        return .success(found)
    }

    /// Sectors checked at once (each check reads its challenged leaves from the sealed file).
    static let concurrentChecks = 8

    /// Each sector of `infos` checked with ``provable(_:randomness:)`` (only located, with ``files(_:)``, when
    /// `locateOnly`), at most ``concurrentChecks`` at once: a deadline of many partitions still fits its window.
    func checked(_ infos: [SectorOnChainInfo], randomness: [UInt8], locateOnly: Bool = false) async
        -> [SectorNumber: Result<SealedSectorFiles, ProvingError>]
    {
        await withTaskGroup(of: (SectorNumber, Result<SealedSectorFiles, ProvingError>).self) { group in
            var results: [SectorNumber: Result<SealedSectorFiles, ProvingError>] = [:]
            var next = infos.makeIterator()
            func start(_ info: SectorOnChainInfo) {
                group.addTask {
                    (info.sectorNumber, locateOnly ? await files(info) : await provable(info, randomness: randomness))
                }
            }
            for _ in 0..<Self.concurrentChecks {
                guard let info = next.next() else { break }
                start(info)
            }
            for await (number, result) in group {
                results[number] = result
                if let info = next.next() { start(info) }
            }
            return results
        }
    }

    /// The sectors of `infos` that are not ``provable(_:randomness:)``, with why.
    func bad(_ infos: [SectorOnChainInfo], randomness: [UInt8]) async -> [SectorNumber: String] {
        await checked(infos, randomness: randomness).compactMapValues { result in
            if case .failure(let error) = result { return error.description }
            return nil
        }
    }
}

/// Why a sector cannot be proven.
struct ProvingError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
