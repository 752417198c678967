import Multiformats

/// A tipset: the blocks of one epoch sharing a parent (Lotus `types.TipSet`). On this devnet every tipset has
/// exactly one block. JSON is Lotus's `{"Cids":[…],"Blocks":[…],"Height":n}`.
public struct TipSet: Sendable, Hashable, Codable {
    /// The blocks, in key order.
    public var blocks: [BlockHeader]

    /// A tipset of `blocks`.
    /// - Precondition: at least one block, all at the same height.
    public init(blocks: [BlockHeader]) {
        precondition(!blocks.isEmpty, "a tipset has at least one block")
        self.blocks = blocks
    }

    /// The tipset key: the blocks' CIDs.
    public var key: TipSetKey { TipSetKey(blocks.map(\.cid)) }

    /// The epoch.
    public var height: ChainEpoch { blocks[0].height }

    /// The parent tipset's key.
    public var parents: TipSetKey { blocks[0].parents }

    /// The first block (the only one on this devnet).
    public var block: BlockHeader { blocks[0] }

    enum CodingKeys: String, CodingKey { case cids = "Cids", blocks = "Blocks", height = "Height" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let blocks = try c.decode([BlockHeader].self, forKey: .blocks)
        guard !blocks.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .blocks, in: c, debugDescription: "a tipset has at least one block")
        }
        self.blocks = blocks
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key.cids, forKey: .cids)
        try c.encode(blocks, forKey: .blocks)
        try c.encode(height, forKey: .height)
    }
}
