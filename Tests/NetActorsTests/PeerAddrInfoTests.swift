import APICore
import Foundation
import Multiformats
import NetAPI
import Testing

/// The Net API's wire shapes against go-libp2p's (`core/peer/addrinfo_serde.go`) and Lotus's `api/api_net.go`.
@Suite("Net API wire shapes")
struct PeerAddrInfoTests {
    /// libp2p/specs peer-ids test vector (Ed25519 key 080112407e08…); see reference/formats-and-peers.md §2.
    static let specPeer = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"

    @Test("peer.AddrInfo encodes as go-libp2p: the ID in base58, addresses as text")
    func encodes() throws {
        let info = PeerAddrInfo(id: try PeerID(Self.specPeer), addrs: [try Multiaddr("/ip4/1.2.3.4/tcp/4536"), try Multiaddr("/ip6/::1/tcp/1234")])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(info), as: UTF8.self)
            == #"{"Addrs":["\/ip4\/1.2.3.4\/tcp\/4536","\/ip6\/::1\/tcp\/1234"],"ID":"12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"}"#)
        let none = PeerAddrInfo(id: try PeerID(Self.specPeer), addrs: [])
        #expect(String(decoding: try encoder.encode(none), as: UTF8.self) == #"{"Addrs":[],"ID":"\#(Self.specPeer)"}"#)
    }

    @Test("peer.AddrInfo decodes what Go writes, including null and missing Addrs")
    func decodes() throws {
        let go = #"{"ID":"12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq","Addrs":["/ip4/1.2.3.4/tcp/4536","/dns4/example.com/tcp/443"]}"#
        let info = try JSONDecoder().decode(PeerAddrInfo.self, from: Data(go.utf8))
        #expect(info.id.description == Self.specPeer)
        #expect(info.addrs.map(\.description) == ["/ip4/1.2.3.4/tcp/4536", "/dns4/example.com/tcp/443"])
        for body in [#"{"ID":"\#(Self.specPeer)","Addrs":null}"#, #"{"ID":"\#(Self.specPeer)"}"#] {
            #expect(try JSONDecoder().decode(PeerAddrInfo.self, from: Data(body.utf8)).addrs.isEmpty)
        }
    }

    @Test("A bad address or peer ID is a decoding error that names it")
    func rejects() throws {
        let badAddress = #"{"ID":"\#(Self.specPeer)","Addrs":["/ip4/1.2.3.4/tcp/4536","/ip4/999.1.1.1/tcp/1"]}"#
        let error = #expect(throws: DecodingError.self) { try JSONDecoder().decode(PeerAddrInfo.self, from: Data(badAddress.utf8)) }
        #expect(String(describing: error).contains("Addrs[1] '/ip4/999.1.1.1/tcp/1'"))
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(PeerAddrInfo.self, from: Data(#"{"ID":"12D3KooWnotapeer","Addrs":[]}"#.utf8))
        }
    }

    @Test("fmt.Println(AddrInfo) prints {ID: [addrs]} as go-libp2p's String()")
    func goString() throws {
        let info = PeerAddrInfo(id: try PeerID(Self.specPeer), addrs: [try Multiaddr("/ip4/1.2.3.4/tcp/4536"), try Multiaddr("/ip6/::1/tcp/1234")])
        #expect(info.description == "{\(Self.specPeer): [/ip4/1.2.3.4/tcp/4536 /ip6/::1/tcp/1234]}")
        #expect(PeerAddrInfo(id: info.id, addrs: []).description == "{\(Self.specPeer): []}")
    }

    @Test("Method names and permissions follow Lotus v1.17.2 api_net.go")
    func methods() {
        let methods = NetMethods()
        let table = Dictionary(uniqueKeysWithValues: methods.descriptors.map { ($0.wireName, $0.permission) })
        #expect(table == [
            "Filecoin.ID": .read, "Filecoin.NetAddrsListen": .read, "Filecoin.NetPeers": .read,
            "Filecoin.NetConnectedness": .read, "Filecoin.NetConnect": .write, "Filecoin.NetDisconnect": .write,
            "Filecoin.NetPing": .read, "Filecoin.NetFindPeer": .read, "Filecoin.NetAgentVersion": .read,
        ])
        #expect(methods.descriptors.allSatisfy { $0.subsystem == .markets }, "the libp2p host runs with Markets")
        #expect(methods.netConnect.arity == 1 && methods.id.arity == 0)
    }
}
