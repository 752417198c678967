import APICore
import Multiformats

/// The Net API (Lotus v1.17.2 `api/api_net.go`, permissions from its `perm:` tags). Peer IDs travel as their
/// base58 text, ``PeerAddrInfo`` as go-libp2p's JSON and durations as int64 nanoseconds.
public struct NetMethods: MethodSet {
    public typealias API = any NetAPI
    public init() {}

    /// `ID() (peer.ID, error) //perm:read`
    public let id = RPCMethod<any NetAPI, Args0, PeerID>("ID", .read, .markets) { api, _ in api.peerID }

    /// `NetAddrsListen() (peer.AddrInfo, error) //perm:read`
    public let netAddrsListen = RPCMethod<any NetAPI, Args0, PeerAddrInfo>("NetAddrsListen", .read, .markets) { api, _ in
        await api.addrsListen()
    }

    /// `NetPeers() ([]peer.AddrInfo, error) //perm:read`
    public let netPeers = RPCMethod<any NetAPI, Args0, [PeerAddrInfo]>("NetPeers", .read, .markets) { api, _ in
        await api.peers()
    }

    /// `NetConnectedness(peer.ID) (network.Connectedness, error) //perm:read`
    public let netConnectedness = RPCMethod<any NetAPI, Args1<PeerID>, Int>("NetConnectedness", .read, .markets) { api, args in
        await api.connectedness(args.a)
    }

    /// `NetConnect(peer.AddrInfo) error //perm:write`
    public let netConnect = RPCMethod<any NetAPI, Args1<PeerAddrInfo>, Empty?>("NetConnect", .write, .markets) { api, args in
        try await api.connect(args.a)
        return nil
    }

    /// `NetDisconnect(peer.ID) error //perm:write`
    public let netDisconnect = RPCMethod<any NetAPI, Args1<PeerID>, Empty?>("NetDisconnect", .write, .markets) { api, args in
        await api.disconnect(args.a)
        return nil
    }

    /// `NetPing(peer.ID) (time.Duration, error) //perm:read`
    public let netPing = RPCMethod<any NetAPI, Args1<PeerID>, Int64>("NetPing", .read, .markets) { api, args in
        try await api.ping(args.a)
    }

    /// `NetFindPeer(peer.ID) (peer.AddrInfo, error) //perm:read`
    public let netFindPeer = RPCMethod<any NetAPI, Args1<PeerID>, PeerAddrInfo>("NetFindPeer", .read, .markets) { api, args in
        try await api.findPeer(args.a)
    }

    /// `NetAgentVersion(peer.ID) (string, error) //perm:read`
    public let netAgentVersion = RPCMethod<any NetAPI, Args1<PeerID>, String>("NetAgentVersion", .read, .markets) { api, args in
        try await api.agentVersion(args.a)
    }
}
