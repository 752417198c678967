import ChainTypes
import Foundation
import Multiformats
import Testing

/// The devnet signature scheme (DESIGN.md "Devnet signatures"): Ed25519 keys, `t1` addresses of blake2b-160(key),
/// type-1 signatures holding key ‖ signature over the message CID bytes.
@Suite struct WalletKeyTests {
    /// A fixed seed so the address is a stable vector: `t1` of blake2b-160(Ed25519 public key of 32 × 0x01).
    static let seed = [UInt8](repeating: 1, count: 32)

    @Test func addressIsTheKeyHashOfTheEd25519PublicKey() throws {
        let key = try WalletKey(privateKeyBytes: Self.seed)
        // RFC 8032 public key of the seed 0x01 × 32.
        #expect(hexString(key.publicKey) == "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c")
        #expect(key.address == Address(keyHashOf: key.publicKey))
        #expect(key.address.kind == .secp256k1)
        // Cross-checked with Python cryptography + hashlib.blake2b(digest_size=20/4).
        #expect(key.address.description == "t1wtpm2ws7r4v2ochyz3ls53ej6rhtx2lk3bbfeva")
    }

    @Test func signatureVerifiesForItsSignerAndDataOnly() throws {
        let key = WalletKey.generate()
        let data: [UInt8] = Array("message cid bytes".utf8)
        let signature = try key.sign(data)
        #expect(signature.type == .secp256k1 && signature.data.count == 96)
        #expect(Array(signature.data.prefix(32)) == key.publicKey)
        try WalletKey.verify(signature, data: data, signer: key.address)

        let stranger = WalletKey.generate().address
        #expect(throws: SignatureError(.wrongSigner, "the signature's public key does not belong to \(stranger)")) {
            try WalletKey.verify(signature, data: data, signer: stranger)
        }
        #expect(throws: SignatureError(.invalidSignature, "the signature by \(key.address) does not verify")) {
            try WalletKey.verify(signature, data: data + [0], signer: key.address)
        }
        var short = signature
        short.data.removeLast()
        #expect(throws: SignatureError.self) { try WalletKey.verify(short, data: data, signer: key.address) }
        var bls = signature
        bls.type = .bls
        #expect(throws: SignatureError.self) { try WalletKey.verify(bls, data: data, signer: key.address) }
    }

    @Test func aSignedMessageSignsItsCIDAndVerifiesForItsSenderOnly() throws {
        let key = WalletKey.generate()
        let message = Message(to: Address(id: 1000), from: key.address, nonce: 0, value: 10, gasLimit: 1000)
        let signed = try key.sign(message: message)
        try WalletKey.verify(signed.signature, data: message.cid.bytes, signer: key.address)
        try signed.verify(signer: key.address)
        #expect(throws: SignatureError.self) { try signed.verify(signer: WalletKey.generate().address) }
        var tampered = signed
        tampered.message.value = 11
        #expect(throws: SignatureError(.invalidSignature, "the signature by \(key.address) does not verify")) {
            try tampered.verify(signer: key.address)
        }
        #expect(signed.cid == CID.dagCBORBlake2b256(of: signed.cborBytes))
        #expect(try SignedMessage(cborBytes: signed.cborBytes) == signed)
    }

    @Test func keyInfoRoundTripsThroughTheKeystoreJSON() throws {
        let key = try WalletKey(privateKeyBytes: Self.seed)
        let json = try JSONEncoder().encode(key.keyInfo)
        let object = try JSONSerialization.jsonObject(with: json) as? [String: String]
        #expect(object?["Type"] == "ed25519")
        #expect(object?["PrivateKey"] == Data(Self.seed).base64EncodedString())
        let restored = try WalletKey(keyInfo: try JSONDecoder().decode(KeyInfo.self, from: json))
        #expect(restored.address == key.address)
        #expect(KeyInfo.keystoreName(for: key.address) == "wallet-\(key.address)")
        #expect(throws: SignatureError.self) { try WalletKey(keyInfo: KeyInfo(type: "secp256k1", privateKey: Self.seed)) }
        #expect(throws: SignatureError.self) { try WalletKey(privateKeyBytes: [1, 2, 3]) }
    }

    @Test func signatureJSONIsTypeAndBase64Data() throws {
        let signature = Signature(type: .secp256k1, data: [1, 2, 3])
        try expectSameJSON(try JSONEncoder().encode(signature), #"{"Type":1,"Data":"AQID"}"#)
        #expect(signature.bytes == [1, 1, 2, 3])
        #expect(Signature(bytes: [1, 1, 2, 3]) == signature)
    }
}
