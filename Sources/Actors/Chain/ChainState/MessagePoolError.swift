/// Why the message pool refused a message or could not prepare one; ``message`` is what an operator reads.
public struct MessagePoolError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of the refusal.
    public enum Kind: String, Sendable, Equatable {
        /// The message breaks a syntactic rule (negative value, premium above fee cap, gas limit out of range…).
        case invalid
        /// The signed message is larger than the pool accepts.
        case tooLarge
        /// The sender does not exist on chain (it has never received FIL) or is not an account.
        case unknownSender
        /// The signature does not verify for the sender.
        case invalidSignature
        /// The nonce was already used on chain.
        case nonceTooLow
        /// The nonce is too far ahead of the sender's next nonce.
        case nonceGap
        /// The same message is already pending.
        case duplicate
        /// A message with the same nonce is pending and the new one does not pay enough more.
        case replaceByFeeTooLow
        /// The fee cap is below the base fee, so the message could never be included.
        case feeCapTooLow
        /// The sender's balance does not cover this and its other pending messages.
        case insufficientFunds
        /// The pool is full.
        case poolFull
        /// The sender has too many pending messages.
        case senderLimit
        /// Gas estimation ran the message and it failed.
        case executionFailed
        /// `MaxFee` is too small to pay the base fee for the gas the message needs.
        case maxFeeTooLow
    }

    /// The category of the refusal.
    public var kind: Kind
    /// What was wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
