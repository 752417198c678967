import Crypto
import Multiformats
import Testing

@testable import Noise

/// The libp2p layer of the handshake: payload encoding, identity proofs, peer ID checks.
@Suite("libp2p Noise handshake")
struct NoiseLibp2pHandshakeTests {
    /// The Ed25519 test vector of libp2p/specs peer-ids.md (seed 7e08…ee7d → 12D3KooWBtg3…R3pq).
    static let specSeed = bytes("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d")
    static let specPublicKeyProtobuf = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"

    @Test("payload protobuf matches py-libp2p's noise_pb2 encoding byte for byte, and decodes back")
    func payloadVector() throws {
        // Generated with py-libp2p 0.8.1: noise_pb2.NoiseHandshakePayload(identity_key=<spec key>,
        // identity_sig=b"\xaa"*64, extensions=NoiseExtensions(webtransport_certhashes=[1220 00..1f],
        // stream_muxers=["/yamux/1.0.0", "/mplex/6.7.0"])).SerializeToString()
        let expected =
            "0a24" + Self.specPublicKeyProtobuf + "1240" + String(repeating: "aa", count: 64)
            + "22400a221220000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "120c2f79616d75782f312e302e30120c2f6d706c65782f362e372e30"
        let payload = NoiseHandshakePayload(
            identityKey: bytes(Self.specPublicKeyProtobuf), identitySignature: Array(repeating: 0xaa, count: 64),
            extensions: NoiseExtensions(
                webtransportCerthashes: [[0x12, 0x20] + Array(0..<32)], streamMuxers: ["/yamux/1.0.0", "/mplex/6.7.0"]))
        #expect(hex(payload.encoded()) == expected)
        #expect(try NoiseHandshakePayload(decoding: bytes(expected)) == payload)

        // Without extensions, and with an unknown field 3 (varint) appended: skipped.
        let plain = "0a24" + Self.specPublicKeyProtobuf + "1240" + String(repeating: "bb", count: 64)
        let decoded = try NoiseHandshakePayload(decoding: bytes(plain + "1801"))
        #expect(decoded.extensions == nil)
        #expect(decoded.identitySignature == Array(repeating: 0xbb, count: 64))
    }

    @Test("the identity signature covers \"noise-libp2p-static-key:\" || static key, as py-libp2p signs it")
    func signatureVector() throws {
        // py-libp2p 0.8.1 make_handshake_payload_sig(Ed25519 spec key, X25519 key from bytes 00..1f):
        // static public 8f40c5ad…285f, signature a0381ec5…6507.
        let identity = try Libp2pPrivateKey(seed: Self.specSeed)
        let noiseStatic = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Array(0..<32))
        let staticPublic = Array(noiseStatic.publicKey.rawRepresentation)
        #expect(hex(staticPublic) == "8f40c5adb68f25624ae5b214ea767a6ec94d829d3d7b5e1ad1ba6f3e2138285f")
        let signed = NoiseLibp2pHandshake.signaturePrefix + staticPublic
        #expect(hex(signed) == hexString("noise-libp2p-static-key:") + hex(staticPublic))
        let pythonSignature = bytes(
            "a0381ec5f8954ac607c1059e453ca7d6bf2456009e8b7c262b06a418f3685dfc951b443e04084e41bbc282b6387462059ee65bc28d5b286d804a25f5c0916507")
        #expect(identity.publicKey.isValidSignature(pythonSignature, for: signed))
        #if os(Linux)
            // BoringSSL's Ed25519 is deterministic (RFC 8032); CryptoKit on Apple platforms randomizes.
            #expect(try identity.sign(signed) == pythonSignature)
        #endif
    }

    @Test("both sides authenticate each other, learn peer IDs and extensions, and agree on keys")
    func roundTrip() throws {
        let alice = NoiseConfiguration(identity: .generate())
        let bob = NoiseConfiguration(identity: .generate(), extensions: NoiseExtensions(streamMuxers: ["/yamux/1.0.0"]))
        var initiator = NoiseLibp2pHandshake(role: .initiator, configuration: alice, expectedRemotePeer: bob.identity.peerID)
        var responder = NoiseLibp2pHandshake(role: .responder, configuration: bob)

        let message1 = try #require(try initiator.start())
        #expect(message1.count == 32, "-> e with an empty payload")
        #expect(try responder.start() == nil)
        let message2 = try #require(try responder.receive(message1))
        let message3 = try #require(try initiator.receive(message2))
        #expect(try responder.receive(message3) == nil)
        #expect(initiator.isComplete && responder.isComplete)

        var a = try initiator.session(), b = try responder.session()
        #expect(a.result.remotePeerID == bob.identity.peerID)
        #expect(b.result.remotePeerID == alice.identity.peerID)
        #expect(a.result.remoteExtensions?.streamMuxers == ["/yamux/1.0.0"])
        #expect(b.result.remoteExtensions == nil)
        #expect(a.result.handshakeHash == b.result.handshakeHash)
        #expect(a.result.remoteStaticKey == Array(bob.staticKey.publicKey.rawRepresentation))
        let sealed = try a.send.encrypt(ad: [UInt8](), plaintext: Array("hello bob".utf8))
        #expect(try b.receive.decrypt(ad: [UInt8](), ciphertext: sealed) == Array("hello bob".utf8))
    }

    @Test("dialling the wrong peer ID fails with both IDs in the message")
    func wrongPeer() throws {
        let alice = NoiseConfiguration(identity: .generate())
        let bob = NoiseConfiguration(identity: .generate())
        let carol = Libp2pPrivateKey.generate().peerID
        var initiator = NoiseLibp2pHandshake(role: .initiator, configuration: alice, expectedRemotePeer: carol)
        var responder = NoiseLibp2pHandshake(role: .responder, configuration: bob)
        let message1 = try #require(try initiator.start())
        let message2 = try #require(try responder.receive(message1))
        do {
            _ = try initiator.receive(message2)
            Issue.record("expected peerIDMismatch")
        } catch let error as NoiseError {
            #expect(error.kind == .peerIDMismatch)
            #expect(error.message.contains(carol.description) && error.message.contains(bob.identity.peerID.description))
        }
        #expect(!initiator.isComplete)
    }

    @Test("a responder whose identity signed a different static key is refused")
    func badSignature() throws {
        let responderIdentity = Libp2pPrivateKey.generate()
        var hostile = try handcraftedResponderMessage2 { ourStatic in
            let otherStatic = Array(Curve25519.KeyAgreement.PrivateKey().publicKey.rawRepresentation)
            return NoiseHandshakePayload(
                identityKey: responderIdentity.publicKey.marshaled,
                identitySignature: try responderIdentity.sign(NoiseLibp2pHandshake.signaturePrefix + otherStatic)
            ).encoded()
        }
        #expect(try kind { _ = try hostile.initiator.receive(hostile.message2) } == .invalidSignature)
    }

    @Test("payloads that are not protobuf, lack a field, or carry a non-Ed25519 key are refused")
    func badPayloads() throws {
        let cases: [(String, [UInt8], NoiseError.Kind)] = [
            ("not protobuf", [0xff, 0xff, 0xff], .invalidPayload),
            ("no signature", bytes("0a24" + Self.specPublicKeyProtobuf), .invalidPayload),
            ("RSA key type", bytes("0a0608001202abcd" + "1240" + String(repeating: "aa", count: 64)), .invalidPayload),
            ("identity key with a wire-type-0 field 1", bytes("0801"), .invalidPayload),
        ]
        for (name, payload, expected) in cases {
            var hostile = try handcraftedResponderMessage2 { _ in payload }
            #expect(try kind { _ = try hostile.initiator.receive(hostile.message2) } == expected, "\(name)")
        }
    }

    @Test("a flipped bit anywhere in message 2 fails the handshake")
    func tamperedMessage() throws {
        for position in [0, 31, 32, 60, 79, 80, 100] {
            var initiator = NoiseLibp2pHandshake(role: .initiator, configuration: .init(identity: .generate()))
            var responder = NoiseLibp2pHandshake(role: .responder, configuration: .init(identity: .generate()))
            let message1 = try #require(try initiator.start())
            var message2 = try #require(try responder.receive(message1))
            message2[position] ^= 0x04
            let error = try kind { _ = try initiator.receive(message2) }
            #expect(error == .decryptionFailed, "byte \(position)")
        }
    }

    /// A responder we drive by hand so its payload can be anything.
    func handcraftedResponderMessage2(
        payload: ([UInt8]) throws -> [UInt8]
    ) throws -> (initiator: NoiseLibp2pHandshake, message2: [UInt8]) {
        var initiator = NoiseLibp2pHandshake(role: .initiator, configuration: .init(identity: .generate()))
        var responder = NoiseHandshakeState(role: .responder, staticKey: .init())
        _ = try responder.readMessage(try #require(try initiator.start()))
        let message2 = try responder.writeMessage(payload: try payload(responder.localStaticKey))
        return (initiator, message2)
    }
}

/// The NoiseError kind thrown by `body`, or nil.
func kind(_ body: () throws -> Void) throws -> NoiseError.Kind? {
    do {
        try body()
        return nil
    } catch let error as NoiseError {
        return error.kind
    }
}

func hexString(_ text: String) -> String { hex(Array(text.utf8)) }
