import ChainTypes
import SectorStorageAPI

/// Read and write locks on sector files (Lotus `paths.indexLocks`): any number of readers of a file type, or one
/// writer and no reader. A plain value; the SectorStorage actor queues the callers that wait.
public struct SectorLocks: Sendable {
    /// The locks held on one sector.
    struct Held: Sendable, Equatable {
        var readers: [SectorFileType: Int] = [:]
        var writers: SectorFileType = []
        var isEmpty: Bool { readers.isEmpty && writers.isEmpty }
    }

    private var held: [SectorID: Held] = [:]

    public init() {}

    /// Whether `read` and `write` of `sector` can be taken now.
    public func canLock(_ sector: SectorID, read: SectorFileType, write: SectorFileType) -> Bool {
        let current = held[sector] ?? Held()
        if !current.writers.intersection(read.union(write)).isEmpty { return false }
        return write.members.allSatisfy { (current.readers[$0] ?? 0) == 0 }
    }

    /// Takes the locks if they are free.
    /// - Returns: whether they were taken.
    public mutating func tryLock(_ sector: SectorID, read: SectorFileType, write: SectorFileType) -> Bool {
        guard canLock(sector, read: read, write: write) else { return false }
        var current = held[sector] ?? Held()
        for type in read.members { current.readers[type, default: 0] += 1 }
        current.writers.formUnion(write)
        held[sector] = current
        return true
    }

    /// Releases locks taken with ``tryLock(_:read:write:)``.
    public mutating func unlock(_ sector: SectorID, read: SectorFileType, write: SectorFileType) {
        guard var current = held[sector] else { return }
        for type in read.members {
            let count = (current.readers[type] ?? 0) - 1
            current.readers[type] = count > 0 ? count : nil
        }
        current.writers.subtract(write)
        held[sector] = current.isEmpty ? nil : current
    }

    /// The sectors with locks held, and which (for `sealing jobs`-style diagnostics).
    public var lockedSectors: [SectorID] { held.keys.sorted() }
}
