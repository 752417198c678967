
/// A message failure: the exit code that goes into the receipt and the reason in words.
public struct ActorError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The receipt's exit code.
    public var exitCode: ExitCode
    /// Why, e.g. `caller t0101 is not the owner, worker or a control address of t01000`.
    public var message: String

    /// Creates an error.
    public init(_ exitCode: ExitCode, _ message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    public var description: String { "\(exitCode): \(message)" }

    /// `ErrIllegalArgument` (16).
    public static func illegalArgument(_ message: String) -> ActorError { ActorError(.errIllegalArgument, message) }
    /// `ErrNotFound` (17).
    public static func notFound(_ message: String) -> ActorError { ActorError(.errNotFound, message) }
    /// `ErrForbidden` (18).
    public static func forbidden(_ message: String) -> ActorError { ActorError(.errForbidden, message) }
    /// `ErrInsufficientFunds` (19).
    public static func insufficientFunds(_ message: String) -> ActorError { ActorError(.errInsufficientFunds, message) }
    /// `ErrIllegalState` (20).
    public static func illegalState(_ message: String) -> ActorError { ActorError(.errIllegalState, message) }
}
