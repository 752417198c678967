import Crypto
import Foundation
import NIOCore

/// A Noise CipherState for ChaChaPoly: a 256-bit key and a 64-bit counter nonce (Noise spec rev 34 §5.1).
///
/// The 96-bit ChaCha20-Poly1305 nonce is 4 zero bytes followed by the counter in little-endian order.
/// Without a key (``hasKey`` false) encryption is the identity, as the handshake needs before the first DH.
/// Rekey is not implemented; after 2^64-1 messages every call throws ``NoiseError/Kind/nonceExhausted``.
public struct NoiseCipherState: Sendable {
    /// The authentication tag appended to every ciphertext.
    public static let tagLength = 16

    private var key: SymmetricKey?
    /// The counter used for the next message.
    public private(set) var nonce: UInt64 = 0

    /// A cipher state with `key` (32 bytes) or, with `nil`, none yet.
    public init(key: SymmetricKey? = nil) {
        self.key = key
    }

    /// Whether a key is set.
    public var hasKey: Bool { key != nil }

    /// Encrypts `plaintext` with `ad` as associated data and returns ciphertext || tag.
    public mutating func encrypt(ad: some DataProtocol, plaintext: some DataProtocol) throws -> [UInt8] {
        guard let key else { return Array(plaintext) }
        let box = try seal(plaintext, key: key, ad: ad)
        var out = [UInt8]()
        out.reserveCapacity(box.ciphertext.count + Self.tagLength)
        out.append(contentsOf: box.ciphertext)
        out.append(contentsOf: box.tag)
        return out
    }

    /// Decrypts ciphertext || tag with `ad` as associated data.
    /// - Throws: ``NoiseError`` `.decryptionFailed` if the tag does not verify, `.malformedMessage` if shorter than a tag.
    public mutating func decrypt(ad: some DataProtocol, ciphertext: some DataProtocol) throws -> [UInt8] {
        guard let key else { return Array(ciphertext) }
        let bytes = Array(ciphertext)
        return try bytes.withUnsafeBytes { raw throws in
            Array(try open(raw, key: key, ad: ad))
        }
    }

    /// Encrypts the readable bytes of `plaintext` and appends ciphertext || tag to `output`
    /// (no associated data: the transport phase). `plaintext` is not consumed.
    public mutating func encrypt(_ plaintext: ByteBuffer, appendingTo output: inout ByteBuffer) throws {
        guard let key else {
            output.writeImmutableBuffer(plaintext)
            return
        }
        let box = try plaintext.withUnsafeReadableBytes { raw throws in
            try seal(raw, key: key, ad: [UInt8]())
        }
        output.writeBytes(box.ciphertext)
        output.writeBytes(box.tag)
    }

    /// Decrypts the readable bytes of `frame` (ciphertext || tag, no associated data) and appends the
    /// plaintext to `output`.
    /// - Throws: ``NoiseError`` `.decryptionFailed` or `.malformedMessage`.
    public mutating func decrypt(_ frame: ByteBuffer, appendingTo output: inout ByteBuffer) throws {
        guard let key else {
            output.writeImmutableBuffer(frame)
            return
        }
        let plaintext = try frame.withUnsafeReadableBytes { raw throws in
            try open(raw, key: key, ad: [UInt8]())
        }
        output.writeBytes(plaintext)
    }

    private mutating func seal(_ plaintext: some DataProtocol, key: SymmetricKey, ad: some DataProtocol) throws -> ChaChaPoly.SealedBox {
        let nonce = try nextNonce()
        do {
            return try ChaChaPoly.seal(plaintext, using: key, nonce: nonce, authenticating: ad)
        } catch {
            throw NoiseError(.invalidState, "ChaCha20-Poly1305 encryption failed: \(error)")
        }
    }

    private mutating func open(_ raw: UnsafeRawBufferPointer, key: SymmetricKey, ad: some DataProtocol) throws -> Data {
        guard raw.count >= Self.tagLength else {
            throw NoiseError(.malformedMessage, "an encrypted Noise message of \(raw.count) bytes is shorter than its 16-byte tag")
        }
        let nonce = try peekNonce()
        do {
            let box = try ChaChaPoly.SealedBox(
                nonce: nonce, ciphertext: UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - Self.tagLength)]),
                tag: UnsafeRawBufferPointer(rebasing: raw[(raw.count - Self.tagLength)...]))
            let plaintext = try ChaChaPoly.open(box, using: key, authenticating: ad)
            self.nonce += 1
            return plaintext
        } catch {
            throw NoiseError(.decryptionFailed, "a Noise message failed authentication (nonce \(self.nonce)): it was tampered with, truncated, or not encrypted with this session's key")
        }
    }

    private mutating func nextNonce() throws -> ChaChaPoly.Nonce {
        let nonce = try peekNonce()
        self.nonce += 1
        return nonce
    }

    private func peekNonce() throws -> ChaChaPoly.Nonce {
        guard nonce < UInt64.max else {
            throw NoiseError(.nonceExhausted, "2^64-1 Noise messages were sent with one key; open a new connection")
        }
        // 4 zero bytes || 64-bit counter, little-endian: three contiguous UInt32s, 12 bytes.
        var bytes = (UInt32(0), UInt32(truncatingIfNeeded: nonce).littleEndian, UInt32(truncatingIfNeeded: nonce >> 32).littleEndian)
        return withUnsafeBytes(of: &bytes) { raw in
            // Nonce(data:) only rejects a length other than 12, which this never is.
            try! ChaChaPoly.Nonce(data: raw)
        }
    }
}
