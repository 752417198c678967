import Multiformats
import Testing

/// The Ed25519 rows of the libp2p/specs `peer-ids/peer-ids.md` test vectors, and RFC 8032 §7.1 TEST 1.
@Suite struct Libp2pKeyTests {
    static let specPrivateKey = """
        080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d\
        1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e
        """
    static let specPublicKey = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"
    static let specSeed = "7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"

    @Test func specPrivateKeyRoundTrips() throws {
        let key = try Libp2pPrivateKey(marshaled: TestHex.decode(Self.specPrivateKey))
        #expect(TestHex.encode(key.seed) == Self.specSeed)
        #expect(TestHex.encode(key.marshaled) == Self.specPrivateKey)
        #expect(TestHex.encode(key.publicKey.marshaled) == Self.specPublicKey)
        #expect(try TestHex.encode(Libp2pPrivateKey(seed: TestHex.decode(Self.specSeed)).marshaled) == Self.specPrivateKey)
    }

    @Test func specPublicKeyRoundTrips() throws {
        let key = try Libp2pPublicKey(marshaled: TestHex.decode(Self.specPublicKey))
        #expect(TestHex.encode(key.rawRepresentation) == String(Self.specPublicKey.dropFirst(8)))
        #expect(TestHex.encode(key.marshaled) == Self.specPublicKey)
        #expect(key.type == .ed25519)
    }

    @Test func acceptsTheLegacyNinetySixByteForm() throws {
        let key = try Libp2pPrivateKey(seed: TestHex.decode(Self.specSeed))
        let legacy = TestHex.decode("08011260" + Self.specSeed) + key.publicKey.rawRepresentation + key.publicKey.rawRepresentation
        #expect(try Libp2pPrivateKey(marshaled: legacy).marshaled == key.marshaled)

        var other = key.publicKey.rawRepresentation
        other[0] ^= 1
        let mismatched = TestHex.decode("08011260" + Self.specSeed) + key.publicKey.rawRepresentation + other
        let error = #expect(throws: MultiformatsError.self) { try Libp2pPrivateKey(marshaled: mismatched) }
        #expect(error?.message.contains("differ") == true)
    }

    @Test func rejectsAPublicKeyThatIsNotTheSeeds() throws {
        var bytes = TestHex.decode(Self.specPrivateKey)
        bytes[bytes.count - 1] ^= 1
        let error = #expect(throws: MultiformatsError.self) { try Libp2pPrivateKey(marshaled: bytes) }
        #expect(error?.kind == .invalidValue)
    }

    @Test func rejectsOtherKeyTypesClearly() {
        // secp256k1 public key protobuf: Type = 2, Data = 33 bytes.
        let secp = [0x08, 0x02, 0x12, 0x21] + [UInt8](repeating: 2, count: 33)
        let error = #expect(throws: MultiformatsError.self) { try Libp2pPublicKey(marshaled: secp) }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("Secp256k1") == true)
        let rsa: [UInt8] = [0x08, 0x00, 0x12, 0x01, 0x00]
        #expect(throws: MultiformatsError.self) { try Libp2pPrivateKey(marshaled: rsa) }
    }

    @Test func rejectsMissingFieldsAndWrongLengths() {
        let cases: [[UInt8]] = [
            [0x08, 0x01],                                  // no Data
            [0x12, 0x20] + [UInt8](repeating: 1, count: 32),  // no Type
            [0x08, 0x01, 0x12, 0x03, 1, 2, 3],             // 3-byte key
            [0x08, 0x01, 0x12, 0x20],                      // truncated
            [0x10, 0x01, 0x12, 0x20] + [UInt8](repeating: 1, count: 32),  // Data sent as a varint: wrong wire type
        ]
        for bytes in cases {
            #expect(throws: MultiformatsError.self, "\(bytes)") { try Libp2pPublicKey(marshaled: bytes) }
        }
    }

    @Test func rfc8032Test1SignatureVerifies() throws {
        let key = try Libp2pPrivateKey(seed: TestHex.decode(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        #expect(TestHex.encode(key.publicKey.rawRepresentation)
            == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let signature = TestHex.decode("""
            e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b
            """)
        #expect(key.publicKey.isValidSignature(signature, for: [UInt8]()))
        #expect(!key.publicKey.isValidSignature(signature, for: [0]))
    }

    @Test func signsAndVerifies() throws {
        let key = Libp2pPrivateKey.generate()
        let message = Array("noise-libp2p-static-key:".utf8)
        let signature = try key.sign(message)
        #expect(signature.count == 64)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!Libp2pPrivateKey.generate().publicKey.isValidSignature(signature, for: message))
        #expect(try Libp2pPrivateKey(marshaled: key.marshaled).publicKey == key.publicKey)
    }
}
