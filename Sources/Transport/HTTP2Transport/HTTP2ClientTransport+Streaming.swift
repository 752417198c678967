import APICore
import NIOCore
import NIOHTTP1

extension HTTP2ClientTransport {
    /// Sends a channel-method request on a new stream and yields each newline-delimited JSON-RPC
    /// message of the reply as it arrives (without the newline). Ending the consumer (or cancelling
    /// its task) resets the stream, which cancels the channel on the server. The stream holds one of
    /// the ``maxConcurrentStreams`` slots while open.
    public func openStream(_ body: [UInt8]) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        let stream = try await openSlottedStream()
        let head = requestHead(length: body.count)
        let (messages, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let task = Task {
            defer { self.slots.release() }
            do {
                try await stream.executeThenClose { inbound, outbound in
                    try await outbound.write(contentsOf: [.head(head), .body(.byteBuffer(ByteBuffer(bytes: body))), .end(nil)])
                    var pending: [UInt8] = []
                    for try await part in inbound {
                        switch part {
                        case .head(let response):
                            if response.status.code == 401 { throw self.unauthorized() }
                        case .body(let buffer):
                            pending.append(contentsOf: buffer.readableBytesView)
                            var start = 0
                            while let newline = pending[start...].firstIndex(of: 0x0A) {
                                if newline > start { continuation.yield(Array(pending[start..<newline])) }
                                start = newline + 1
                            }
                            pending.removeFirst(start)
                        case .end:
                            if !pending.isEmpty { continuation.yield(pending) }
                            continuation.finish()
                            return
                        }
                    }
                    if Task.isCancelled { throw CancellationError() }
                    throw UnaryExchange.StreamEnded()
                }
            } catch is CancellationError {
                continuation.finish()
            } catch {
                continuation.finish(throwing: self.lostConnection(error))
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return messages
    }

    /// The error for an HTTP 401, worded as ``JSONRPC/RPCClient`` words it for unary calls.
    func unauthorized() -> RPCError {
        RPCError(
            .unauthorized,
            "\(endpointDescription) rejected the API token (HTTP 401): it was not signed by that node; "
                + "get a new one there with `lotus-miner auth api-info --perm=admin`")
    }

    /// A raw HTTP request on a new stream, streaming both ways: `body` is sent chunk by chunk as the
    /// server's flow control allows, and the response body is read from the connection only as fast as
    /// the caller consumes it. Used for push streams and sector reads next to JSON-RPC; carries this
    /// transport's token. Returns once the response head arrives.
    ///
    /// Read the response body to its end (or cancel the reading task, or drop the stream): until then the
    /// request holds one of the ``maxConcurrentStreams`` slots.
    public func request(
        method: String = "POST", path: String, headers: [(name: String, value: String)] = [],
        body: AsyncThrowingStream<[UInt8], any Error>? = nil
    ) async throws -> HTTPStreamResponse {
        let stream = try await openSlottedStream()
        var extra = headers
        if !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
            extra.append((name: "content-type", value: "application/octet-stream"))
        }
        let head = requestHead(method: HTTPMethod(rawValue: method.uppercased()), path: path, length: nil, extra: extra)
        let events = AsyncBoundedQueue<ResponseEvent>(capacity: 8)
        let task = Task {
            defer { self.slots.release() }
            do {
                try await stream.executeThenClose { inbound, outbound in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            do {
                                try await outbound.write(.head(head))
                                if let body { try await WritePacer.send(body, on: outbound, channel: stream.channel) }
                                try await outbound.write(.end(nil))
                            } catch {
                                // A server that answered early stops reading: its answer still counts.
                            }
                        }
                        for try await part in inbound {
                            switch part {
                            case .head(let response):
                                let fields = response.headers.map { (name: $0.name, value: $0.value) }
                                guard await events.push(.head(Int(response.status.code), fields)) else {
                                    group.cancelAll()
                                    return
                                }
                            case .body(let buffer):
                                guard await events.push(.chunk(Array(buffer.readableBytesView))) else {
                                    group.cancelAll()
                                    return
                                }
                            case .end:
                                events.finish()
                                group.cancelAll()
                                return
                            }
                        }
                        throw UnaryExchange.StreamEnded()
                    }
                }
            } catch {
                events.finish(throwing: self.lostConnection(error))
            }
        }
        return try await withTaskCancellationHandler {
            guard case .head(let status, let fields)? = try await events.next() else {
                throw lostConnection(UnaryExchange.StreamEnded())
            }
            // Dropping the body stream unblocks the reader task, which then resets the stream.
            return HTTPStreamResponse(status: status, headers: fields, body: ResponseEvent.body(after: events))
        } onCancel: {
            task.cancel()
        }
    }

    enum ResponseEvent: Sendable {
        case head(Int, [(name: String, value: String)])
        case chunk([UInt8])

        /// The body's chunks from `events` (whose head was taken); dropping the stream abandons the queue, which
        /// stops its producer.
        static func body(after events: AsyncBoundedQueue<ResponseEvent>) -> AsyncThrowingStream<[UInt8], any Error> {
            let consumer = AsyncBoundedQueue<ResponseEvent>.Consumer(events)
            return AsyncThrowingStream(unfolding: {
                while let event = try await consumer.next() {
                    if case .chunk(let bytes) = event { return bytes }
                }
                return nil
            })
        }
    }

    /// Takes one of the ``maxConcurrentStreams`` slots and opens a stream in it; the caller releases the
    /// slot when the stream is done. If no stream can be opened, the slot is released here.
    private func openSlottedStream() async throws -> ClientConnection.Stream {
        try await slots.acquire()
        do {
            return try await openRequestStream(retry: true).1
        } catch {
            slots.release()
            throw error
        }
    }
}
