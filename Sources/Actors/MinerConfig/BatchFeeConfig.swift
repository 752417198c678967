/// A fee cap for a batch message: `Base + PerSector * sectors` (`[Fees.MaxPreCommitBatchGasFee]`,
/// `[Fees.MaxCommitBatchGasFee]`).
public struct BatchFeeConfig: Sendable, Equatable, Codable {
    /// Fixed part of the cap.
    public var base: FIL
    /// Part of the cap per sector in the batch.
    public var perSector: FIL

    enum CodingKeys: String, CodingKey {
        case base = "Base"
        case perSector = "PerSector"
    }

    /// Creates a batch fee cap.
    public init(base: FIL, perSector: FIL) {
        self.base = base
        self.perSector = perSector
    }

    /// Decodes on top of zero: absent keys are `0 FIL`.
    public init(from decoder: any Decoder) throws {
        self.init(base: .zero, perSector: .zero)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&base, .base)
        try container.update(&perSector, .perSector)
    }

    /// Overwrites the parts present in the table stored for `key`, keeping the others.
    mutating func update<K: CodingKey>(from container: KeyedDecodingContainer<K>, forKey key: K) throws {
        guard container.contains(key) else { return }
        let nested = try container.nestedContainer(keyedBy: CodingKeys.self, forKey: key)
        try nested.update(&base, .base)
        try nested.update(&perSector, .perSector)
    }

    /// The cap for a batch of `sectors` sectors: `base + perSector * sectors`.
    public func maxFee(sectors: Int) -> FIL {
        base + perSector * sectors
    }
}
