import Multiformats
import Yamux

/// Everything a ``Libp2pHost`` needs: its identity, where it listens, what it announces, the connection
/// manager's water marks and the limits that keep a hostile peer from exhausting it.
///
/// The fields mirror Lotus's `[Libp2p]` section: `ListenAddresses`, `AnnounceAddresses`,
/// `NoAnnounceAddresses`, `ConnMgrLow`, `ConnMgrHigh`, `ConnMgrGrace`, `ProtectedPeers`.
public struct Libp2pHostConfig: Sendable {
    /// The host's Ed25519 identity; its peer ID is the host's ``Libp2pHost/peerID``.
    public var identity: Libp2pPrivateKey
    /// TCP addresses to listen on: `/ip4/<addr>/tcp/<port>` or `/ip6/<addr>/tcp/<port>`; port 0 picks a free
    /// port. An empty list makes a dial-only host.
    public var listenAddresses: [Multiaddr]
    /// When not empty, exactly the addresses identify announces (Lotus `AnnounceAddresses`).
    public var announceAddresses: [Multiaddr]
    /// Addresses never announced, even when they are listen addresses (Lotus `NoAnnounceAddresses`).
    public var noAnnounceAddresses: [Multiaddr]
    /// The connection manager's low and high water marks and grace period.
    public var connectionManager: ConnectionManagerConfig
    /// The agent version identify sends, such as `lotus-1.17.2+mainnet`.
    public var agentVersion: String
    /// Bounds on connections, handshakes and streams.
    public var limits: Limits
    /// The yamux settings of every connection (windows, keep-alive); its `maxInboundStreams` and
    /// `maxBufferedReceiveBytes` are replaced by ``Limits/maxInboundStreamsPerConnection`` and
    /// ``Limits/maxUnreadBytesPerConnection``.
    public var yamux: YamuxConfiguration

    /// Bounds that keep one peer (or many) from exhausting the host.
    public struct Limits: Sendable, Equatable {
        /// Open connections, both directions; inbound connections above it are closed at once.
        public var maxConnections: Int
        /// Inbound connections still in their handshake; more are closed at once.
        public var maxPendingHandshakes: Int
        /// Time for the whole upgrade of a new connection (TCP connect, multistream-select, Noise, yamux).
        public var handshakeTimeout: Duration
        /// Time a peer has to name the protocol of a stream it opened (multistream-select on the stream).
        public var streamNegotiationTimeout: Duration
        /// Streams a peer may have open on one connection; the muxer resets new ones above it.
        public var maxInboundStreamsPerConnection: Int
        /// Inbound streams accepted but not yet negotiated, per connection; more are reset.
        public var maxPendingInboundStreams: Int
        /// Largest identify message read.
        public var maxIdentifyMessageSize: Int
        /// Bytes received on one connection's streams that their handlers have not read yet; data that would go
        /// over it resets the stream it arrived on. At least the yamux `maxStreamWindow`.
        public var maxUnreadBytesPerConnection: Int
        /// The same over every connection of the host, so many peers together are bounded too.
        public var maxUnreadBytesTotal: Int

        /// Creates limits; the defaults follow go-libp2p (15 s accept timeout, 10 s stream negotiation,
        /// 1000 incoming yamux streams); unread bytes are capped at 64 MiB per connection and 512 MiB in all.
        public init(
            maxConnections: Int = 1024, maxPendingHandshakes: Int = 128, handshakeTimeout: Duration = .seconds(15),
            streamNegotiationTimeout: Duration = .seconds(10), maxInboundStreamsPerConnection: Int = 1000,
            maxPendingInboundStreams: Int = 256, maxIdentifyMessageSize: Int = 64 * 1024,
            maxUnreadBytesPerConnection: Int = 64 * 1024 * 1024, maxUnreadBytesTotal: Int = 512 * 1024 * 1024
        ) {
            self.maxConnections = maxConnections
            self.maxPendingHandshakes = maxPendingHandshakes
            self.handshakeTimeout = handshakeTimeout
            self.streamNegotiationTimeout = streamNegotiationTimeout
            self.maxInboundStreamsPerConnection = maxInboundStreamsPerConnection
            self.maxPendingInboundStreams = maxPendingInboundStreams
            self.maxIdentifyMessageSize = maxIdentifyMessageSize
            self.maxUnreadBytesPerConnection = maxUnreadBytesPerConnection
            self.maxUnreadBytesTotal = maxUnreadBytesTotal
        }
    }

    /// Creates a configuration.
    /// - Parameters:
    ///   - identity: the host key (Lotus keeps it in the keystore as `libp2p-host`).
    ///   - listenAddresses: TCP multiaddrs; Lotus's default is `/ip4/0.0.0.0/tcp/0` and `/ip6/::/tcp/0`.
    ///   - announceAddresses: replaces the listen addresses in identify when not empty.
    ///   - noAnnounceAddresses: removed from what identify announces.
    ///   - connectionManager: water marks; Lotus's defaults are 150 / 180 / 20 s.
    ///   - agentVersion: sent in identify.
    ///   - limits: resource bounds.
    ///   - yamux: muxer settings.
    public init(
        identity: Libp2pPrivateKey, listenAddresses: [Multiaddr], announceAddresses: [Multiaddr] = [],
        noAnnounceAddresses: [Multiaddr] = [], connectionManager: ConnectionManagerConfig = ConnectionManagerConfig(),
        agentVersion: String = "lotus-swift", limits: Limits = Limits(), yamux: YamuxConfiguration = YamuxConfiguration()
    ) {
        self.identity = identity
        self.listenAddresses = listenAddresses
        self.announceAddresses = announceAddresses
        self.noAnnounceAddresses = noAnnounceAddresses
        self.connectionManager = connectionManager
        self.agentVersion = agentVersion
        self.limits = limits
        self.yamux = yamux
    }

    /// The yamux settings with the host's stream and unread-byte limits applied.
    var effectiveYamux: YamuxConfiguration {
        var yamux = self.yamux
        yamux.maxInboundStreams = limits.maxInboundStreamsPerConnection
        yamux.maxBufferedReceiveBytes = limits.maxUnreadBytesPerConnection
        return yamux
    }
}
