/// The `KeyType` enum of the libp2p key protobuf (libp2p/specs `peer-ids/peer-ids.md`).
///
/// Only ``ed25519`` keys are supported here; the others are named so errors can say what a peer sent.
public enum Libp2pKeyType: UInt64, Sendable, CustomStringConvertible {
    /// RSA (0).
    case rsa = 0
    /// Ed25519 (1): the only type this library signs and verifies with.
    case ed25519 = 1
    /// secp256k1 (2).
    case secp256k1 = 2
    /// ECDSA (3).
    case ecdsa = 3

    /// The spec's name (`Ed25519`).
    public var description: String {
        switch self {
        case .rsa: "RSA"
        case .ed25519: "Ed25519"
        case .secp256k1: "Secp256k1"
        case .ecdsa: "ECDSA"
        }
    }

    /// Reads `message PublicKey/PrivateKey { required KeyType Type = 1; required bytes Data = 2; }` and
    /// returns the Ed25519 key data; `what` names the message in errors.
    static func unmarshalEd25519(_ bytes: some Collection<UInt8>, _ what: String) throws(MultiformatsError) -> [UInt8] {
        var reader = try ProtobufReader(bytes, maxLength: 4096)
        var type: UInt64?
        var data: [UInt8]?
        while let field = try reader.next() {
            switch (field.number, field.value) {
            case (1, .varint(let value)): type = value
            case (2, .bytes(let value)): data = value
            case (1, _), (2, _):
                throw MultiformatsError(.invalidValue, "\(what): field \(field.number) has the wrong wire type")
            default: continue
            }
        }
        guard let type, let data else {
            throw MultiformatsError(
                .invalidValue, "\(what): missing required field \(type == nil ? "Type (1)" : "Data (2)")")
        }
        guard type == Libp2pKeyType.ed25519.rawValue else {
            let name = Libp2pKeyType(rawValue: type).map(\.description) ?? "unknown type \(type)"
            throw MultiformatsError(
                .unsupported, "\(what): key type \(name) is not supported; only Ed25519 (1) keys are")
        }
        return data
    }

    /// Writes the key protobuf for an Ed25519 key: `08 01 12 <len> <data>`.
    static func marshalEd25519(_ data: [UInt8]) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarint(Libp2pKeyType.ed25519.rawValue, field: 1)
        writer.writeBytes(data, field: 2)
        return writer.bytes
    }
}
