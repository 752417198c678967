import Multiformats

/// A peer and the addresses it can be reached at: go-libp2p's `peer.AddrInfo`, which Lotus's Net API takes and
/// returns. JSON as go-libp2p's `addrInfoJson` (core/peer/addrinfo_serde.go): `{"ID":"12D3KooW…","Addrs":["/ip4/…"]}`
/// (this API's encoder sorts keys, which JSON readers ignore); `Addrs` may be `null` or missing on input.
public struct PeerAddrInfo: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The peer.
    public var id: PeerID
    /// Transport addresses of the peer, without a `/p2p` part.
    public var addrs: [Multiaddr]

    /// A peer and its addresses.
    public init(id: PeerID, addrs: [Multiaddr]) {
        self.id = id
        self.addrs = addrs
    }

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case addrs = "Addrs"
    }

    /// Decodes go-libp2p's JSON; `Addrs` may be missing or `null`, each entry must be a multiaddr in text form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(PeerID.self, forKey: .id)
        let texts = try container.decodeIfPresent([String].self, forKey: .addrs) ?? []
        addrs = try texts.enumerated().map { index, text in
            do {
                return try Multiaddr(text)
            } catch {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: container.codingPath + [CodingKeys.addrs],
                    debugDescription: "Addrs[\(index)] '\(text)' is not a multiaddr: \(error)"))
            }
        }
    }

    /// Encodes as go-libp2p does: the peer ID and the addresses as text (`[]` when there are none).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(addrs.map(\.description), forKey: .addrs)
    }

    /// go-libp2p's `AddrInfo.String()`: `{12D3KooW…: [/ip4/1.2.3.4/tcp/1234 /ip6/::1/tcp/1234]}`.
    public var description: String { "{\(id): \(Self.goList(addrs))}" }

    /// A list formatted as Go's `%v` prints a slice: `[a b c]`.
    public static func goList(_ addrs: [Multiaddr]) -> String {
        "[" + addrs.map(\.description).joined(separator: " ") + "]"
    }
}
