import Multiformats
import Testing

@testable import Libp2p

/// The identify protobuf against bytes produced by py-libp2p 0.8.1's generated `identify_pb2` (protobuf's own
/// Python encoder) and py-multiaddr, so neither side of the check is our code.
@Suite("Identify message")
struct IdentifyMessageTests {
    /// The libp2p/specs peer-ids test-vector Ed25519 public key (protobuf form).
    static let publicKey = TestHex.decode("080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e")
    static let peer = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"

    /// `Identify(protocol_version="ipfs/0.1.0", agent_version="py-libp2p/0.8.1", public_key=<above>,
    /// listen_addrs=[/ip4/127.0.0.1/tcp/4001, /ip6/::1/tcp/4001], observed_addr=/ip4/192.0.2.42/tcp/443,
    /// protocols=["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"]).SerializeToString()`
    static let pythonEncoded =
        "0a24080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e1208047f000001060fa112142900000000000000000000000000000001060fa11a0e2f697066732f69642f312e302e301a102f697066732f70696e672f312e302e30220804c000022a0601bb2a0a697066732f302e312e30320f70792d6c69627032702f302e382e31"
    /// The same with `signedPeerRecord = b"\x01\x02\x03"` (field 8), which we do not use.
    static let withSignedRecord = pythonEncoded + "4203010203"

    static func message() throws -> IdentifyMessage {
        IdentifyMessage(
            publicKey: publicKey,
            listenAddresses: [try Multiaddr("/ip4/127.0.0.1/tcp/4001").bytes, try Multiaddr("/ip6/::1/tcp/4001").bytes],
            protocols: ["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"],
            observedAddress: try Multiaddr("/ip4/192.0.2.42/tcp/443").bytes,
            protocolVersion: "ipfs/0.1.0", agentVersion: "py-libp2p/0.8.1")
    }

    @Test("encoding matches Python protobuf byte for byte")
    func encode() throws {
        #expect(TestHex.encode(try Self.message().encoded()) == Self.pythonEncoded)
    }

    @Test("decoding Python's bytes, skipping signedPeerRecord, gives the record with the peer's key")
    func decode() throws {
        let decoded = try IdentifyMessage(decoding: TestHex.decode(Self.withSignedRecord))
        #expect(decoded == (try Self.message()))
        let info = try decoded.info(expectedPeer: try PeerID(Self.peer))
        #expect(info.publicKey.peerID.description == Self.peer)
        #expect(info.listenAddresses.map(\.description) == ["/ip4/127.0.0.1/tcp/4001", "/ip6/::1/tcp/4001"])
        #expect(info.observedAddress?.description == "/ip4/192.0.2.42/tcp/443")
        #expect(info.agentVersion == "py-libp2p/0.8.1")
        #expect(info.protocolVersion == "ipfs/0.1.0")
    }

    @Test("a key that is not the connection's peer, a missing key, truncated bytes and bad UTF-8 are refused")
    func refusals() throws {
        let other = Libp2pPrivateKey.generate().peerID
        let wrongPeer = #expect(throws: Libp2pHostError.self) {
            _ = try IdentifyMessage(decoding: TestHex.decode(Self.pythonEncoded)).info(expectedPeer: other)
        }
        #expect(wrongPeer?.kind == .protocolViolation)
        var keyless = try Self.message()
        keyless.publicKey = nil
        #expect(throws: Libp2pHostError.self) {
            _ = try IdentifyMessage(decoding: keyless.encoded()).info(expectedPeer: other)
        }
        let bytes = TestHex.decode(Self.pythonEncoded)
        for cut in [1, 10, 37, bytes.count - 1] {
            #expect(throws: Libp2pHostError.self) { _ = try IdentifyMessage(decoding: bytes.prefix(cut)) }
        }
        // agentVersion (field 6) holding 0xFF, which is not UTF-8.
        #expect(throws: Libp2pHostError.self) { _ = try IdentifyMessage(decoding: [0x32, 0x01, 0xFF]) }
        // A known field with the varint wire type.
        #expect(throws: Libp2pHostError.self) { _ = try IdentifyMessage(decoding: [0x28, 0x01]) }
    }

    @Test("listen addresses that do not parse are dropped, the rest kept")
    func badAddresses() throws {
        var message = try Self.message()
        message.listenAddresses.insert([0xFF, 0xFF, 0xFF], at: 1)
        let info = try IdentifyMessage(decoding: message.encoded()).info(expectedPeer: try PeerID(Self.peer))
        #expect(info.listenAddresses.count == 2)
    }
}

