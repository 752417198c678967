import Crypto
import Foundation

/// A devnet wallet key: Ed25519, because swift-crypto has no secp256k1 (DESIGN.md "Devnet signatures").
///
/// - Address: protocol 1 (`t1…`) with payload blake2b-160 of the 32-byte public key.
/// - Signature: type 1, data = public key (32 bytes) ‖ Ed25519 signature (64 bytes) over the signed bytes (for a
///   message, its CID bytes).
/// - Verification (``verify(_:data:signer:)``): the embedded public key must hash to the signer's address and the
///   Ed25519 signature must verify.
/// - Keystore: ``keyInfo`` is `{"Type":"ed25519","PrivateKey":<32-byte seed>}`.
public struct WalletKey: Sendable {
    /// The Ed25519 private key.
    public let privateKey: Curve25519.Signing.PrivateKey

    /// Length of a devnet type-1 signature's data: public key (32) + signature (64).
    public static let signatureDataLength = 96

    /// A new random key.
    public static func generate() -> WalletKey {
        WalletKey(privateKey: Curve25519.Signing.PrivateKey())
    }

    /// Wraps an existing key.
    public init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// A key from its 32-byte seed.
    /// - Throws: ``SignatureError`` when `bytes` is not 32 bytes.
    public init(privateKeyBytes bytes: [UInt8]) throws(SignatureError) {
        guard bytes.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes) else {
            throw SignatureError(.invalidLength, "an Ed25519 private key is 32 bytes, got \(bytes.count)")
        }
        self.init(privateKey: key)
    }

    /// A key from a keystore entry.
    /// - Throws: ``SignatureError`` when the type is not `ed25519` or the key is not 32 bytes.
    public init(keyInfo: KeyInfo) throws(SignatureError) {
        guard keyInfo.type == KeyInfo.ed25519Type else {
            throw SignatureError(
                .unsupportedType,
                "key type \"\(keyInfo.type)\" is not supported on this devnet (wallet keys are \"\(KeyInfo.ed25519Type)\")")
        }
        try self.init(privateKeyBytes: keyInfo.privateKey)
    }

    /// The keystore form.
    public var keyInfo: KeyInfo { KeyInfo(type: KeyInfo.ed25519Type, privateKey: Array(privateKey.rawRepresentation)) }

    /// The 32-byte public key.
    public var publicKey: [UInt8] { Array(privateKey.publicKey.rawRepresentation) }

    /// The wallet address: `t1` + blake2b-160(public key).
    public var address: Address { Address(keyHashOf: publicKey) }

    /// Signs `data` (for a message, its CID bytes).
    /// - Throws: an error from swift-crypto if signing fails.
    public func sign(_ data: [UInt8]) throws -> Signature {
        let signature = try privateKey.signature(for: data)
        return Signature(type: .secp256k1, data: publicKey + Array(signature))
    }

    /// Checks that `signature` is a devnet type-1 signature by the key behind `signer` over `data`.
    /// - Throws: ``SignatureError`` naming the failed check.
    public static func verify(_ signature: Signature, data: [UInt8], signer: Address) throws(SignatureError) {
        guard signature.type == .secp256k1 else {
            throw SignatureError(
                .unsupportedType,
                "signature type \(signature.type.rawValue) is not supported on this devnet (expected 1, Ed25519)")
        }
        guard signature.data.count == signatureDataLength else {
            throw SignatureError(
                .invalidLength,
                "signature data is \(signature.data.count) bytes (expected \(signatureDataLength): public key ‖ signature)")
        }
        let key = Array(signature.data.prefix(32))
        guard signer.kind == .secp256k1, Address(keyHashOf: key) == signer else {
            throw SignatureError(.wrongSigner, "the signature's public key does not belong to \(signer)")
        }
        guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key),
            publicKey.isValidSignature(signature.data.suffix(64), for: data)
        else {
            throw SignatureError(.invalidSignature, "the signature by \(signer) does not verify")
        }
    }
}
