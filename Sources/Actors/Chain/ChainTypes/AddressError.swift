/// Why a text or byte string is not a Filecoin address.
///
/// ``message`` names the input and what was expected, e.g.
/// `invalid address "t15ihq…aaaa": bad checksum (the last 4 bytes do not match blake2b-32 of the protocol byte and
/// payload); check for a typo`.
public struct AddressError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of the failure (go-address's error variables, plus a few finer ones).
    public enum Kind: String, Sendable, Equatable {
        /// The first character is neither `f` (mainnet) nor `t` (testnet) (`ErrUnknownNetwork`).
        case unknownNetwork
        /// The protocol digit or byte is not 0–4 (`ErrUnknownProtocol`).
        case unknownProtocol
        /// The text or payload has a length no address of this protocol has (`ErrInvalidLength`).
        case invalidLength
        /// The payload is malformed, e.g. a key hash of the wrong size (`ErrInvalidPayload`).
        case invalidPayload
        /// The checksum does not match (`ErrInvalidChecksum`).
        case invalidChecksum
        /// A character outside the lowercase base32 alphabet, or trailing bits no encoder produces.
        case invalidEncoding
        /// An ID or delegated namespace that is not a decimal number up to 2^63 - 1.
        case idOutOfRange
    }

    /// The category of the failure.
    public var kind: Kind
    /// What was wrong and what was expected.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
