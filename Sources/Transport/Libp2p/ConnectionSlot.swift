import Synchronization

/// Holds the connection a yamux session's inbound-stream callback reports to; the session exists (and may
/// see a stream) a moment before the connection object that wraps it.
final class ConnectionSlot: Sendable {
    private let value = Mutex<Libp2pConnection?>(nil)

    /// The connection, once set.
    var connection: Libp2pConnection? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
