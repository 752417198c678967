import Multiformats

/// The devnet's leader election, one rule for the chain that checks a submission and the miner that decides whether
/// to submit: a miner wins an epoch when its election value — the first 8 bytes, big-endian, of blake2b-256 of its
/// worker's signature over the epoch's election randomness — as a fraction of 2^64 is below its share of the
/// network's quality-adjusted power.
public enum Election {
    /// The election value of an election signature.
    public static func value(of electionProof: Signature) -> UInt64 {
        BLAKE2b.hash(electionProof.data, digestLength: 32).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Whether an election value wins with `power` out of `total`: value / 2^64 < power / total.
    public static func wins(value: UInt64, power: UInt64, total: UInt64) -> Bool {
        guard total > 0, power > 0 else { return false }
        if power >= total { return true }
        return UInt128(value) * UInt128(total) < UInt128(power) << 64
    }
}
