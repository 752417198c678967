import Logging
import NIOCore
import NIOHTTP1
import NIOHTTP2

/// Runs accepted connections once their protocol is known: a loop of requests on HTTP/1.1, one task
/// per stream on HTTP/2. Errors end only the connection (or stream) they happen on.
struct HTTPConnectionHandler: Sendable {
    typealias HTTPChannel = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    let processor: RequestProcessor
    let logger: Logger

    /// How long a closing HTTP/1.1 connection keeps reading (and dropping) an unwanted request body
    /// after its response, so the client sees the response rather than a reset.
    static let lingerTime: Duration = .seconds(2)
    /// How long a closing HTTP/1.1 connection waits for the reader to take the rest of its last response.
    static let drainTime: Duration = .seconds(30)

    /// Serves requests one after another until the client closes, asks to close, or a body is left unread.
    func serveHTTP1(_ connection: HTTPChannel, registry: ConnectionRegistry) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                let parts = InboundParts()
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await parts.pump(inbound) }
                    do {
                        while let head = try await parts.nextHead() {
                            let responder = HTTPResponder(
                                outbound: outbound, channel: connection.channel, isHTTP2: false, requestVersion: head.version)
                            registry.track(connection.channel, 1)
                            defer { registry.track(connection.channel, -1) }
                            let disposition = try await process(head, parts: parts, responder: responder, on: connection.channel)
                            if case .close = disposition {
                                outbound.finish()
                                if !parts.bodyComplete { await linger(parts) }
                                await OutputDrainHandler.waitForDrain(of: connection.channel, atMost: Self.drainTime)
                                break
                            }
                        }
                    } catch {
                        logger.debug("HTTP/1.1 connection ended", metadata: ["error": "\(error)"])
                    }
                    parts.abandon()
                    group.cancelAll()
                }
            }
        } catch {
            logger.debug("HTTP/1.1 connection failed", metadata: ["error": "\(error)"])
        }
    }

    /// Processes one request; if the client resets the stream or drops the connection first, the handler is
    /// cancelled (so a `StateWaitMsg` or `ChainNotify` ends with its client) and the connection is closed.
    private func process(
        _ head: HTTPRequestHead, parts: InboundParts, responder: HTTPResponder, on channel: any Channel
    ) async throws -> RequestProcessor.Disposition {
        let processor = self.processor
        let outcome = await ChannelClosure.cancelling(on: channel) { () async -> Result<RequestProcessor.Disposition, any Error> in
            do { return .success(try await processor.process(head, parts: parts, responder: responder)) } catch { return .failure(error) }
        }
        guard let outcome else { return .close }
        return try outcome.get()
    }

    /// Reads and drops input for a short while so a response sent before the body's end is not lost
    /// to a TCP reset.
    private func linger(_ parts: InboundParts) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { _ = await parts.discardBody(limit: .max) }
            group.addTask { try? await Task.sleep(for: Self.lingerTime) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Serves each stream of an HTTP/2 connection in its own task until the connection ends.
    func serveHTTP2(
        _ multiplexer: NIOHTTP2Handler.AsyncStreamMultiplexer<HTTPChannel>, connection: any Channel, registry: ConnectionRegistry
    ) async {
        do {
            try await withThrowingDiscardingTaskGroup { group in
                for try await stream in multiplexer.inbound {
                    registry.track(connection, 1)
                    group.addTask {
                        await serveStream(stream)
                        registry.track(connection, -1)
                    }
                }
            }
        } catch {
            logger.debug("HTTP/2 connection ended", metadata: ["error": "\(error)"])
        }
    }

    /// One request on one HTTP/2 stream.
    private func serveStream(_ stream: HTTPChannel) async {
        do {
            try await stream.executeThenClose { inbound, outbound in
                let parts = InboundParts()
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await parts.pump(inbound) }
                    do {
                        if let head = try await parts.nextHead() {
                            let responder = HTTPResponder(
                                outbound: outbound, channel: stream.channel, isHTTP2: true, requestVersion: head.version)
                            let disposition = try await process(head, parts: parts, responder: responder, on: stream.channel)
                            if case .keepAlive = disposition {
                                // Both sides have ended: the stream closes itself once our last frames
                                // leave (they may wait for flow-control window); closing it earlier
                                // would reset it and drop them. (An early answer was already followed
                                // by RST_STREAM(NO_ERROR); see EarlyResponseResetHandler.)
                                try? await stream.channel.closeFuture.get()
                            }
                        }
                    } catch {
                        logger.debug("HTTP/2 stream ended", metadata: ["error": "\(error)"])
                    }
                    parts.abandon()
                    group.cancelAll()
                }
            }
        } catch {
            logger.debug("HTTP/2 stream failed", metadata: ["error": "\(error)"])
        }
    }
}
