import Foundation
import Multiformats
import Testing

/// Published CIDs: the IPLD dag-cbor fixture `array-2`, the Filecoin empty HAMT root (go-state-types, Lotus
/// and builtin-actors tests), a CIDv0 from rust-ipld, the libp2p spec's peer-ID CIDs, and piece-CID prefixes
/// from go-fil-commcid.
@Suite struct CIDTests {
    @Test func ipldFixtureDagCBORSha256() throws {
        // ipld/ipld specs/codecs/dag-cbor/fixtures/cross-codec: bytes 8102 -> bafyreihdb57…
        let cid = CID(codec: .dagCBOR, multihash: .sha2_256(of: [0x81, 0x02]))
        #expect(cid.description == "bafyreihdb57fdysx5h35urvxz64ros7zvywshber7id6t6c6fek37jgyfe")
        #expect(try CID("bafyreihdb57fdysx5h35urvxz64ros7zvywshber7id6t6c6fek37jgyfe") == cid)
    }

    @Test func filecoinEmptyHAMTRoot() throws {
        // The empty HAMT node is CBOR [h'', []] = 82 40 80; its CID appears throughout Lotus state.
        let cid = CID.dagCBORBlake2b256(of: [0x82, 0x40, 0x80])
        #expect(cid.description == "bafy2bzaceamp42wmmgr2g2ymg46euououzfyck7szknvfacqscohrvaikwfay")
        #expect(cid.version == .v1 && cid.codec == .dagCBOR && cid.multihash.code == .blake2b_256)
        #expect(TestHex.encode(cid.bytes.prefix(6)) == "0171a0e40220")
        let parsed = try CID("bafy2bzaceamp42wmmgr2g2ymg46euououzfyck7szknvfacqscohrvaikwfay")
        #expect(parsed == cid)
        #expect(try CID(bytes: cid.bytes) == cid)
    }

    @Test func cidV0() throws {
        let cid = try CID("QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEfL")
        #expect(cid.version == .v0 && cid.codec == .dagPB)
        #expect(TestHex.encode(cid.bytes) == "122031c3d57080d8463a3c63b2923df5a1d40ad7a73eae5a14af584213e5f504ac33")
        #expect(cid.description == "QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEfL")
        #expect(try CID(bytes: cid.bytes) == cid)
        #expect(throws: MultiformatsError.self) { try CID(v0: .identity([1])) }
    }

    @Test func otherMultibasesOfTheSameCID() throws {
        let cid = try CID("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe")
        #expect(try CID("BAFZBEIE5745RPV2M6TJYUUGYWY4D5EWRQGQQHFNF445HE3OMZPJBX5XQXE") == cid)
        #expect(try CID("z" + Base58.encode(cid.bytes)) == cid)
        // go-multiaddr test address: base36 'k…' form of a sha2-256 libp2p-key CID.
        let base36 = try CID("k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7")
        #expect(TestHex.encode(base36.bytes)
            == "01721220d52ebb89d85b02a284948203a62ff28389c57c9f42beec4ec20db76a68911c0b")
    }

    @Test func pieceCIDPrefixes() throws {
        // go-fil-commcid: CommP CIDs start baga6ea4seaq; the binary prefix is 01 81e203 9220 20.
        let commP = try CID(
            codec: .filCommitmentUnsealed,
            multihash: Multihash(code: .sha2_256_trunc254_padded, digest: [UInt8](repeating: 0, count: 32)))
        #expect(TestHex.encode(commP.bytes.prefix(7)) == "0181e203922020")
        #expect(commP.description.hasPrefix("baga6ea4seaq"))
        let commR = try CID(
            codec: .filCommitmentSealed,
            multihash: Multihash(code: .poseidon_bls12_381_a2_fc1, digest: [UInt8](repeating: 0, count: 32)))
        #expect(TestHex.encode(commR.bytes.prefix(8)) == "0182e20381e80220")
        #expect(commR.description.hasPrefix("bagboea4b5abc"))
        #expect(try CID(commP.description) == commP)
    }

    @Test func lotusJSONLinkForm() throws {
        let cid = CID.dagCBORBlake2b256(of: [0x82, 0x40, 0x80])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let json = String(decoding: try encoder.encode(cid), as: UTF8.self)
        #expect(json == #"{"/":"bafy2bzaceamp42wmmgr2g2ymg46euououzfyck7szknvfacqscohrvaikwfay"}"#)
        let decoded = try JSONDecoder().decode(
            CID.self, from: Data(#"{"/":"bafy2bzaceamp42wmmgr2g2ymg46euououzfyck7szknvfacqscohrvaikwfay"}"#.utf8))
        #expect(decoded == cid)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CID.self, from: Data(#"{"/":"bafy"}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CID.self, from: Data(#""bafy2bz""#.utf8)) }
    }

    @Test func rejectsMalformedCIDs() {
        let texts: [(String, MultiformatsError.Kind)] = [
            ("", .invalidEncoding),
            ("xabc", .unsupported),                           // unknown multibase
            ("bafy!", .invalidEncoding),
            ("b" + Base32.lowercase.encode([0x02, 0x71, 0x00, 0x00]), .unsupported),   // version 2
            ("b" + Base32.lowercase.encode([0x01, 0x71, 0x12, 0x20, 0x00]), .truncated),
            ("b" + Base32.lowercase.encode([0x01, 0x71, 0x00, 0x01, 0x05, 0x06]), .invalidValue),  // trailing byte
        ]
        for (text, kind) in texts {
            let error = #expect(throws: MultiformatsError.self, "\(text)") { try CID(text) }
            #expect(error?.kind == kind, "\(text): \(error?.message ?? "")")
        }
        // 46 characters starting "Qm" are read as a CIDv0, whose multihash must then be sha2-256.
        #expect(throws: MultiformatsError.self) { try CID("Qm" + String(repeating: "1", count: 44)) }
    }
}
