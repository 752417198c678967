/// Bytes that are not a valid storage-market message: malformed CBOR, a wrong type, a missing or repeated field,
/// or a value out of range. ``message`` names the field path and what was wrong
/// (`"SignedDealResponse: Response: Proposal: CBOR at byte 52: expected a CID link (tag 42)…"`).
public struct WireFormatError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was wrong, and where.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// The same error with `field` put in front of its path.
    func inside(_ field: String) -> WireFormatError { WireFormatError("\(field): \(message)") }

    /// `error` as a ``WireFormatError`` inside `field` (errors from ChainTypes and Multiformats keep their text).
    static func wrapping(_ error: any Error, inside field: String) -> WireFormatError {
        if let wire = error as? WireFormatError { return wire.inside(field) }
        return WireFormatError("\(field): \(error)")
    }
}

/// A field a map-encoded struct cannot do without.
func requiredField<Value>(_ value: Value?, _ key: String) throws(WireFormatError) -> Value {
    guard let value else { throw WireFormatError("field \(key) is missing") }
    return value
}

/// Runs `read` for the field `name`, its errors put inside that name.
func field<Value>(_ name: String, _ read: () throws -> Value) throws(WireFormatError) -> Value {
    do { return try read() } catch { throw WireFormatError.wrapping(error, inside: name) }
}
