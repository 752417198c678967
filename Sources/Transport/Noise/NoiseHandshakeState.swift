import Crypto
import Foundation

/// The Noise XX handshake, `Noise_XX_25519_ChaChaPoly_SHA256` (Noise spec rev 34 §5.3, §7.5), as a pure
/// state machine: no I/O, byte arrays in and out.
///
/// ```
/// XX:
///   -> e
///   <- e, ee, s, es
///   -> s, se
/// ```
/// The initiator calls `writeMessage`, `readMessage`, `writeMessage`; the responder `readMessage`,
/// `writeMessage`, `readMessage`. Each message may carry a payload (libp2p puts its identity proof in
/// messages 2 and 3). After the third message ``isComplete`` is true and ``split()`` gives the
/// transport ciphers.
public struct NoiseHandshakeState: Sendable {
    /// Which side of the handshake this is.
    public enum Role: Sendable, Hashable {
        /// Sends the first message (the dialling side in libp2p).
        case initiator
        /// Receives the first message.
        case responder
    }

    /// The Noise protocol name, which seeds the handshake hash.
    public static let protocolName = "Noise_XX_25519_ChaChaPoly_SHA256"
    /// The largest Noise message (spec §3).
    public static let maxMessageLength = 65535
    static let dhLength = 32

    /// This side's role.
    public let role: Role
    private var symmetric: NoiseSymmetricState
    private let staticKey: Curve25519.KeyAgreement.PrivateKey
    private let ephemeralKey: Curve25519.KeyAgreement.PrivateKey
    private var remoteEphemeral: Curve25519.KeyAgreement.PublicKey?
    private var remoteStatic: Curve25519.KeyAgreement.PublicKey?
    /// How many of the three messages have been written or read.
    public private(set) var messageIndex = 0

    /// Starts a handshake.
    ///
    /// - Parameters:
    ///   - role: initiator or responder.
    ///   - staticKey: this side's long-term X25519 key (libp2p makes a fresh one per connection or per host).
    ///   - prologue: data both sides must agree on; libp2p uses none.
    ///   - ephemeralKey: only for test vectors; a fresh key is generated when `nil`.
    public init(
        role: Role, staticKey: Curve25519.KeyAgreement.PrivateKey, prologue: [UInt8] = [],
        ephemeralKey: Curve25519.KeyAgreement.PrivateKey? = nil
    ) {
        self.role = role
        self.staticKey = staticKey
        self.ephemeralKey = ephemeralKey ?? Curve25519.KeyAgreement.PrivateKey()
        symmetric = NoiseSymmetricState(protocolName: Self.protocolName)
        symmetric.mixHash(prologue)
    }

    /// True after all three messages.
    public var isComplete: Bool { messageIndex == 3 }

    /// True when the next step is ``writeMessage(payload:)`` (false: ``readMessage(_:)``, or complete).
    public var isWriting: Bool {
        !isComplete && (messageIndex % 2 == 0) == (role == .initiator)
    }

    /// The handshake hash `h`; after completion both sides hold the same value (channel binding).
    public var handshakeHash: [UInt8] { symmetric.handshakeHash }

    /// The peer's static X25519 public key, once its message carrying it has been read.
    public var remoteStaticKey: [UInt8]? { remoteStatic.map { Array($0.rawRepresentation) } }

    /// This side's static X25519 public key (what libp2p's identity signature covers).
    public var localStaticKey: [UInt8] { Array(staticKey.publicKey.rawRepresentation) }

    /// Writes the next handshake message, carrying `payload` (encrypted from message 2 on).
    /// - Throws: ``NoiseError`` `.invalidState` when it is the peer's turn, `.malformedMessage` if the
    ///   message would exceed 65535 bytes, `.invalidKey` for a degenerate DH result.
    public mutating func writeMessage(payload: [UInt8] = []) throws -> [UInt8] {
        guard isWriting else {
            throw NoiseError(.invalidState, "Noise XX: the \(role) cannot write message \(messageIndex + 1) now; it must read the peer's message")
        }
        var out: [UInt8] = []
        switch messageIndex {
        case 0:  // -> e
            out += writeEphemeral()
        case 1:  // <- e, ee, s, es
            out += writeEphemeral()
            symmetric.mixKey(try dh(ephemeralKey, remoteEphemeral))
            out += try symmetric.encryptAndHash(localStaticKey)
            symmetric.mixKey(try dh(staticKey, remoteEphemeral))
        default:  // -> s, se
            out += try symmetric.encryptAndHash(localStaticKey)
            symmetric.mixKey(try dh(staticKey, remoteEphemeral))
        }
        out += try symmetric.encryptAndHash(payload)
        guard out.count <= Self.maxMessageLength else {
            throw NoiseError(.malformedMessage, "Noise handshake message \(messageIndex + 1) would be \(out.count) bytes; the limit is 65535 (send a smaller payload)")
        }
        messageIndex += 1
        return out
    }

    /// Reads the peer's next handshake message and returns its decrypted payload.
    /// - Throws: ``NoiseError`` `.invalidState` when it is our turn to write, `.malformedMessage` for a
    ///   message too short for its keys and tags, `.decryptionFailed` for a tampered message,
    ///   `.invalidKey` for a degenerate public key. The state is unchanged only if it throws `.invalidState`;
    ///   after any other error the handshake must be abandoned.
    public mutating func readMessage(_ message: [UInt8]) throws -> [UInt8] {
        guard !isComplete, !isWriting else {
            throw NoiseError(.invalidState, "Noise XX: the \(role) cannot read message \(messageIndex + 1) now; it must write")
        }
        guard message.count <= Self.maxMessageLength else {
            throw NoiseError(.malformedMessage, "Noise handshake message of \(message.count) bytes exceeds the 65535-byte limit")
        }
        let tag = NoiseCipherState.tagLength
        let minimum = [Self.dhLength, Self.dhLength + (Self.dhLength + tag) + tag, (Self.dhLength + tag) + tag][messageIndex]
        guard message.count >= minimum else {
            throw NoiseError(.malformedMessage, "Noise handshake message \(messageIndex + 1) is \(message.count) bytes; it needs at least \(minimum) for its keys and tags")
        }
        var rest = message[...]
        switch messageIndex {
        case 0:  // -> e
            try readEphemeral(&rest)
        case 1:  // <- e, ee, s, es
            try readEphemeral(&rest)
            symmetric.mixKey(try dh(ephemeralKey, remoteEphemeral))
            try readStatic(&rest)
            symmetric.mixKey(try dh(ephemeralKey, remoteStatic))
        default:  // -> s, se
            try readStatic(&rest)
            symmetric.mixKey(try dh(ephemeralKey, remoteStatic))
        }
        let payload = try symmetric.decryptAndHash(rest)
        messageIndex += 1
        return payload
    }

    /// The transport ciphers once the handshake is complete: `send` encrypts what we send, `receive`
    /// decrypts what the peer sends.
    /// - Throws: ``NoiseError`` `.invalidState` before the third message.
    public func split() throws -> (send: NoiseCipherState, receive: NoiseCipherState) {
        guard isComplete else {
            throw NoiseError(.invalidState, "Noise XX: split() before the handshake finished (\(messageIndex) of 3 messages)")
        }
        let (initiatorToResponder, responderToInitiator) = symmetric.split()
        return role == .initiator
            ? (initiatorToResponder, responderToInitiator) : (responderToInitiator, initiatorToResponder)
    }

    private mutating func writeEphemeral() -> [UInt8] {
        let publicKey = Array(ephemeralKey.publicKey.rawRepresentation)
        symmetric.mixHash(publicKey)
        return publicKey
    }

    private mutating func readEphemeral(_ rest: inout ArraySlice<UInt8>) throws {
        let bytes = rest.prefix(Self.dhLength)
        rest = rest.dropFirst(Self.dhLength)
        remoteEphemeral = try publicKey(bytes, "ephemeral")
        symmetric.mixHash(bytes)
    }

    private mutating func readStatic(_ rest: inout ArraySlice<UInt8>) throws {
        let length = Self.dhLength + NoiseCipherState.tagLength
        let encrypted = rest.prefix(length)
        rest = rest.dropFirst(length)
        remoteStatic = try publicKey(try symmetric.decryptAndHash(encrypted), "static")
    }

    private func publicKey(_ bytes: some Collection<UInt8>, _ which: String) throws -> Curve25519.KeyAgreement.PublicKey {
        do {
            return try Curve25519.KeyAgreement.PublicKey(rawRepresentation: Array(bytes))
        } catch {
            throw NoiseError(.invalidKey, "the peer's \(which) X25519 key is not 32 bytes")
        }
    }

    private func dh(_ key: Curve25519.KeyAgreement.PrivateKey, _ remote: Curve25519.KeyAgreement.PublicKey?) throws -> [UInt8] {
        guard let remote else { throw NoiseError(.invalidState, "Noise XX: DH before the peer's key was read") }
        let secret: [UInt8]
        do {
            secret = try key.sharedSecretFromKeyAgreement(with: remote).withUnsafeBytes { Array($0) }
        } catch {
            throw NoiseError(.invalidKey, "X25519 with the peer's key failed: \(error)")
        }
        // A low-order point gives an all-zero secret; BoringSSL does not always refuse it, so we do
        // (as go's x/crypto/curve25519 does for flynn/noise).
        guard secret.contains(where: { $0 != 0 }) else {
            throw NoiseError(.invalidKey, "X25519 with the peer's key gave an all-zero secret (a low-order point); the peer is faulty or hostile")
        }
        return secret
    }
}
