/// A storage-market exchange over libp2p that went wrong: a malformed or late message, a stream that ended early.
public struct StorageMarketNetworkError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
