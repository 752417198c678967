import Logging
import NIOCore

/// Stream operations, run on the event loop on behalf of ``YamuxSession`` and ``YamuxStream``:
/// opening, reading with window updates, writing within the send window, half-close and reset.
extension YamuxSessionHandler {
    // MARK: Opening

    func openStream(_ waiter: YamuxWaiter, _ continuation: CheckedContinuation<YamuxStream, any Error>) {
        guard waiter.register() else { return continuation.resume(throwing: CancellationError()) }
        guard lifecycle == .active else { return continuation.resume(throwing: notActiveError) }
        guard !remoteGoAwayReceived else {
            return continuation.resume(
                throwing: YamuxError(.goAwayReceived, "the yamux peer sent go-away; no new streams can be opened on this session", remote: true))
        }
        if unacknowledgedOutboundCount >= configuration.maxUnacknowledgedOutboundStreams || !openWaiters.isEmpty {
            openWaiters.append((waiter, continuation))
            return
        }
        continuation.resume(with: Result { () throws(YamuxError) in try makeOutboundStream() })
    }

    func withdrawOpen(_ waiter: YamuxWaiter) {
        guard let index = openWaiters.firstIndex(where: { $0.waiter === waiter }) else { return }
        openWaiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    /// Opens streams for callers that waited for the ACK backlog to shrink.
    func admitOpenWaiters() {
        while unacknowledgedOutboundCount < configuration.maxUnacknowledgedOutboundStreams, lifecycle == .active,
            let open = openWaiters.popFirst()
        {
            open.continuation.resume(with: Result { () throws(YamuxError) in try makeOutboundStream() })
        }
    }

    /// Allocates the next ID and sends SYN (a window update carrying any window above 256 KiB).
    private func makeOutboundStream() throws(YamuxError) -> YamuxStream {
        guard nextStreamID < UInt32.max - 1 else {
            throw YamuxError(.streamIDsExhausted, "this yamux session has used all its stream IDs; open a new connection")
        }
        let id = nextStreamID
        nextStreamID += 2
        let stream = YamuxStreamState(
            id: id, isInbound: false, targetWindow: configuration.initialStreamWindow, budget: receiveBudget, now: .now())
        let extra = stream.targetWindow - stream.receiveWindow
        stream.receiveWindow = stream.targetWindow
        streams[id] = stream
        outboundCount += 1
        unacknowledgedOutboundCount += 1
        publishCounts()
        appendControl(YamuxFrame(type: .windowUpdate, flags: .syn, streamID: id, length: extra))
        let handle = YamuxStream(state: stream, session: loopBound, eventLoop: eventLoop)
        stream.handle = handle
        return handle
    }

    // MARK: Reading

    func read(_ stream: YamuxStreamState, _ waiter: YamuxWaiter, _ continuation: CheckedContinuation<ByteBuffer?, any Error>) {
        guard waiter.register() else { return continuation.resume(throwing: CancellationError()) }
        if let failure = stream.failure { return continuation.resume(throwing: failure) }
        guard !stream.localReadClosed else {
            return continuation.resume(throwing: YamuxError(.streamClosed, "yamux stream \(stream.id) is closed for reading (close() was called)"))
        }
        if let chunk = stream.dequeue() {
            updateReceiveWindow(stream)
            return continuation.resume(returning: chunk)
        }
        if stream.remoteWriteClosed { return continuation.resume(returning: nil) }
        guard stream.registered, lifecycle == .active else { return continuation.resume(throwing: notActiveError) }
        // Reading is how an inbound stream is accepted: the ACK goes out now.
        updateReceiveWindow(stream)
        stream.readers.append(.init(waiter: waiter, continuation: continuation))
    }

    func withdrawRead(_ stream: YamuxStreamState, _ waiter: YamuxWaiter) {
        guard let index = stream.readers.firstIndex(where: { $0.waiter === waiter }) else { return }
        stream.readers.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    /// Sends a window update when the reader has freed at least half the target window (as
    /// go-yamux), or at once when an inbound stream still owes its ACK. Doubles the target,
    /// within ``YamuxConfiguration/maxStreamWindow`` and the session budget, when updates come
    /// faster than four round trips.
    func updateReceiveWindow(_ stream: YamuxStreamState) {
        guard stream.failure == nil, stream.registered, lifecycle == .active else { return }
        let owesAck = stream.isInbound && !stream.acknowledged
        guard owesAck || !stream.remoteWriteClosed else { return }
        let granted = Int(stream.receiveWindow) + stream.bufferedBytes
        let target = Int(stream.targetWindow)
        var delta = max(0, target - granted)
        guard owesAck || (delta > 0 && delta >= target / 2) else { return }
        let now = NIODeadline.now()
        if delta > 0, let rtt = smoothedRTT, stream.targetWindow < configuration.maxStreamWindow,
            now - stream.windowEpoch < rtt * 4
        {
            let grown = min(target * 2, Int(configuration.maxStreamWindow))
            let extra = grown - target
            if autoTuneGranted + extra <= configuration.autoTuneBudget {
                autoTuneGranted += extra
                stream.targetWindow = UInt32(grown)
                delta += extra
            }
        }
        stream.windowEpoch = now
        stream.receiveWindow += UInt32(delta)
        appendControl(YamuxFrame(type: .windowUpdate, flags: takeAckFlag(stream), streamID: stream.id, length: UInt32(delta)))
    }

    /// `.ack` if this is the first frame we send on an inbound stream (and marks it sent).
    private func takeAckFlag(_ stream: YamuxStreamState) -> YamuxFrame.Flags {
        guard stream.isInbound, !stream.acknowledged else { return [] }
        stream.acknowledged = true
        pendingInboundCount -= 1
        return .ack
    }

    // MARK: Writing

    func write(
        _ stream: YamuxStreamState, _ buffer: ByteBuffer, fin: Bool, _ waiter: YamuxWaiter,
        _ continuation: CheckedContinuation<Void, any Error>
    ) {
        guard waiter.register() else { return continuation.resume(throwing: CancellationError()) }
        if let failure = stream.failure { return continuation.resume(throwing: failure) }
        if stream.localWriteClosed {
            if fin, buffer.readableBytes == 0 { return continuation.resume() }
            return continuation.resume(
                throwing: YamuxError(.streamClosed, "yamux stream \(stream.id) is closed for writing (closeWrite() was called)"))
        }
        guard stream.registered, lifecycle == .active else { return continuation.resume(throwing: notActiveError) }
        if buffer.readableBytes == 0, !fin { return continuation.resume() }
        if fin { stream.localWriteClosed = true }
        stream.pendingWrites.append(.init(buffer: buffer, fin: fin, waiter: waiter, continuation: continuation))
        if !stream.waitingForWritability { pump(stream) }
    }

    /// Withdraws a cancelled write. One that already sent part of its bytes cannot be taken
    /// back without corrupting the stream, so the stream is reset instead.
    func withdrawWrite(_ stream: YamuxStreamState, _ waiter: YamuxWaiter) {
        guard let index = stream.pendingWrites.firstIndex(where: { $0.waiter === waiter }) else { return }
        let write = stream.pendingWrites.remove(at: index)
        write.continuation.resume(throwing: CancellationError())
        if write.started {
            logger.debug("yamux write on stream \(stream.id) cancelled half-way; resetting the stream")
            reset(stream, code: 0)
        } else if write.fin {
            stream.localWriteClosed = false
        }
    }

    /// Sends as much of the queued writes as the send window and the channel allow.
    func pump(_ stream: YamuxStreamState) {
        guard let context, lifecycle == .active else { return }
        while let head = stream.pendingWrites.first {
            if head.buffer.readableBytes == 0, head.fin {
                stream.pendingWrites.removeFirst()
                sendFin(stream)
                head.continuation.resume()
                continue
            }
            guard stream.sendWindow > 0 else { return }
            guard context.channel.isWritable else {
                stream.waitingForWritability = true
                writabilityWaiters.append(stream)
                return
            }
            var write = head
            let budget = min(Int(stream.sendWindow), write.buffer.readableBytes, Self.writeBurst)
            let frameCount = (budget + configuration.maxFramePayload - 1) / configuration.maxFramePayload
            outbound.reserveCapacity(minimumWritableBytes: budget + frameCount * YamuxFrame.headerSize)
            var flags = takeAckFlag(stream)
            var left = budget
            while left > 0 {
                let size = min(left, configuration.maxFramePayload)
                let payload = write.buffer.readSlice(length: size)!
                YamuxFrame(type: .data, flags: flags, streamID: stream.id, length: UInt32(size)).write(to: &outbound)
                outbound.writeImmutableBuffer(payload)
                flags = []
                left -= size
            }
            stream.sendWindow -= UInt32(budget)
            // Hand big batches to the channel now so its writability reflects them; small ones
            // wait for the flush, so many small writes still leave as one buffer.
            if outbound.readableBytes >= Self.emitThreshold { emitOutbound() }
            scheduleFlush()
            if write.buffer.readableBytes == 0 {
                stream.pendingWrites.removeFirst()
                if write.fin {
                    sendFin(stream)
                }
                write.continuation.resume()
            } else {
                write.started = true
                stream.pendingWrites[stream.pendingWrites.startIndex] = write
            }
        }
    }

    private func sendFin(_ stream: YamuxStreamState) {
        stream.finSent = true
        appendControl(YamuxFrame(type: .windowUpdate, flags: takeAckFlag(stream).union(.fin), streamID: stream.id, length: 0))
        if stream.remoteWriteClosed { retire(stream) }
    }

    // MARK: Closing and resetting

    /// Stops reading: queued bytes are dropped and later ones discarded, with their window
    /// credited back so the peer can finish writing and close its side.
    func closeRead(_ stream: YamuxStreamState) {
        guard !stream.localReadClosed else { return }
        stream.localReadClosed = true
        stream.discardQueued()
        let error = YamuxError(.streamClosed, "yamux stream \(stream.id) was closed for reading")
        while let reader = stream.readers.popFirst() { reader.continuation.resume(throwing: error) }
        updateReceiveWindow(stream)
    }

    /// Resets the stream from this side: RST goes out, everything waiting on it fails.
    func reset(_ stream: YamuxStreamState, code: UInt32) {
        guard stream.failure == nil else { return }
        fail(
            stream, with: YamuxError(.streamReset, "yamux stream \(stream.id) was reset by this side", code: code, remote: false),
            sendReset: stream.registered && lifecycle == .active, code: code)
    }

    /// The stream handle was released: reset it if its write side is still open, otherwise
    /// stop reading so it can finish.
    func abandon(_ stream: YamuxStreamState) {
        guard stream.registered, stream.failure == nil else { return }
        if !stream.localWriteClosed {
            reset(stream, code: 0)
        } else {
            closeRead(stream)
        }
    }

    /// Ends the stream with `error` (a reset from either side).
    func fail(_ stream: YamuxStreamState, with error: YamuxError, sendReset: Bool, code: UInt32 = 0) {
        stream.failure = error
        if sendReset {
            appendControl(YamuxFrame(type: .windowUpdate, flags: .rst, streamID: stream.id, length: code))
        }
        stream.discardQueued()
        while let reader = stream.readers.popFirst() { reader.continuation.resume(throwing: error) }
        while let write = stream.pendingWrites.popFirst() { write.continuation.resume(throwing: error) }
        retire(stream)
    }

    /// Removes a finished stream from the table and the counts.
    func retire(_ stream: YamuxStreamState) {
        guard stream.registered else { return }
        stream.registered = false
        streams[stream.id] = nil
        stream.handle?.markFinished()
        autoTuneGranted -= Int(stream.targetWindow - configuration.initialStreamWindow)
        if stream.isInbound {
            inboundCount -= 1
            if !stream.acknowledged { pendingInboundCount -= 1 }
        } else {
            outboundCount -= 1
            if !stream.acknowledged {
                unacknowledgedOutboundCount -= 1
                admitOpenWaiters()
            }
        }
        if stream.waitingForWritability, let index = writabilityWaiters.firstIndex(where: { $0 === stream }) {
            writabilityWaiters.remove(at: index)
            stream.waitingForWritability = false
        }
        publishCounts()
        if remoteGoAwayReceived, streams.isEmpty {
            logger.debug("yamux peer went away and the last stream ended; closing the session")
            close(reason: nil, goAway: nil)
        }
    }
}
