import Multiformats

/// A message with its sender's signature (Lotus `types.SignedMessage`).
///
/// JSON is `{"Message":{…},"Signature":{"Type":1,"Data":"…"},"CID":{"/":"…"}}` (the `CID` key is written, and
/// ignored when read, as Lotus does). ``cborBytes`` is `[Message, Signature]`; ``cid`` is the CID of that for
/// every signature type but BLS, whose signed messages are identified by the unsigned message's CID.
public struct SignedMessage: Sendable, Hashable, Codable {
    /// The message.
    public var message: Message
    /// The sender's signature over the message's CID bytes.
    public var signature: Signature

    /// Pairs a message with its signature.
    public init(message: Message, signature: Signature) {
        self.message = message
        self.signature = signature
    }

    /// The DAG-CBOR encoding `[Message, Signature bytes]`.
    public var cborBytes: [UInt8] {
        var cbor = CBORWriter()
        cbor.arrayHeader(2)
        message.write(to: &cbor)
        cbor.byteString(signature.bytes)
        return cbor.bytes
    }

    /// Decodes ``cborBytes``.
    /// - Throws: ``CBORReader/Failure`` or ``AddressError`` for malformed input.
    public init(cborBytes: [UInt8]) throws {
        var reader = CBORReader(cborBytes)
        try reader.arrayHeader(count: 2, of: "a signed message")
        message = try Message(cbor: &reader)
        guard let signature = Signature(bytes: try reader.byteString()) else {
            throw CBORReader.Failure(message: "signed message has an empty signature")
        }
        self.signature = signature
        guard reader.isAtEnd else { throw CBORReader.Failure(message: "trailing bytes after the signed message") }
    }

    /// The CID that names this signed message in the mpool, in blocks and in `StateWaitMsg`.
    public var cid: CID {
        signature.type == .bls ? message.cid : CID.dagCBORBlake2b256(of: cborBytes)
    }

    /// Checks the signature against the message's sender, which must be its key address (`t1…`); the VM resolves
    /// ID senders to their key address first.
    /// - Throws: ``SignatureError`` naming the failed check.
    public func verify(signer: Address) throws(SignatureError) {
        try WalletKey.verify(signature, data: message.cid.bytes, signer: signer)
    }

    enum CodingKeys: String, CodingKey {
        case message = "Message", signature = "Signature", cid = "CID"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        message = try c.decode(Message.self, forKey: .message)
        signature = try c.decode(Signature.self, forKey: .signature)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(message, forKey: .message)
        try c.encode(signature, forKey: .signature)
        try c.encode(cid, forKey: .cid)
    }
}
