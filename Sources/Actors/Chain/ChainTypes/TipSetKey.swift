import Multiformats

/// The identity of a tipset: the CIDs of its blocks (Lotus `types.TipSetKey`). JSON is the array of CIDs,
/// `[{"/":"bafy2bzace…"}]`; ``bytes`` (the concatenated binary CIDs) feeds the chain randomness.
public struct TipSetKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The block CIDs, in the tipset's block order.
    public var cids: [CID]

    /// Creates a key from block CIDs.
    public init(_ cids: [CID]) { self.cids = cids }

    /// The empty key (the parent of genesis).
    public static let empty = TipSetKey([])

    /// The binary CIDs, concatenated.
    public var bytes: [UInt8] { cids.flatMap(\.bytes) }

    /// `{bafy…,bafy…}`, as Lotus prints a key.
    public var description: String { "{" + cids.map(\.description).joined(separator: ",") + "}" }

    public init(from decoder: any Decoder) throws {
        cids = try decoder.singleValueContainer().decode([CID]?.self) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cids)
    }
}
