import Logging
import NIOCore

/// Parsing and dispatching inbound frames. Data payloads are not gathered: each piece is handed
/// to its stream as it arrives (a slice of the inbound buffer), so only a split header is ever
/// copied.
extension YamuxSessionHandler {
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        do {
            while buffer.readableBytes > 0, lifecycle == .active {
                switch parseState {
                case .payload(let stream, let remaining, let frame):
                    let count = min(remaining, buffer.readableBytes)
                    let slice = buffer.readSlice(length: count)!
                    if let stream { receive(slice, on: stream) }
                    if count == remaining {
                        parseState = .header
                        if let stream { endOfData(frame, on: stream) }
                    } else {
                        parseState = .payload(stream: stream, remaining: remaining - count, frame: frame)
                    }
                case .header:
                    guard let frame = try nextHeader(from: &buffer) else { return }
                    try handle(frame)
                }
            }
        } catch {
            protocolViolation(error)
        }
    }

    /// The next complete header, joining a header split across reads.
    private func nextHeader(from buffer: inout ByteBuffer) throws(YamuxError) -> YamuxFrame? {
        let limit = configuration.maxStreamWindow
        guard var scratch = headerScratch else {
            if let frame = try YamuxFrame.read(from: &buffer, maxDataLength: limit) { return frame }
            var scratch = ByteBuffer()
            scratch.reserveCapacity(YamuxFrame.headerSize)
            scratch.writeBuffer(&buffer)
            headerScratch = scratch
            return nil
        }
        let missing = YamuxFrame.headerSize - scratch.readableBytes
        var piece = buffer.readSlice(length: min(missing, buffer.readableBytes))!
        scratch.writeBuffer(&piece)
        guard scratch.readableBytes == YamuxFrame.headerSize else {
            headerScratch = scratch
            return nil
        }
        headerScratch = nil
        return try YamuxFrame.read(from: &scratch, maxDataLength: limit)
    }

    private func handle(_ frame: YamuxFrame) throws(YamuxError) {
        switch frame.type {
        case .data, .windowUpdate: try handleStreamFrame(frame)
        case .ping: handlePing(frame)
        case .goAway: handleGoAway(frame)
        }
    }

    // MARK: Stream frames

    private func handleStreamFrame(_ frame: YamuxFrame) throws(YamuxError) {
        let id = frame.streamID
        var stream = streams[id]
        if frame.flags.contains(.syn) {
            guard stream == nil else {
                throw YamuxError(.protocolViolation, "yamux peer opened stream \(id) again while it is still open")
            }
            guard isPeerStreamID(id) else {
                let mine = role == .client ? "odd" : "even"
                throw YamuxError(
                    .protocolViolation,
                    "yamux peer opened stream \(id), an \(mine) ID reserved for this side (\(role)); both sides may think they are the \(role)")
            }
            stream = acceptInbound(frame)
        } else if stream == nil {
            unknownStream(frame)
        }
        guard let stream else {
            if frame.type == .data, frame.length > 0 {
                parseState = .payload(stream: nil, remaining: Int(frame.length), frame: frame)
            }
            return
        }
        if frame.flags.contains(.ack), !stream.isInbound, !stream.acknowledged {
            stream.acknowledged = true
            unacknowledgedOutboundCount -= 1
            admitOpenWaiters()
        }
        switch frame.type {
        case .windowUpdate:
            if !frame.flags.contains(.rst), frame.length > 0 {
                let (window, overflow) = stream.sendWindow.addingReportingOverflow(frame.length)
                guard !overflow else {
                    throw YamuxError(
                        .protocolViolation,
                        "yamux peer grew the send window of stream \(id) past 4 GiB (\(stream.sendWindow) + \(frame.length))")
                }
                stream.sendWindow = window
            }
            endOfData(frame, on: stream)
            if !stream.pendingWrites.isEmpty, !stream.waitingForWritability { pump(stream) }
        case .data:
            guard !stream.remoteWriteClosed else {
                throw YamuxError(.protocolViolation, "yamux peer sent data on stream \(id) after closing it with FIN")
            }
            guard frame.length <= stream.receiveWindow else {
                throw YamuxError(
                    .protocolViolation,
                    "yamux peer sent \(frame.length) bytes on stream \(id) but only \(stream.receiveWindow) were granted (window exceeded)")
            }
            stream.receiveWindow -= frame.length
            if frame.length > 0 {
                parseState = .payload(stream: stream, remaining: Int(frame.length), frame: frame)
            } else {
                endOfData(frame, on: stream)
            }
        case .ping, .goAway:
            break
        }
    }

    /// Whether `id` belongs to the peer's half of the ID space (client odd, server even).
    private func isPeerStreamID(_ id: UInt32) -> Bool {
        (id % 2 == 1) == (role == .server)
    }

    /// Registers a stream the peer opened, or answers RST when a limit says no.
    private func acceptInbound(_ frame: YamuxFrame) -> YamuxStreamState? {
        let id = frame.streamID
        if frame.flags.contains(.rst) {
            logger.debug("yamux peer opened and reset stream \(id) in one frame; ignored")
            return nil
        }
        let refusal: String?
        if lifecycle != .active || localGoAwaySent {
            refusal = "this side sent go-away"
        } else if inboundCount >= configuration.maxInboundStreams {
            refusal = "\(inboundCount) inbound streams are open, the limit (maxInboundStreams)"
        } else if pendingInboundCount >= configuration.maxPendingInboundStreams {
            refusal = "\(pendingInboundCount) inbound streams are not yet accepted, the limit (maxPendingInboundStreams)"
        } else {
            refusal = nil
        }
        if let refusal {
            refusedStreams += 1
            logger.log(level: Self.floodLogLevel(refusedStreams), "yamux refused stream \(id) with RST: \(refusal) (\(refusedStreams) refused so far)")
            appendControl(YamuxFrame(type: .windowUpdate, flags: .rst, streamID: id, length: 0))
            return nil
        }
        let stream = YamuxStreamState(
            id: id, isInbound: true, targetWindow: configuration.initialStreamWindow, budget: receiveBudget, now: .now())
        streams[id] = stream
        inboundCount += 1
        pendingInboundCount += 1
        publishCounts()
        let handle = YamuxStream(state: stream, session: loopBound, eventLoop: eventLoop)
        stream.handle = handle
        inboundStreamHandler(handle)
        return stream
    }

    /// A frame without SYN for a stream we do not know: late frames for a stream that just ended
    /// are normal and dropped; data gets RST so the peer stops sending.
    private func unknownStream(_ frame: YamuxFrame) {
        guard frame.type == .data, !frame.flags.contains(.rst) else { return }
        logger.debug("yamux data for unknown stream \(frame.streamID); answering RST")
        appendControl(YamuxFrame(type: .windowUpdate, flags: .rst, streamID: frame.streamID, length: 0))
    }

    /// Applies FIN and RST once a frame's payload (if any) has been received.
    private func endOfData(_ frame: YamuxFrame, on stream: YamuxStreamState) {
        // Reset by the application while the frame was arriving: nothing left to update.
        guard stream.failure == nil else { return }
        if frame.flags.contains(.rst) {
            let code = frame.type == .windowUpdate ? frame.length : 0
            fail(
                stream,
                with: YamuxError(.streamReset, "yamux stream \(stream.id) was reset by the peer", code: code, remote: true),
                sendReset: false)
            return
        }
        if frame.flags.contains(.fin), !stream.remoteWriteClosed {
            stream.remoteWriteClosed = true
            if stream.receiveQueue.isEmpty {
                while let reader = stream.readers.popFirst() { reader.continuation.resume(returning: nil) }
            }
            if stream.finSent { retire(stream) }
        }
    }

    /// Queues (or hands to a waiting reader) a piece of payload.
    private func receive(_ slice: ByteBuffer, on stream: YamuxStreamState) {
        guard stream.failure == nil else { return }
        if stream.localReadClosed {
            updateReceiveWindow(stream)
        } else if let reader = stream.readers.popFirst() {
            reader.continuation.resume(returning: slice)
            updateReceiveWindow(stream)
        } else if let full = stream.enqueue(slice, allocator: context?.channel.allocator ?? ByteBufferAllocator()) {
            overBudget(stream, full, arriving: slice.readableBytes)
        }
    }

    /// Resets a stream whose unread data would go over a receive budget: the peer is within its
    /// windows, but this side will not hold more unread bytes for it.
    private func overBudget(_ stream: YamuxStreamState, _ full: YamuxReceiveBudget, arriving count: Int) {
        let whose = full === receiveBudget ? "this connection's" : "the host-wide"
        let message =
            "yamux stream \(stream.id) was reset: \(count) more unread bytes would take \(whose) receive budget over its "
            + "\(full.limit) bytes (\(full.usedBytes) held); the application is not reading its streams fast enough"
        overBudgetResets += 1
        logger.log(level: Self.floodLogLevel(overBudgetResets), "\(message) (streams reset for this so far: \(overBudgetResets))")
        fail(stream, with: YamuxError(.streamReset, message), sendReset: true)
    }

    /// A flood of refusals must not become a log flood: the 1st, 2nd, 4th, 8th, ... are warnings, the rest debug.
    static func floodLogLevel(_ occurrence: Int) -> Logger.Level {
        occurrence & (occurrence - 1) == 0 ? .warning : .debug
    }

    // MARK: Session frames

    private func handlePing(_ frame: YamuxFrame) {
        if frame.flags.contains(.syn) {
            appendControl(YamuxFrame(type: .ping, flags: .ack, streamID: 0, length: frame.length))
        } else {
            pingAnswered(frame.length)
        }
    }

    private func handleGoAway(_ frame: YamuxFrame) {
        let code = YamuxGoAwayCode(rawValue: frame.length)
        remoteGoAwayReceived = true
        if code == .normal {
            logger.debug("yamux peer sent go-away (normal); no new streams, closing once the open ones end")
            let error = YamuxError(.goAwayReceived, "the yamux peer is going away; no new streams can be opened on this session", code: 0, remote: true)
            while let open = openWaiters.popFirst() { open.continuation.resume(throwing: error) }
            if streams.isEmpty { close(reason: nil, goAway: nil) }
        } else {
            logger.warning("yamux peer ended the session with go-away (\(code))")
            close(
                reason: YamuxError(.goAwayReceived, "the yamux peer ended the session with go-away (\(code))", code: frame.length, remote: true),
                goAway: nil)
        }
    }

    /// Logs the violation, sends go-away (protocol error) and closes.
    func protocolViolation(_ error: YamuxError) {
        logger.error("yamux protocol violation; sending go-away (protocol error)", metadata: ["reason": "\(error.message)"])
        close(reason: error, goAway: .protocolError)
    }
}
