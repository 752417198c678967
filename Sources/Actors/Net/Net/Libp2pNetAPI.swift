import APICore
import Multiformats
import NetAPI

/// Lotus's Net API (`api/api_net.go`) over this node's libp2p host: identity, listen addresses, peers,
/// connect, disconnect, ping, find-peer and agent version.
///
/// A plain `Sendable` value rather than an actor: it keeps no state of its own (the host does), and a slow
/// `NetPing` must not hold up other calls. On a node without Markets there is no host and no Net API; its
/// methods are refused with ``NetAPI/NetMethods/noHostHint`` (see `MinerNode.assemble`).
public struct Libp2pNetAPI: NetAPI {
    private let network: any Libp2pNetwork

    /// The Net API of `network`.
    public init(network: any Libp2pNetwork) {
        self.network = network
    }

    /// `ID`: this host's peer ID.
    public var peerID: PeerID { network.peerID }

    /// `NetAddrsListen`: this host and the addresses it announces (Lotus returns `host.Addrs()`).
    public func addrsListen() async -> PeerAddrInfo {
        PeerAddrInfo(id: network.peerID, addrs: await network.announcedAddresses())
    }

    /// `NetPeers`: one entry per open connection, with the connection's remote address (as Lotus).
    public func peers() async -> [PeerAddrInfo] {
        await network.connections().map { PeerAddrInfo(id: $0.peer, addrs: [$0.remoteAddress]) }
    }

    /// `NetConnectedness`: go-libp2p's `network.Connectedness`, 1 (Connected) or 0 (NotConnected).
    public func connectedness(_ peer: PeerID) async -> Int {
        await isConnected(peer) ? 1 : 0
    }

    /// `NetConnect`: connects to `info.id` through the first of `info.addrs` that works; nothing to do when a
    /// connection is already open (as go-libp2p's `host.Connect`).
    /// - Throws: ``APICore/RPCError`` naming the peer and, per address, why the dial failed.
    public func connect(_ info: PeerAddrInfo) async throws {
        guard info.id != network.peerID else {
            throw RPCError(.methodError, "cannot connect to \(info.id): that is this node's own peer ID")
        }
        if await isConnected(info.id) { return }
        guard !info.addrs.isEmpty else {
            throw RPCError(
                .methodError,
                "failed to dial \(info.id): no addresses given and not connected; pass the peer's multiaddr, e.g. /ip4/HOST/tcp/PORT/p2p/\(info.id)")
        }
        var failures: [String] = []
        for address in info.addrs {
            do {
                let remote = try await network.connect(try Self.dialAddress(address, peer: info.id))
                guard remote == info.id else {
                    failures.append("\(address): the remote is \(remote), not \(info.id)")
                    continue
                }
                return
            } catch {
                failures.append("\(address): \(error)")
            }
        }
        throw RPCError(.methodError, "failed to dial \(info.id): " + failures.joined(separator: "; "))
    }

    /// `NetDisconnect`: closes every connection to `peer`; not being connected is not an error (as Lotus).
    public func disconnect(_ peer: PeerID) async {
        await network.disconnect(peer)
    }

    /// `NetPing`: one ping round trip to a connected peer, in nanoseconds (Go's `time.Duration`).
    /// - Throws: ``APICore/RPCError`` when the peer is not connected or does not answer.
    public func ping(_ peer: PeerID) async throws -> Int64 {
        try await requireConnected(peer)
        return Self.nanoseconds(try await network.ping(peer))
    }

    /// `NetFindPeer`: the addresses of a connected peer: those it announced in identify, then the remote
    /// addresses of its connections. There is no DHT here, so a peer that is not connected is not found.
    /// - Throws: ``APICore/RPCError`` when the peer is not connected.
    public func findPeer(_ peer: PeerID) async throws -> PeerAddrInfo {
        let remotes = await network.connections().filter { $0.peer == peer }.map(\.remoteAddress)
        guard !remotes.isEmpty else {
            throw RPCError(
                .methodError,
                "peer \(peer) not found: it is not connected to this node (NetFindPeer answers from the connected peers; there is no DHT here)")
        }
        var addrs: [Multiaddr] = []
        for address in (await network.identity(of: peer)?.listenAddresses ?? []) + remotes where !addrs.contains(address) {
            addrs.append(address)
        }
        return PeerAddrInfo(id: peer, addrs: addrs)
    }

    /// `NetAgentVersion`: the agent version a connected peer sent in identify (`unknown` when it sent none).
    /// - Throws: ``APICore/RPCError`` when the peer is not connected or has not completed identify.
    public func agentVersion(_ peer: PeerID) async throws -> String {
        try await requireConnected(peer)
        guard let identity = await network.identity(of: peer) else {
            throw RPCError(.methodError, "peer \(peer) is connected but has not completed identify yet; try again in a moment")
        }
        return identity.agentVersion.isEmpty ? "unknown" : identity.agentVersion
    }

    private func isConnected(_ peer: PeerID) async -> Bool {
        await network.connections().contains { $0.peer == peer }
    }

    private func requireConnected(_ peer: PeerID) async throws {
        guard await isConnected(peer) else {
            throw RPCError(
                .methodError,
                "peer \(peer) is not connected to this node; connect first (lotus-miner net connect /ip4/HOST/tcp/PORT/p2p/\(peer))")
        }
    }

    /// `address` with `/p2p/<peer>` at the end; an address that names another peer is refused.
    static func dialAddress(_ address: Multiaddr, peer: PeerID) throws -> Multiaddr {
        if let named = address.peerID {
            guard named == peer else {
                throw RPCError(.methodError, "address \(address) belongs to \(named), not to \(peer)")
            }
            return address
        }
        return try address.appending(.p2p(peer))
    }

    /// A duration as Go's `time.Duration` (int64 nanoseconds, saturating).
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflowed) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, carried) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflowed || carried ? (seconds < 0 ? .min : .max) : total
    }
}
