import Multiformats

/// A Filecoin address, as go-address defines it: a protocol and a payload.
///
/// | protocol | payload | text |
/// |---|---|---|
/// | 0 ID | `uvarint(id)` | `t01000` |
/// | 1 key hash (secp256k1; devnet Ed25519 wallets) | blake2b-160 of the public key | `t1` + base32(payload ‖ checksum) |
/// | 2 actor | blake2b-160 of the creation data | `t2…` |
/// | 3 BLS | 48-byte public key | `t3…` |
/// | 4 delegated | `uvarint(namespace)` ‖ subaddress (≤ 54 bytes) | `t4` + namespace + `f` + base32(subaddress ‖ checksum) |
///
/// The checksum is BLAKE2b with a 4-byte digest over the protocol byte and the payload. The binary form
/// (``bytes``) is the protocol byte followed by the payload. Text parsing accepts both networks (`f` mainnet,
/// `t` testnet); printing uses the devnet's `t` unless asked otherwise. `Codable` as the text form.
public struct Address: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// The address protocol (go-address `Protocol`); the binary form's first byte.
    public enum Kind: UInt8, Sendable, Hashable, Codable, CaseIterable {
        /// An actor ID assigned by the init actor.
        case id = 0
        /// A key hash: blake2b-160 of a public key (secp256k1 in Filecoin; Ed25519 for devnet wallets).
        case secp256k1 = 1
        /// An actor address: blake2b-160 of the data the actor was created from.
        case actor = 2
        /// A BLS12-381 public key.
        case bls = 3
        /// A delegated (FRC-0048) address: a namespace actor ID and a subaddress.
        case delegated = 4
    }

    /// The network letter that starts the text form.
    public enum Network: String, Sendable, Hashable, CaseIterable {
        /// `f`: Filecoin mainnet.
        case mainnet = "f"
        /// `t`: every test network, including this devnet.
        case testnet = "t"
    }

    /// Length in bytes of key-hash and actor payloads (blake2b-160).
    public static let payloadHashLength = 20
    /// Length in bytes of the checksum (blake2b-32).
    public static let checksumLength = 4
    /// Length in bytes of a BLS public key payload.
    public static let blsPublicKeyLength = 48
    /// Longest delegated subaddress in bytes.
    public static let maxSubaddressLength = 54
    /// Longest text form (go-address `MaxAddressStringLength`).
    public static let maxStringLength = 115

    /// The protocol.
    public let kind: Kind
    /// The payload (everything after the protocol byte in the binary form).
    public let payload: [UInt8]

    private init(unchecked kind: Kind, payload: [UInt8]) {
        self.kind = kind
        self.payload = payload
    }

    // MARK: Constructors

    /// The ID address `t0<id>`.
    /// - Precondition: `id` is at most 2^63 - 1, the largest ID go-address accepts.
    public init(id: UInt64) {
        precondition(id <= Varint.maxValue, "actor IDs are at most 2^63 - 1")
        self.init(unchecked: .id, payload: Varint.encode(id))
    }

    /// The key-hash (protocol 1) address of a public key: payload = blake2b-160(`publicKey`).
    ///
    /// For secp256k1 `publicKey` is the 65-byte uncompressed key; devnet wallets pass their 32-byte Ed25519 key.
    public init(keyHashOf publicKey: some Collection<UInt8>) {
        self.init(unchecked: .secp256k1, payload: BLAKE2b.hash(publicKey, digestLength: Address.payloadHashLength))
    }

    /// The actor (protocol 2) address of creation data: payload = blake2b-160(`data`).
    public init(actorDataHashOf data: some Collection<UInt8>) {
        self.init(unchecked: .actor, payload: BLAKE2b.hash(data, digestLength: Address.payloadHashLength))
    }

    /// The BLS (protocol 3) address of a 48-byte public key.
    /// - Throws: ``AddressError`` of kind `invalidPayload` when the key is not 48 bytes.
    public init(blsPublicKey: [UInt8]) throws(AddressError) {
        try self.init(kind: .bls, payload: blsPublicKey)
    }

    /// The delegated (protocol 4) address `t4<namespace>f…`.
    /// - Throws: ``AddressError`` when the namespace exceeds 2^63 - 1 or the subaddress is longer than 54 bytes.
    public init(delegatedNamespace namespace: UInt64, subaddress: [UInt8]) throws(AddressError) {
        guard namespace <= Varint.maxValue else {
            throw AddressError(.idOutOfRange, "delegated namespace \(namespace) is larger than 2^63 - 1")
        }
        try self.init(kind: .delegated, payload: Varint.encode(namespace) + subaddress)
    }

    /// An address from its protocol and payload, validated as ``init(bytes:)`` validates.
    /// - Throws: ``AddressError`` saying what is wrong with the payload.
    public init(kind: Kind, payload: [UInt8]) throws(AddressError) {
        try Address.validate(kind: kind, payload: payload)
        self.init(unchecked: kind, payload: payload)
    }

    /// Parses the binary form: the protocol byte followed by the payload (go-address `NewFromBytes`).
    /// - Throws: ``AddressError`` for an empty input, an unknown protocol byte or a malformed payload.
    public init(bytes: some Collection<UInt8>) throws(AddressError) {
        guard let first = bytes.first else {
            throw AddressError(.invalidLength, "invalid address bytes: empty (expected a protocol byte and a payload)")
        }
        guard let kind = Kind(rawValue: first) else {
            throw AddressError(.unknownProtocol, "invalid address bytes: unknown protocol byte \(first) (expected 0–4)")
        }
        try self.init(kind: kind, payload: Array(bytes.dropFirst()))
    }

    // MARK: Accessors

    /// The binary form: protocol byte ‖ payload (as addresses appear in CBOR).
    public var bytes: [UInt8] { [kind.rawValue] + payload }

    /// The actor ID of an ID address; `nil` for every other protocol.
    public var id: UInt64? {
        guard kind == .id else { return nil }
        return try? Varint.decode(payload).value
    }

    /// The namespace of a delegated address; `nil` for every other protocol.
    public var delegatedNamespace: UInt64? {
        guard kind == .delegated else { return nil }
        return try? Varint.decode(payload).value
    }

    /// The checksum of a non-ID address: blake2b-32 over protocol byte ‖ payload.
    public var checksum: [UInt8] {
        BLAKE2b.hash(bytes, digestLength: Address.checksumLength)
    }

    // MARK: Text

    /// The text form on `network`: `t01000`, `t1…`, `t4<ns>f…`.
    public func string(network: Network = .testnet) -> String {
        let prefix = network.rawValue + String(kind.rawValue)
        switch kind {
        case .id:
            return prefix + String(id ?? 0)
        case .secp256k1, .actor, .bls:
            return prefix + Base32.lowercase.encode(payload + checksum)
        case .delegated:
            let (namespace, length) = (try? Varint.decode(payload)) ?? (0, 0)
            let subaddress = payload.dropFirst(length)
            return prefix + String(namespace) + "f" + Base32.lowercase.encode(Array(subaddress) + checksum)
        }
    }

    /// The devnet text form (`t…`).
    public var description: String { string(network: .testnet) }

    /// Parses a text form on either network; see ``init(parsing:)``.
    public init?(_ description: String) {
        guard let address = try? Address(parsing: description) else { return nil }
        self = address
    }

    /// Parses a text form on either network (go-address `NewFromString`), checking length and checksum.
    /// - Throws: ``AddressError`` whose message quotes the input and says what is wrong: unknown network,
    ///   unknown protocol, bad length, bad base32, bad checksum, ID out of range.
    public init(parsing text: String) throws(AddressError) {
        let quoted = "invalid address \"\(text.count > 130 ? String(text.prefix(120)) + "…" : text)\""
        let chars = Array(text.utf8)
        guard chars.count >= 3, chars.count <= Address.maxStringLength else {
            throw AddressError(
                .invalidLength,
                "\(quoted): \(chars.count) characters (an address is 3 to \(Address.maxStringLength) characters, "
                    + "e.g. t01000)")
        }
        guard chars[0] == UInt8(ascii: "f") || chars[0] == UInt8(ascii: "t") else {
            throw AddressError(
                .unknownNetwork, "\(quoted): unknown network \"\(Character(Unicode.Scalar(chars[0])))\" (expected f or t)")
        }
        guard chars[1] >= UInt8(ascii: "0"), let kind = Kind(rawValue: chars[1] &- UInt8(ascii: "0")) else {
            throw AddressError(
                .unknownProtocol,
                "\(quoted): unknown protocol \"\(Character(Unicode.Scalar(chars[1])))\" (expected 0, 1, 2, 3 or 4)")
        }
        var body = chars[2...]
        switch kind {
        case .id:
            guard body.count <= 20 else {
                throw AddressError(.invalidLength, "\(quoted): ID has \(body.count) digits (at most 19)")
            }
            let id = try Address.parseDecimal(body, what: "ID", quoted: quoted)
            self.init(id: id)
            return
        case .delegated:
            guard let separator = body.firstIndex(of: UInt8(ascii: "f")) else {
                throw AddressError(
                    .invalidPayload, "\(quoted): delegated address has no \"f\" after its namespace (t4<namespace>f…)")
            }
            let namespace = try Address.parseDecimal(body[..<separator], what: "namespace", quoted: quoted)
            body = body[(separator + 1)...]
            let decoded = try Address.decodeBase32(body, quoted: quoted)
            let subaddress = Array(decoded.dropLast(Address.checksumLength))
            guard subaddress.count <= Address.maxSubaddressLength else {
                throw AddressError(
                    .invalidLength,
                    "\(quoted): subaddress is \(subaddress.count) bytes (at most \(Address.maxSubaddressLength))")
            }
            try self.init(delegatedNamespace: namespace, subaddress: subaddress)
            try checkSum(Array(decoded.suffix(Address.checksumLength)), quoted: quoted)
        case .secp256k1, .actor, .bls:
            let decoded = try Address.decodeBase32(body, quoted: quoted)
            let payload = Array(decoded.dropLast(Address.checksumLength))
            do {
                try self.init(kind: kind, payload: payload)
            } catch {
                throw AddressError(error.kind, "\(quoted): \(error.message)")
            }
            try checkSum(Array(decoded.suffix(Address.checksumLength)), quoted: quoted)
        }
    }

    private func checkSum(_ given: [UInt8], quoted: String) throws(AddressError) {
        guard given == checksum else {
            throw AddressError(
                .invalidChecksum,
                "\(quoted): bad checksum (the last 4 bytes do not match blake2b-32 of the protocol byte and payload); "
                    + "check the address for a typo")
        }
    }

    private static func parseDecimal(
        _ digits: ArraySlice<UInt8>, what: String, quoted: String
    ) throws(AddressError) -> UInt64 {
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw AddressError(.invalidPayload, "\(quoted): \(what) must be a decimal number")
        }
        guard digits.count <= 19, let value = UInt64(String(decoding: digits, as: UTF8.self)),
            value <= Varint.maxValue
        else {
            throw AddressError(.idOutOfRange, "\(quoted): \(what) is larger than 2^63 - 1")
        }
        return value
    }

    private static func decodeBase32(_ body: ArraySlice<UInt8>, quoted: String) throws(AddressError) -> [UInt8] {
        let decoded: [UInt8]
        do {
            decoded = try Base32.lowercase.decode(ascii: body)
        } catch {
            throw AddressError(.invalidEncoding, "\(quoted): \(error.message) (addresses use lowercase base32)")
        }
        guard decoded.count >= Address.checksumLength else {
            throw AddressError(
                .invalidLength, "\(quoted): too short to hold a payload and its 4-byte checksum")
        }
        return decoded
    }

    private static func validate(kind: Kind, payload: [UInt8]) throws(AddressError) {
        switch kind {
        case .id:
            let decoded: (value: UInt64, length: Int)
            do {
                decoded = try Varint.decode(payload)
            } catch {
                throw AddressError(.invalidPayload, "ID address payload is not a valid uvarint: \(error.message)")
            }
            guard decoded.length == payload.count else {
                throw AddressError(.invalidPayload, "ID address payload has \(payload.count - decoded.length) extra bytes")
            }
        case .secp256k1, .actor:
            guard payload.count == payloadHashLength else {
                throw AddressError(
                    .invalidPayload,
                    "protocol \(kind.rawValue) payload is \(payload.count) bytes (expected a \(payloadHashLength)-byte hash)")
            }
        case .bls:
            guard payload.count == blsPublicKeyLength else {
                throw AddressError(
                    .invalidPayload,
                    "BLS payload is \(payload.count) bytes (expected a \(blsPublicKeyLength)-byte public key)")
            }
        case .delegated:
            let decoded: (value: UInt64, length: Int)
            do {
                decoded = try Varint.decode(payload)
            } catch {
                throw AddressError(.invalidPayload, "delegated address namespace is not a valid uvarint: \(error.message)")
            }
            guard payload.count - decoded.length <= maxSubaddressLength else {
                throw AddressError(
                    .invalidLength,
                    "delegated subaddress is \(payload.count - decoded.length) bytes (at most \(maxSubaddressLength))")
            }
        }
    }

    // MARK: Protocols

    /// Orders by the binary form, so maps keyed by address iterate the same way on every run.
    public static func < (lhs: Address, rhs: Address) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
