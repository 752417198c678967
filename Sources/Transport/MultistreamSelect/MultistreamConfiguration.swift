/// Limits for one multistream-select negotiation.
public struct MultistreamConfiguration: Sendable, Equatable {
    /// The largest message accepted, counting the trailing `\n` but not the length prefix.
    /// go-multistream and py-libp2p use 1024; larger messages fail with ``MultistreamError/Kind/messageTooLong``.
    public var maxMessageLength: Int
    /// The largest `ls` answer accepted by ``MultistreamNegotiator/listProtocols(over:)`` (the whole list is one message).
    public var maxListLength: Int
    /// How many protocols a responder answers before it gives up on a peer that keeps proposing
    /// (each `na` costs a write; a hostile peer could otherwise keep a negotiation open forever).
    public var maxProposals: Int
    /// How the responder encodes its answer to `ls`.
    public var listFormat: MultistreamListFormat

    /// Creates a configuration; the defaults match go-multistream's limits.
    public init(
        maxMessageLength: Int = 1024, maxListLength: Int = 64 * 1024, maxProposals: Int = 64,
        listFormat: MultistreamListFormat = .nested
    ) {
        self.maxMessageLength = maxMessageLength
        self.maxListLength = maxListLength
        self.maxProposals = maxProposals
        self.listFormat = listFormat
    }

    /// The default limits.
    public static var defaults: MultistreamConfiguration { MultistreamConfiguration() }
}

/// The two encodings of an `ls` answer seen in the wild. Both are one length-prefixed message; they differ in its body.
public struct MultistreamListFormat: Sendable, Hashable, CustomStringConvertible {
    private enum Value: Sendable, Hashable { case nested, lines }
    private let value: Value

    /// go-multistream (2019–2021, before it dropped `ls`): the body is the protocols, each itself a
    /// length-prefixed line, followed by the message's own `\n`.
    public static let nested = MultistreamListFormat(value: .nested)
    /// py-libp2p: the body is the protocols joined and terminated by `\n`, followed by the message's own `\n`.
    public static let lines = MultistreamListFormat(value: .lines)

    /// `nested` or `lines`.
    public var description: String { value == .nested ? "nested" : "lines" }
}
