import Multiformats

/// An unsigned message (Lotus `types.Message`).
///
/// JSON uses Lotus's field names — `Version`, `To`, `From`, `Nonce`, `Value` (attoFIL string), `GasLimit`,
/// `GasFeeCap`, `GasPremium`, `Method`, `Params` (base64, `null` when empty) — and, when encoding, `CID`, as Lotus's
/// `MarshalJSON` adds it. Missing numeric fields decode as zero, as Go's decoder leaves them. ``cborBytes`` is the
/// 10-field tuple cbor-gen writes, and ``cid`` the CIDv1 dag-cbor blake2b-256 of it (`bafy2bzace…`).
public struct Message: Sendable, Hashable, Codable {
    /// Message format version; only 0 exists.
    public var version: UInt64
    /// The receiver.
    public var to: Address
    /// The sender.
    public var from: Address
    /// The sender's sequence number.
    public var nonce: UInt64
    /// The attoFIL moved from sender to receiver.
    public var value: TokenAmount
    /// The most gas the message may use.
    public var gasLimit: Int64
    /// The most attoFIL per gas unit the sender pays (base fee + premium, capped here).
    public var gasFeeCap: TokenAmount
    /// The attoFIL per gas unit offered to the block producer on top of the base fee.
    public var gasPremium: TokenAmount
    /// The method to call on the receiver; 0 sends value only.
    public var method: MethodNumber
    /// The method's parameters (on this devnet, the typed params' JSON; see ChainState's `MethodParams`).
    public var params: [UInt8]

    /// Creates a message.
    public init(
        version: UInt64 = 0, to: Address, from: Address, nonce: UInt64 = 0, value: TokenAmount = .zero,
        gasLimit: Int64 = 0, gasFeeCap: TokenAmount = .zero, gasPremium: TokenAmount = .zero,
        method: MethodNumber = 0, params: [UInt8] = []
    ) {
        self.version = version
        self.to = to
        self.from = from
        self.nonce = nonce
        self.value = value
        self.gasLimit = gasLimit
        self.gasFeeCap = gasFeeCap
        self.gasPremium = gasPremium
        self.method = method
        self.params = params
    }

    /// The most the sender can be charged for gas: `GasLimit × GasFeeCap` (Lotus `RequiredFunds`).
    public var requiredGasFunds: TokenAmount { gasFeeCap * gasLimit }

    // MARK: CBOR and CID

    /// The DAG-CBOR encoding: `[Version, To, From, Nonce, Value, GasLimit, GasFeeCap, GasPremium, Method, Params]`
    /// with addresses as byte strings and amounts as go-state-types big-integer byte strings.
    public var cborBytes: [UInt8] {
        var cbor = CBORWriter()
        write(to: &cbor)
        return cbor.bytes
    }

    /// Appends the DAG-CBOR encoding to `cbor`.
    public func write(to cbor: inout CBORWriter) {
        cbor.arrayHeader(10)
        cbor.unsigned(version)
        cbor.byteString(to.bytes)
        cbor.byteString(from.bytes)
        cbor.unsigned(nonce)
        cbor.bigInt(value)
        cbor.integer(gasLimit)
        cbor.bigInt(gasFeeCap)
        cbor.bigInt(gasPremium)
        cbor.unsigned(method)
        cbor.byteString(params)
    }

    /// Decodes the DAG-CBOR encoding.
    /// - Throws: ``CBORReader/Failure`` or ``AddressError`` for malformed input.
    public init(cbor reader: inout CBORReader) throws {
        try reader.arrayHeader(count: 10, of: "a message")
        version = try reader.unsigned()
        to = try Address(bytes: try reader.byteString())
        from = try Address(bytes: try reader.byteString())
        nonce = try reader.unsigned()
        value = try reader.bigInt()
        gasLimit = try reader.integer()
        gasFeeCap = try reader.bigInt()
        gasPremium = try reader.bigInt()
        method = try reader.unsigned()
        params = try reader.byteString()
    }

    /// Decodes a complete DAG-CBOR message.
    /// - Throws: ``CBORReader/Failure`` or ``AddressError`` for malformed input or trailing bytes.
    public init(cborBytes: [UInt8]) throws {
        var reader = CBORReader(cborBytes)
        try self.init(cbor: &reader)
        guard reader.isAtEnd else { throw CBORReader.Failure(message: "trailing bytes after the message") }
    }

    /// The message CID: CIDv1, dag-cbor, blake2b-256 of ``cborBytes``. Signed messages sign its bytes.
    public var cid: CID { CID.dagCBORBlake2b256(of: cborBytes) }

    // MARK: JSON

    enum CodingKeys: String, CodingKey {
        case version = "Version", to = "To", from = "From", nonce = "Nonce", value = "Value", gasLimit = "GasLimit"
        case gasFeeCap = "GasFeeCap", gasPremium = "GasPremium", method = "Method", params = "Params", cid = "CID"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(UInt64.self, forKey: .version) ?? 0
        to = try c.decode(Address.self, forKey: .to)
        from = try c.decode(Address.self, forKey: .from)
        nonce = try c.decodeIfPresent(UInt64.self, forKey: .nonce) ?? 0
        value = try c.decodeIfPresent(TokenAmount.self, forKey: .value) ?? .zero
        gasLimit = try c.decodeIfPresent(Int64.self, forKey: .gasLimit) ?? 0
        gasFeeCap = try c.decodeIfPresent(TokenAmount.self, forKey: .gasFeeCap) ?? .zero
        gasPremium = try c.decodeIfPresent(TokenAmount.self, forKey: .gasPremium) ?? .zero
        method = try c.decodeIfPresent(UInt64.self, forKey: .method) ?? 0
        params = try Base64Field.decode(c, forKey: .params)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(to, forKey: .to)
        try c.encode(from, forKey: .from)
        try c.encode(nonce, forKey: .nonce)
        try c.encode(value, forKey: .value)
        try c.encode(gasLimit, forKey: .gasLimit)
        try c.encode(gasFeeCap, forKey: .gasFeeCap)
        try c.encode(gasPremium, forKey: .gasPremium)
        try c.encode(method, forKey: .method)
        try Base64Field.encode(params, into: &c, forKey: .params)
        try c.encode(cid, forKey: .cid)
    }
}
