/// The exit code of a message, with Filecoin's numbers (go-state-types `exitcode`): 0 is success, 1–15 are
/// system errors raised by the VM, 16 and up are errors raised by actors. JSON is the bare number.
public struct ExitCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The numeric code.
    public var rawValue: Int64

    /// Creates an exit code from its number.
    public init(rawValue: Int64) { self.rawValue = rawValue }

    /// Success.
    public static let ok = ExitCode(rawValue: 0)
    /// The sender does not exist or is not an account.
    public static let sysErrSenderInvalid = ExitCode(rawValue: 1)
    /// The sender's nonce or balance does not allow the message.
    public static let sysErrSenderStateInvalid = ExitCode(rawValue: 2)
    /// The receiver has no such method.
    public static let sysErrInvalidMethod = ExitCode(rawValue: 3)
    /// The receiver does not exist and cannot be created by this message.
    public static let sysErrInvalidReceiver = ExitCode(rawValue: 5)
    /// The sender cannot pay the value it sends.
    public static let sysErrInsufficientFunds = ExitCode(rawValue: 6)
    /// The message used more gas than its limit.
    public static let sysErrOutOfGas = ExitCode(rawValue: 7)
    /// The parameters are invalid.
    public static let errIllegalArgument = ExitCode(rawValue: 16)
    /// Something the message refers to does not exist.
    public static let errNotFound = ExitCode(rawValue: 17)
    /// The caller may not call this method.
    public static let errForbidden = ExitCode(rawValue: 18)
    /// The actor cannot pay what the method requires.
    public static let errInsufficientFunds = ExitCode(rawValue: 19)
    /// The actor's state does not allow the method now.
    public static let errIllegalState = ExitCode(rawValue: 20)
    /// The parameters could not be decoded.
    public static let errSerialization = ExitCode(rawValue: 21)

    /// Whether this is ``ok``.
    public var isSuccess: Bool { rawValue == 0 }

    /// The Go constant name, e.g. `ErrForbidden`, or `ExitCode(n)` for numbers without one here.
    public var name: String {
        switch rawValue {
        case 0: "Ok"
        case 1: "SysErrSenderInvalid"
        case 2: "SysErrSenderStateInvalid"
        case 3: "SysErrInvalidMethod"
        case 5: "SysErrInvalidReceiver"
        case 6: "SysErrInsufficientFunds"
        case 7: "SysErrOutOfGas"
        case 16: "ErrIllegalArgument"
        case 17: "ErrNotFound"
        case 18: "ErrForbidden"
        case 19: "ErrInsufficientFunds"
        case 20: "ErrIllegalState"
        case 21: "ErrSerialization"
        default: "ExitCode(\(rawValue))"
        }
    }

    /// `Name(n)`, e.g. `ErrForbidden(18)`.
    public var description: String { "\(name)(\(rawValue))" }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
