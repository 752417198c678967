import Logging
import Multiformats
import MultistreamSelect
import NIOCore
import Synchronization
import Yamux

extension Libp2pHost {
    /// Serves `protocolID` with `handler`: every inbound stream on which a peer negotiates it is handed over.
    /// Replaces an earlier handler for the same ID. Identify and ping are served from the start.
    public func setStreamHandler(_ protocolID: String, handler: @escaping StreamHandler) {
        state.withLock { state in
            if state.handlers.updateValue(handler, forKey: protocolID) == nil {
                state.handlerOrder.removeAll { $0 == protocolID }
                state.handlerOrder.append(protocolID)
            }
        }
    }

    /// Stops serving `protocolID`: peers proposing it get `na`. Streams already handed over are unaffected.
    public func removeStreamHandler(_ protocolID: String) {
        state.withLock { state in
            state.handlers[protocolID] = nil
            state.handlerOrder.removeAll { $0 == protocolID }
        }
    }

    /// The protocol IDs served, in registration order (what identify announces).
    public var protocols: [String] { state.withLock { $0.protocols } }

    /// Opens a stream to `peer` on an open connection and negotiates the first of `protocols` the peer speaks.
    ///
    /// - Throws: ``Libp2pHostError`` `.notConnected` when no connection to `peer` is open, `.protocolNotSupported`
    ///   when the peer refuses every protocol, `.timeout` when it does not answer within
    ///   ``Libp2pHostConfig/Limits/streamNegotiationTimeout``, `.closed` when the stream or connection fails.
    public func newStream(to peer: PeerID, protocols: [String]) async throws -> Libp2pStream {
        try requireRunning()
        return try await openStream(on: try connection(to: peer), protocols: protocols)
    }

    /// Opens a stream on `connection` and negotiates one of `protocols` as the dialling side.
    func openStream(on connection: Libp2pConnection, protocols: [String]) async throws -> Libp2pStream {
        let muxed: YamuxStream
        do {
            muxed = try await connection.session.openStream()
        } catch {
            throw Libp2pHostError(.closed, "cannot open a stream to \(connection.remotePeer): \(error)")
        }
        connection.touch()
        let negotiation = try await negotiate(muxed, on: connection) { transport in
            try await MultistreamNegotiator().select(protocols, over: transport)
        }
        let stream = Libp2pStream(
            remotePeer: connection.remotePeer, remoteAddress: connection.remoteAddress, protocolID: negotiation.protocolID,
            muxed: muxed, budget: connection.session.receiveBudget)
        try stream.unread(negotiation.remainder)
        return stream
    }

    /// Takes a stream the peer opened (called by the yamux session on its event loop): negotiates its protocol
    /// and runs the handler, as a child task of ``run()``.
    func acceptStream(_ muxed: YamuxStream, on connection: Libp2pConnection) {
        let limit = config.limits.maxPendingInboundStreams
        guard connection.beginInboundNegotiation(limit: limit) else {
            logger.warning(
                "peer has too many streams negotiating a protocol, resetting a new one",
                metadata: ["peer": "\(connection.remotePeer)", "limit": "\(limit)"])
            return  // releasing the last reference to the stream resets it
        }
        connection.touch()
        let accepted = submit {
            let negotiation: MultistreamNegotiation
            do {
                negotiation = try await self.negotiate(muxed, on: connection) { transport in
                    let offered = self.protocols
                    return try await MultistreamNegotiator().accept(offered, over: transport)
                }
            } catch {
                connection.endInboundNegotiation()
                self.logger.debug("inbound stream negotiation failed", metadata: ["peer": "\(connection.remotePeer)", "error": "\(error)"])
                await muxed.reset()
                return
            }
            connection.endInboundNegotiation()
            guard let handler = self.state.withLock({ $0.handlers[negotiation.protocolID] }) else {
                // Removed between the negotiation and now.
                await muxed.reset()
                return
            }
            let stream = Libp2pStream(
                remotePeer: connection.remotePeer, remoteAddress: connection.remoteAddress, protocolID: negotiation.protocolID,
                muxed: muxed, budget: connection.session.receiveBudget)
            do {
                try stream.unread(negotiation.remainder)
            } catch {
                self.logger.warning("\(error)", metadata: ["peer": "\(connection.remotePeer)"])
                return
            }
            await handler(stream)
        }
        if !accepted {
            // Shutting down; releasing the stream resets it.
            connection.endInboundNegotiation()
        }
    }

    /// Runs a multistream-select negotiation on `muxed`, resetting the stream when it takes longer than the
    /// stream negotiation timeout, and maps failures to ``Libp2pHostError``.
    private func negotiate(
        _ muxed: YamuxStream, on connection: Libp2pConnection,
        _ body: (YamuxStream) async throws -> MultistreamNegotiation
    ) async throws -> MultistreamNegotiation {
        let timeout = config.limits.streamNegotiationTimeout
        let expired = ExpiryFlag()
        let timer = connection.channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            expired.set()
            Task { await muxed.reset() }
        }
        defer { timer.cancel() }
        do {
            return try await body(muxed)
        } catch where expired.isSet {
            throw Libp2pHostError(
                .timeout, "\(connection.remotePeer) did not finish multistream-select on a stream within \(timeout); stream reset")
        } catch let error as MultistreamError {
            await muxed.reset()
            if error.kind == .noCommonProtocol {
                throw Libp2pHostError(.protocolNotSupported, "\(connection.remotePeer) does not speak \(error.message)")
            }
            throw Libp2pHostError(.protocolViolation, "multistream-select with \(connection.remotePeer) failed: \(error.message)")
        } catch {
            await muxed.reset()
            throw Libp2pHostError(.closed, "the stream to \(connection.remotePeer) failed during negotiation: \(error)")
        }
    }
}
