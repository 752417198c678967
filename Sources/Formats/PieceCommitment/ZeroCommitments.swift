/// Roots of all-zero pieces (go-commp-utils `zerocomm`): level 0 is the 32-byte zero leaf, level k the root of
/// 2^k zero leaves (a padded piece of 32·2^k bytes). Zero payload bytes Fr32-pad to zero leaves, so a piece's
/// padding is filled from this table instead of hashed.
public enum ZeroCommitments {
    /// The highest level kept: 2^58 leaves, the largest ``PaddedPieceSize`` (2^63 bytes).
    public static let maxLevel = 58

    /// `table[k]` = root of 2^k zero leaves.
    static let table: [Commitment] = {
        var levels = [Commitment(trusted: [UInt8](repeating: 0, count: 32))]
        for _ in 0..<maxLevel {
            let below = levels[levels.count - 1]
            levels.append(Commitment.parent(below, below))
        }
        return levels
    }()

    /// The root of a tree of 2^`level` zero leaves; `level` must be in `0...maxLevel`.
    public static func root(level: Int) -> Commitment {
        precondition((0...maxLevel).contains(level), "zero commitment level \(level) is outside 0...\(maxLevel)")
        return table[level]
    }

    /// The commitment of an all-zero piece of the given padded size.
    public static func piece(_ size: PaddedPieceSize) -> Commitment {
        table[size.rawValue.trailingZeroBitCount - 5]
    }
}
