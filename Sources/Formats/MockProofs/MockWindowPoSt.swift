import PieceCommitment

/// The devnet's Window PoSt: for every challenged sector, in the order the chain lists them, openings of its replica
/// tree at ``challengeCount`` leaves drawn from the deadline's challenge randomness and the sector number. The
/// prover reads them from the sealed files (``SealedSectorFiles``); the chain checks them against each sector's
/// CommR (``verify(_:randomness:sectors:)``), so a sector whose sealed data is gone or altered fails.
public enum MockWindowPoSt {
    /// Leaves challenged per sector (Filecoin's Window PoSt also challenges 10).
    public static let challengeCount = 10

    /// A sector the verifier checks: its number, CommR and size.
    public struct Sector: Sendable, Equatable {
        public var number: UInt64
        public var commR: Commitment
        public var sectorSize: UInt64

        public init(number: UInt64, commR: Commitment, sectorSize: UInt64) {
            self.number = number
            self.commR = commR
            self.sectorSize = sectorSize
        }
    }

    /// The leaves challenged in sector `number` of `leaves` leaves under `randomness`.
    public static func challenges(randomness: [UInt8], sector: UInt64, leaves: Int) -> [Int] {
        ReplicaOpenings.challenges(seed: randomness, sector: sector, count: challengeCount, leaves: leaves)
    }

    /// The proof over `sectors` (number and files, in the chain's order).
    /// - Throws: ``OpeningError`` naming the sector whose files could not be read.
    public static func prove(randomness: [UInt8], sectors: [(number: UInt64, files: SealedSectorFiles)]) throws(OpeningError) -> [UInt8] {
        var proof: [UInt8] = []
        for (number, files) in sectors {
            do {
                proof += try files.openings(challenges(randomness: randomness, sector: number, leaves: files.leaves))
            } catch {
                throw OpeningError("sector \(number): \(error)")
            }
        }
        return proof
    }

    /// `nil` when `proof` opens every sector's CommR at its challenges; else why not, naming the sector.
    public static func verify(_ proof: [UInt8], randomness: [UInt8], sectors: [Sector]) -> String? {
        var offset = 0
        for sector in sectors {
            let leaves: Int
            switch ReplicaOpenings.leafCount(sectorSize: sector.sectorSize) {
            case .success(let count): leaves = count
            case .failure(let error): return "sector \(sector.number): \(error)"
            }
            let length = challengeCount * ReplicaOpenings.openingSize(leaves: leaves)
            guard proof.count - offset >= length else {
                return "proof is \(proof.count) bytes, too short for sector \(sector.number) at byte \(offset)"
            }
            let indices = challenges(randomness: randomness, sector: sector.number, leaves: leaves)
            if let reason = ReplicaOpenings.verify(proof[offset..<offset + length], indices: indices, leaves: leaves, root: sector.commR) {
                return "sector \(sector.number): \(reason)"
            }
            offset += length
        }
        guard offset == proof.count else { return "proof has \(proof.count - offset) bytes beyond its \(sectors.count) sectors" }
        return nil
    }
}
