/// Why a signature does not verify, or a key cannot be used; ``message`` says which check failed.
public struct SignatureError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of the failure.
    public enum Kind: String, Sendable, Equatable {
        /// The signature type is not the devnet's type 1, or the key type is not `ed25519`.
        case unsupportedType
        /// The signature or key has the wrong length.
        case invalidLength
        /// The public key in the signature does not hash to the signer's address.
        case wrongSigner
        /// The Ed25519 signature does not verify over the data.
        case invalidSignature
    }

    /// The category of the failure.
    public var kind: Kind
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
