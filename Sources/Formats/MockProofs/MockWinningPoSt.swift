import Crypto

/// The devnet's winning PoSt: of the miner's eligible sectors (its active ones, ascending), the epoch's challenge
/// randomness picks one, and the proof is that sector's Window PoSt openings (``MockWindowPoSt``) under the same
/// randomness — a block winner must hold the sealed data of the sector it could not predict.
public enum MockWinningPoSt {
    /// The index into `eligible` (sorted by sector number) that `randomness` challenges; nil when there is none.
    public static func challengedIndex(randomness: [UInt8], eligible: Int) -> Int? {
        guard eligible > 0 else { return nil }
        var hasher = SHA256()
        hasher.update(data: randomness)
        hasher.update(data: Array("winning-post-sector".utf8))
        let value = Array(hasher.finalize()).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value % UInt64(eligible))
    }

    /// The proof for `sector` (the challenged one, with its files).
    /// - Throws: ``OpeningError`` when its files cannot be read.
    public static func prove(randomness: [UInt8], sector: UInt64, files: SealedSectorFiles) throws(OpeningError) -> [UInt8] {
        try MockWindowPoSt.prove(randomness: randomness, sectors: [(sector, files)])
    }

    /// `nil` when `proof` opens the challenged sector of `eligible` (ascending sector numbers); else why not.
    public static func verify(_ proof: [UInt8], randomness: [UInt8], eligible: [MockWindowPoSt.Sector]) -> String? {
        guard let index = challengedIndex(randomness: randomness, eligible: eligible.count) else {
            return "the miner has no active sector to prove"
        }
        return MockWindowPoSt.verify(proof, randomness: randomness, sectors: [eligible[index]])
    }
}
