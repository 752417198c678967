import Crypto
import Multiformats

/// The libp2p Noise handshake (libp2p/specs `noise/README.md`) as a pure state machine: Noise XX with
/// an empty prologue, plus the identity proof each side puts in its handshake payload.
///
/// Messages here are bare Noise messages; framing is ``NoiseFraming``'s job.
/// ```
/// initiator                                 responder
///   start() → message 1 (-> e)          →   receive(1) → message 2 (<- e, ee, s, es + payload)
///   receive(2) → message 3 (+ payload)  ←
///                                       →   receive(3) → nil
/// both: isComplete, session()
/// ```
/// A payload is accepted only if its identity key is Ed25519, its signature over
/// `"noise-libp2p-static-key:" || the sender's static X25519 key` verifies, and (initiator) the key's
/// peer ID is the one we dialled.
public struct NoiseLibp2pHandshake: Sendable {
    /// The protocol ID negotiated with multistream-select.
    public static let protocolID = "/noise"
    /// What an identity key signs, followed by the Noise static public key.
    public static let signaturePrefix = Array("noise-libp2p-static-key:".utf8)

    private var state: NoiseHandshakeState
    private let configuration: NoiseConfiguration
    private let expectedRemotePeer: PeerID?
    private var started = false
    private var remote: NoiseHandshakeResult?

    /// A handshake as `role`, proving `configuration.identity` and, as initiator, expecting
    /// `expectedRemotePeer` (nil accepts any peer).
    public init(role: NoiseHandshakeState.Role, configuration: NoiseConfiguration, expectedRemotePeer: PeerID? = nil) {
        state = NoiseHandshakeState(role: role, staticKey: configuration.staticKey)
        self.configuration = configuration
        self.expectedRemotePeer = expectedRemotePeer
    }

    /// True once the peer is authenticated and the handshake is over.
    public var isComplete: Bool { state.isComplete && remote != nil }

    /// The first message to send: message 1 for the initiator, nil for the responder.
    public mutating func start() throws -> [UInt8]? {
        guard !started else { return nil }
        started = true
        return state.role == .initiator ? try state.writeMessage(payload: []) : nil
    }

    /// Handles the peer's next message and returns the reply to send, if any.
    /// - Throws: ``NoiseError``: `.decryptionFailed`, `.malformedMessage`, `.invalidPayload`,
    ///   `.invalidSignature`, `.peerIDMismatch`, `.invalidState`.
    public mutating func receive(_ message: [UInt8]) throws -> [UInt8]? {
        _ = try start()
        let payload = try state.readMessage(message)
        switch state.messageIndex {
        case 1:  // responder read "-> e"; the initiator's first payload carries nothing we use.
            return try state.writeMessage(payload: try localPayload())
        case 2:  // initiator read "<- e, ee, s, es"
            try authenticate(payload)
            return try state.writeMessage(payload: try localPayload())
        default:  // responder read "-> s, se"
            try authenticate(payload)
            return nil
        }
    }

    /// The authenticated peer and the transport ciphers.
    /// - Throws: ``NoiseError`` `.invalidState` before ``isComplete``.
    public func session() throws -> NoiseSession {
        guard let remote, state.isComplete else {
            throw NoiseError(.invalidState, "the Noise handshake is not complete yet (\(state.messageIndex) of 3 messages)")
        }
        let (send, receive) = try state.split()
        var result = remote
        result.handshakeHash = state.handshakeHash
        return NoiseSession(result: result, send: send, receive: receive)
    }

    private func localPayload() throws -> [UInt8] {
        let signature: [UInt8]
        do {
            signature = try configuration.identity.sign(Self.signaturePrefix + state.localStaticKey)
        } catch {
            throw NoiseError(.invalidState, "signing our Noise static key with the identity key failed: \(error)")
        }
        return NoiseHandshakePayload(
            identityKey: configuration.identity.publicKey.marshaled, identitySignature: signature,
            extensions: configuration.extensions
        ).encoded()
    }

    private mutating func authenticate(_ bytes: [UInt8]) throws {
        let payload = try NoiseHandshakePayload(decoding: bytes)
        let key: Libp2pPublicKey
        do {
            key = try Libp2pPublicKey(marshaled: payload.identityKey)
        } catch {
            throw NoiseError(.invalidPayload, "the peer's Noise payload carries an identity key we cannot use: \(error)")
        }
        let peer = PeerID(publicKey: key)
        guard let remoteStatic = state.remoteStaticKey,
            key.isValidSignature(payload.identitySignature, for: Self.signaturePrefix + remoteStatic)
        else {
            throw NoiseError(.invalidSignature, "peer \(peer) did not sign its Noise static key with its identity key; refusing the connection")
        }
        if let expected = expectedRemotePeer, expected != peer {
            throw NoiseError(.peerIDMismatch, "dialled peer \(expected) but the remote side authenticated as \(peer); check the /p2p/ part of the address")
        }
        remote = NoiseHandshakeResult(
            remotePeerID: peer, remotePublicKey: key, remoteStaticKey: remoteStatic, remoteExtensions: payload.extensions,
            handshakeHash: [])
    }
}
