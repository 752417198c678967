/// Limits and timers of a yamux session. The defaults follow go-yamux (`DefaultConfig`) and the
/// libp2p yamux notes (ACK backlog of 256).
public struct YamuxConfiguration: Sendable, Hashable {
    /// The window every stream starts with on both sides; fixed by the spec at 256 KiB.
    public static let specInitialWindow: UInt32 = 256 * 1024

    /// The most streams opened by the peer that may be open at once; a SYN beyond it is
    /// answered with RST. Default 1000 (go-yamux `MaxIncomingStreams`).
    public var maxInboundStreams: Int
    /// The most peer-opened streams this side has not yet acknowledged (the application has
    /// neither read nor written them); a SYN beyond it is answered with RST. Default 256.
    public var maxPendingInboundStreams: Int
    /// The most streams this side has opened that the peer has not acknowledged; further
    /// ``YamuxSession/openStream()`` calls wait for an ACK. Default 256 (the ACK backlog).
    public var maxUnacknowledgedOutboundStreams: Int
    /// The receive window granted to each stream at first, at least 256 KiB. Default 256 KiB.
    public var initialStreamWindow: UInt32
    /// The largest receive window a stream grows to when the reader keeps up (window
    /// auto-tuning, as go-yamux). Equal to ``initialStreamWindow`` turns tuning off. Default 16 MiB.
    public var maxStreamWindow: UInt32
    /// The most bytes the whole session may grant above ``initialStreamWindow`` across all its
    /// streams through auto-tuning; bounds memory when many streams are busy. Default 64 MiB.
    public var autoTuneBudget: Int
    /// The most bytes received and not yet read this side holds over all streams of the session;
    /// data that would go over it resets the stream it arrived on (a waiting reader takes data
    /// without it being counted). At least ``maxStreamWindow``, so one stream within its window
    /// never trips it. Default 64 MiB.
    public var maxBufferedReceiveBytes: Int
    /// The largest data payload this side puts in one frame. Default 64 KiB − 12 (go-yamux).
    public var maxFramePayload: Int
    /// How often to ping the peer to keep the connection alive and measure the round trip;
    /// `nil` turns keep-alive off. Default 30 s.
    public var keepAliveInterval: Duration?
    /// How long a ping (explicit or keep-alive) waits for its answer. Default 10 s.
    public var pingTimeout: Duration
    /// The most bytes of control frames (window updates, pongs, resets) this side queues while
    /// the connection is not writable; a peer that keeps sending while never reading past this
    /// is cut off with go-away (internal error). Default 1 MiB.
    public var maxQueuedControlBytes: Int

    /// A configuration with go-yamux's defaults, changed by the given arguments.
    public init(
        maxInboundStreams: Int = 1000,
        maxPendingInboundStreams: Int = 256,
        maxUnacknowledgedOutboundStreams: Int = 256,
        initialStreamWindow: UInt32 = YamuxConfiguration.specInitialWindow,
        maxStreamWindow: UInt32 = 16 * 1024 * 1024,
        autoTuneBudget: Int = 64 * 1024 * 1024,
        maxBufferedReceiveBytes: Int = 64 * 1024 * 1024,
        maxFramePayload: Int = 64 * 1024 - 12,
        keepAliveInterval: Duration? = .seconds(30),
        pingTimeout: Duration = .seconds(10),
        maxQueuedControlBytes: Int = 1024 * 1024
    ) {
        self.maxInboundStreams = maxInboundStreams
        self.maxPendingInboundStreams = maxPendingInboundStreams
        self.maxUnacknowledgedOutboundStreams = maxUnacknowledgedOutboundStreams
        self.initialStreamWindow = initialStreamWindow
        self.maxStreamWindow = maxStreamWindow
        self.autoTuneBudget = autoTuneBudget
        self.maxBufferedReceiveBytes = maxBufferedReceiveBytes
        self.maxFramePayload = maxFramePayload
        self.keepAliveInterval = keepAliveInterval
        self.pingTimeout = pingTimeout
        self.maxQueuedControlBytes = maxQueuedControlBytes
    }

    /// Checks that the values make sense together.
    /// - Throws: ``YamuxError`` of kind ``YamuxError/Kind/invalidConfiguration`` naming the first
    ///   field that does not.
    public func validate() throws(YamuxError) {
        func fail(_ field: String, _ rule: String) -> YamuxError {
            YamuxError(.invalidConfiguration, "yamux configuration: \(field) \(rule)")
        }
        if maxInboundStreams < 0 { throw fail("maxInboundStreams", "must not be negative (got \(maxInboundStreams))") }
        if maxPendingInboundStreams < 1 {
            throw fail("maxPendingInboundStreams", "must be at least 1 (got \(maxPendingInboundStreams))")
        }
        if maxUnacknowledgedOutboundStreams < 1 {
            throw fail("maxUnacknowledgedOutboundStreams", "must be at least 1 (got \(maxUnacknowledgedOutboundStreams))")
        }
        if initialStreamWindow < Self.specInitialWindow {
            throw fail("initialStreamWindow", "must be at least 256 KiB, the window the spec lets every peer assume (got \(initialStreamWindow))")
        }
        if maxStreamWindow < initialStreamWindow {
            throw fail("maxStreamWindow", "must be at least initialStreamWindow (\(initialStreamWindow); got \(maxStreamWindow))")
        }
        if autoTuneBudget < 0 { throw fail("autoTuneBudget", "must not be negative (got \(autoTuneBudget))") }
        if maxBufferedReceiveBytes < Int(maxStreamWindow) {
            throw fail(
                "maxBufferedReceiveBytes",
                "must be at least maxStreamWindow (\(maxStreamWindow)), or one stream within its window would be reset (got \(maxBufferedReceiveBytes))")
        }
        if maxFramePayload < 1024 || maxFramePayload > 16 * 1024 * 1024 {
            throw fail("maxFramePayload", "must be between 1 KiB and 16 MiB (got \(maxFramePayload))")
        }
        if let keepAliveInterval, keepAliveInterval <= .zero {
            throw fail("keepAliveInterval", "must be positive, or nil to turn keep-alive off (got \(keepAliveInterval))")
        }
        if pingTimeout <= .zero { throw fail("pingTimeout", "must be positive (got \(pingTimeout))") }
        if maxQueuedControlBytes < 64 * 1024 {
            throw fail("maxQueuedControlBytes", "must be at least 64 KiB (got \(maxQueuedControlBytes))")
        }
    }
}
