import Multiformats

/// The connection manager's settings, as Lotus's `ConnMgrLow`, `ConnMgrHigh`, `ConnMgrGrace` and
/// `ProtectedPeers`: when more than ``highWater`` connections are open, close connections until ``lowWater``
/// remain, never closing one younger than ``gracePeriod`` or one to a protected peer.
public struct ConnectionManagerConfig: Sendable, Equatable {
    /// The number of connections a trim leaves open (Lotus `ConnMgrLow`, default 150).
    public var lowWater: Int
    /// A trim starts when more connections than this are open (Lotus `ConnMgrHigh`, default 180).
    public var highWater: Int
    /// Connections younger than this are never trimmed (Lotus `ConnMgrGrace`, default 20 s).
    public var gracePeriod: Duration
    /// The shortest time between two trims, and how often the manager looks again (go-libp2p: 10 s).
    public var silencePeriod: Duration
    /// Peers whose connections are never trimmed (Lotus `ProtectedPeers`).
    public var protectedPeers: Set<PeerID>

    /// Creates a configuration; the defaults are Lotus's.
    public init(
        lowWater: Int = 150, highWater: Int = 180, gracePeriod: Duration = .seconds(20),
        silencePeriod: Duration = .seconds(10), protectedPeers: Set<PeerID> = []
    ) {
        self.lowWater = lowWater
        self.highWater = highWater
        self.gracePeriod = gracePeriod
        self.silencePeriod = silencePeriod
        self.protectedPeers = protectedPeers
    }
}
