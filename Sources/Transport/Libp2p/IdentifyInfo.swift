import Multiformats

/// What a peer told us about itself over identify (`/ipfs/id/1.0.0`).
public struct IdentifyInfo: Sendable, Equatable {
    /// The peer's identity key; its peer ID matches the connection's (checked on receipt).
    public var publicKey: Libp2pPublicKey
    /// The addresses the peer says it listens on (entries that do not parse are dropped).
    public var listenAddresses: [Multiaddr]
    /// The protocol IDs the peer serves.
    public var protocols: [String]
    /// Our address as the peer sees it, if it said.
    public var observedAddress: Multiaddr?
    /// The libp2p protocol version, `ipfs/0.1.0` for every current implementation.
    public var protocolVersion: String
    /// The peer's software, such as `lotus-1.17.2+mainnet` or `py-libp2p/0.8.1`.
    public var agentVersion: String

    /// Creates an identify record.
    public init(
        publicKey: Libp2pPublicKey, listenAddresses: [Multiaddr], protocols: [String], observedAddress: Multiaddr?,
        protocolVersion: String, agentVersion: String
    ) {
        self.publicKey = publicKey
        self.listenAddresses = listenAddresses
        self.protocols = protocols
        self.observedAddress = observedAddress
        self.protocolVersion = protocolVersion
        self.agentVersion = agentVersion
    }
}
