import Logging
import NIOCore

/// Pings: the caller's round-trip measurement, the keep-alive, and the smoothed RTT that window
/// auto-tuning uses.
extension YamuxSessionHandler {
    func ping(_ waiter: YamuxWaiter, _ continuation: CheckedContinuation<Duration, any Error>) {
        guard waiter.register() else { return continuation.resume(throwing: CancellationError()) }
        guard lifecycle == .active else { return continuation.resume(throwing: notActiveError) }
        sendPing(waiter: waiter, continuation: continuation)
    }

    func withdrawPing(_ waiter: YamuxWaiter) {
        guard let entry = pings.first(where: { $0.value.waiter === waiter }) else { return }
        pings[entry.key] = nil
        entry.value.timeout.cancel()
        entry.value.continuation?.resume(throwing: CancellationError())
    }

    @discardableResult
    private func sendPing(waiter: YamuxWaiter?, continuation: CheckedContinuation<Duration, any Error>?) -> UInt32 {
        nextPingID &+= 1
        let id = nextPingID
        let bound = loopBound
        let timeout = eventLoop.scheduleTask(in: .nanoseconds(configuration.pingTimeout.nanoseconds)) {
            bound.value.pingTimedOut(id)
        }
        pings[id] = PendingPing(sent: .now(), timeout: timeout, waiter: waiter, continuation: continuation)
        appendControl(YamuxFrame(type: .ping, flags: .syn, streamID: 0, length: id))
        return id
    }

    /// The peer answered ping `id`: record the round trip and wake the caller.
    func pingAnswered(_ id: UInt32) {
        guard let ping = pings.removeValue(forKey: id) else {
            logger.debug("yamux ping answer \(id) matches no ping in flight; ignored")
            return
        }
        ping.timeout.cancel()
        let rtt = NIODeadline.now() - ping.sent
        smoothedRTT = smoothedRTT.map { TimeAmount.nanoseconds(($0.nanoseconds + rtt.nanoseconds) / 2) } ?? rtt
        if keepAlivePingID == id { keepAlivePingID = nil }
        ping.continuation?.resume(returning: .nanoseconds(rtt.nanoseconds))
    }

    private func pingTimedOut(_ id: UInt32) {
        guard let ping = pings.removeValue(forKey: id) else { return }
        let error = YamuxError(.timeout, "the yamux peer did not answer a ping within \(configuration.pingTimeout)")
        if keepAlivePingID == id {
            keepAlivePingID = nil
            logger.error("yamux keep-alive ping unanswered; closing the session", metadata: ["timeout": "\(configuration.pingTimeout)"])
            close(reason: error, goAway: nil)
        } else {
            ping.continuation?.resume(throwing: error)
        }
    }

    /// Starts the keep-alive: one ping at once (so auto-tuning learns the round trip early),
    /// then one per interval while the previous one is answered.
    func startKeepAlive() {
        guard let interval = configuration.keepAliveInterval, keepAliveTask == nil, lifecycle == .active else { return }
        let amount = TimeAmount.nanoseconds(interval.nanoseconds)
        let bound = loopBound
        keepAliveTask = eventLoop.scheduleRepeatedTask(initialDelay: .zero, delay: amount) { _ in
            bound.value.keepAlive()
        }
    }

    private func keepAlive() {
        guard lifecycle == .active, keepAlivePingID == nil else { return }
        keepAlivePingID = sendPing(waiter: nil, continuation: nil)
    }
}

extension Duration {
    /// Whole nanoseconds, saturating at `Int64.max`.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
