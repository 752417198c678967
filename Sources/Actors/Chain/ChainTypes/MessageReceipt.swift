/// The outcome of an executed message (Lotus `types.MessageReceipt`), plus this devnet's reason string.
///
/// JSON: `{"ExitCode":18,"Return":null,"GasUsed":1234,"EventsRoot":null,"Error":"caller t0101 is not …"}` —
/// Lotus's four fields and `Error`, the human-readable reason for a non-zero exit code (omitted on success).
/// ``cborBytes`` is Lotus's 3-tuple `[ExitCode, Return, GasUsed]`; the reason is not part of it.
public struct MessageReceipt: Sendable, Hashable, Codable {
    /// The exit code.
    public var exitCode: ExitCode
    /// The method's return value (on this devnet, the typed return's JSON), empty if none.
    public var returnValue: [UInt8]
    /// Gas units the message used (what the sender paid for at the base fee).
    public var gasUsed: Int64
    /// Why the message failed, in words; `nil` on success.
    public var error: String?

    /// Creates a receipt.
    public init(exitCode: ExitCode, returnValue: [UInt8] = [], gasUsed: Int64, error: String? = nil) {
        self.exitCode = exitCode
        self.returnValue = returnValue
        self.gasUsed = gasUsed
        self.error = error
    }

    /// The DAG-CBOR encoding `[ExitCode, Return, GasUsed]`.
    public var cborBytes: [UInt8] {
        var cbor = CBORWriter()
        write(to: &cbor)
        return cbor.bytes
    }

    /// Appends the DAG-CBOR encoding to `cbor`.
    public func write(to cbor: inout CBORWriter) {
        cbor.arrayHeader(3)
        cbor.integer(exitCode.rawValue)
        cbor.byteString(returnValue)
        cbor.integer(gasUsed)
    }

    enum CodingKeys: String, CodingKey {
        case exitCode = "ExitCode", returnValue = "Return", gasUsed = "GasUsed", eventsRoot = "EventsRoot"
        case error = "Error"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        exitCode = try c.decode(ExitCode.self, forKey: .exitCode)
        returnValue = try Base64Field.decode(c, forKey: .returnValue)
        gasUsed = try c.decodeIfPresent(Int64.self, forKey: .gasUsed) ?? 0
        error = try c.decodeIfPresent(String.self, forKey: .error)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(exitCode, forKey: .exitCode)
        try Base64Field.encode(returnValue, into: &c, forKey: .returnValue)
        try c.encode(gasUsed, forKey: .gasUsed)
        try c.encodeNil(forKey: .eventsRoot)
        try c.encodeIfPresent(error, forKey: .error)
    }
}
