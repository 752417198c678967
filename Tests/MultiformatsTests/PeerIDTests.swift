import Foundation
import Multiformats
import Testing

/// libp2p/specs `peer-ids/peer-ids.md`: the Ed25519 test vector, IDs derived from fixed seeds, and the
/// spec's decode-only examples; go-multiaddr's test peer IDs in base36 CID form.
@Suite struct PeerIDTests {
    let specID = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"

    @Test func specVector() throws {
        let key = try Libp2pPrivateKey(marshaled: TestHex.decode(Libp2pKeyTests.specPrivateKey))
        let peer = key.peerID
        #expect(peer.multihash.code == .identity)
        #expect(TestHex.encode(peer.bytes)
            == "0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e")
        #expect(peer.description == specID)
        #expect(peer.cid.description == "bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6")
        #expect(try PeerID(specID) == peer)
        #expect(try PeerID("bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6") == peer)
        #expect(try peer.extractPublicKey() == key.publicKey)
        #expect(peer.matches(key.publicKey))
    }

    @Test func idsFromFixedSeeds() throws {
        let zero = try Libp2pPrivateKey(seed: [UInt8](repeating: 0, count: 32))
        #expect(zero.peerID.description == "12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN")
        let one = try Libp2pPrivateKey(seed: [UInt8](repeating: 1, count: 32))
        #expect(one.peerID.description == "12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH5")
        #expect(!zero.peerID.matches(one.publicKey))
    }

    @Test func decodeOnlySpecExamples() throws {
        let ed = try PeerID("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA")
        #expect(ed.multihash.code == .identity)
        #expect(try ed.extractPublicKey() != nil)
        #expect(ed.description == "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA")

        let sha = try PeerID("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N")
        #expect(sha.multihash.code == .sha2_256)
        #expect(try sha.extractPublicKey() == nil)
        #expect(try PeerID("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe") == sha)
        #expect(sha.cid.description == "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe")
    }

    @Test func base36CIDFormsFromGoMultiaddrTests() throws {
        #expect(try PeerID("k51qzi5uqu5dhb6l8spkdx7yxafegfkee5by8h7lmjh2ehc2sgg34z7c15vzqs")
            == PeerID("12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV"))
        #expect(try PeerID("k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7")
            == PeerID("QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC"))
    }

    @Test func jsonIsTheBase58String() throws {
        let peer = try PeerID(specID)
        let json = try JSONEncoder().encode([peer])
        #expect(String(decoding: json, as: UTF8.self) == #"["\#(specID)"]"#)
        #expect(try JSONDecoder().decode([PeerID].self, from: json) == [peer])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PeerID].self, from: Data(#"["12D3"]"#.utf8)) }
    }

    @Test func rejectsOtherCodecsAndHashes() {
        // A dag-cbor CID is not a peer ID.
        let dagCBOR = CID.dagCBORBlake2b256(of: [0x80]).description
        let error = #expect(throws: MultiformatsError.self) { try PeerID(dagCBOR) }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("libp2p-key") == true)
        // blake2b-256 multihash bytes.
        #expect(throws: MultiformatsError.self) { try PeerID(bytes: Multihash.blake2b256(of: [1]).bytes) }
        // sha2-256 with a 33-byte digest (go-multiaddr's QmxoHT6… case).
        #expect(throws: MultiformatsError.self) { try PeerID("QmxoHT6iViN5xAjoz1VZ553cL31U9F94ht3QvWR1FrEbZY") }
        for text in ["", "1", "Qm", "12D3KooW", "?unknown", "bafy"] {
            #expect(throws: MultiformatsError.self, "\(text)") { try PeerID(text) }
        }
    }

    @Test func identityIDWithANonKeyPayloadFailsToExtract() throws {
        let peer = try PeerID(multihash: .identity([1, 2, 3]))
        #expect(throws: MultiformatsError.self) { try peer.extractPublicKey() }
    }
}
