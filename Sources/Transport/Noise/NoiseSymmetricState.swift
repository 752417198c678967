import Crypto
import Foundation

/// The Noise SymmetricState for SHA-256 (Noise spec rev 34 §5.2): chaining key, handshake hash and
/// the CipherState they key.
public struct NoiseSymmetricState: Sendable {
    /// The chaining key `ck`.
    public private(set) var chainingKey: [UInt8]
    /// The handshake hash `h`.
    public private(set) var handshakeHash: [UInt8]
    /// The CipherState keyed by `MixKey`.
    public private(set) var cipher = NoiseCipherState()

    /// `InitializeSymmetric(protocol_name)`: `h` is the name padded to 32 bytes, or its hash if longer; `ck = h`.
    public init(protocolName: String) {
        let name = Array(protocolName.utf8)
        let h = name.count <= 32 ? name + [UInt8](repeating: 0, count: 32 - name.count) : Array(SHA256.hash(data: name))
        handshakeHash = h
        chainingKey = h
    }

    /// `MixKey(ikm)`: `ck, k = HKDF(ck, ikm)` and a fresh CipherState with `k`.
    public mutating func mixKey(_ inputKeyMaterial: [UInt8]) {
        let (ck, k) = Self.hkdf2(chainingKey: chainingKey, inputKeyMaterial: inputKeyMaterial)
        chainingKey = ck
        cipher = NoiseCipherState(key: SymmetricKey(data: k))
    }

    /// `MixHash(data)`: `h = SHA256(h || data)`.
    public mutating func mixHash(_ data: some Sequence<UInt8>) {
        var hasher = SHA256()
        hasher.update(data: handshakeHash)
        hasher.update(data: Array(data))
        handshakeHash = Array(hasher.finalize())
    }

    /// `EncryptAndHash(plaintext)`: encrypts with `h` as associated data (identity before a key exists), then mixes in the ciphertext.
    public mutating func encryptAndHash(_ plaintext: [UInt8]) throws -> [UInt8] {
        let ciphertext = try cipher.encrypt(ad: handshakeHash, plaintext: plaintext)
        mixHash(ciphertext)
        return ciphertext
    }

    /// `DecryptAndHash(ciphertext)`.
    /// - Throws: ``NoiseError`` `.decryptionFailed` if the tag does not verify.
    public mutating func decryptAndHash(_ ciphertext: ArraySlice<UInt8>) throws -> [UInt8] {
        let plaintext = try cipher.decrypt(ad: handshakeHash, ciphertext: ciphertext)
        mixHash(ciphertext)
        return plaintext
    }

    /// `Split()`: the two transport CipherStates, initiator→responder first.
    public func split() -> (NoiseCipherState, NoiseCipherState) {
        let (k1, k2) = Self.hkdf2(chainingKey: chainingKey, inputKeyMaterial: [])
        return (NoiseCipherState(key: SymmetricKey(data: k1)), NoiseCipherState(key: SymmetricKey(data: k2)))
    }

    /// Noise's `HKDF(ck, ikm, 2)` over HMAC-SHA256: `t = HMAC(ck, ikm)`, `o1 = HMAC(t, 0x01)`, `o2 = HMAC(t, o1 || 0x02)`.
    static func hkdf2(chainingKey: [UInt8], inputKeyMaterial: [UInt8]) -> ([UInt8], [UInt8]) {
        let temp = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: inputKeyMaterial, using: SymmetricKey(data: chainingKey))))
        let first = Array(HMAC<SHA256>.authenticationCode(for: [0x01], using: temp))
        let second = Array(HMAC<SHA256>.authenticationCode(for: first + [0x02], using: temp))
        return (first, second)
    }
}
