import Synchronization

/// A snapshot of a session's counters, for tests, metrics and connection managers.
public struct YamuxSessionStatistics: Sendable, Hashable {
    /// Open streams the peer opened.
    public var inboundStreams: Int
    /// Open streams this side opened.
    public var outboundStreams: Int
    /// Inbound streams not yet acknowledged (the application has not read or written them).
    public var pendingInboundStreams: Int
    /// Outbound streams the peer has not acknowledged.
    public var unacknowledgedOutboundStreams: Int
    /// Bytes received and not yet read, over all streams. Bounded by the windows granted and by
    /// ``YamuxConfiguration/maxBufferedReceiveBytes``.
    public var bufferedReceiveBytes: Int
    /// The smoothed round trip measured by pings, if any ping was answered.
    public var roundTripTime: Duration?
}

/// Stream counts kept by the handler on its loop and read by ``YamuxSession`` from anywhere.
final class YamuxSessionCounters: Sendable {
    private let inboundCount = Atomic<Int>(0)
    private let outboundCount = Atomic<Int>(0)

    var inbound: Int { inboundCount.load(ordering: .relaxed) }
    var outbound: Int { outboundCount.load(ordering: .relaxed) }

    func publish(inbound: Int, outbound: Int) {
        inboundCount.store(inbound, ordering: .relaxed)
        outboundCount.store(outbound, ordering: .relaxed)
    }
}
