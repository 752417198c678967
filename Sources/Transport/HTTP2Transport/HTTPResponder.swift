import NIOCore
import NIOHTTP1

/// Writes one response on an HTTP/1.1 connection or an HTTP/2 stream (both carry HTTP/1-style parts;
/// on HTTP/2 a codec turns them into frames). Connection-specific headers are added on HTTP/1.1 only.
struct HTTPResponder: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    /// The HTTP/2 stream channel, or the HTTP/1.1 connection.
    let channel: any Channel
    let isHTTP2: Bool
    /// The request's HTTP version (the response echoes it on HTTP/1.x).
    let requestVersion: HTTPVersion

    /// Writes the status line and headers. `closeAfter` adds `Connection: close` on HTTP/1.1.
    func head(status: Int, headers: [(name: String, value: String)], closeAfter: Bool) async throws {
        var fields = HTTPHeaders()
        for (name, value) in headers { fields.add(name: name, value: value) }
        if !isHTTP2 && closeAfter { fields.replaceOrAdd(name: "connection", value: "close") }
        let version = isHTTP2 ? HTTPVersion.http2 : requestVersion
        try await outbound.write(.head(HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status), headers: fields)))
    }

    /// Writes one body chunk (flushed at once).
    func body(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
    }

    func end() async throws {
        try await outbound.write(.end(nil))
    }

    /// A complete response with a body held in memory.
    func respond(status: Int, contentType: String?, body: [UInt8], closeAfter: Bool) async throws {
        var fields = HTTPHeaders()
        fields.add(name: "content-length", value: String(body.count))
        if let contentType { fields.add(name: "content-type", value: contentType) }
        if !isHTTP2 && closeAfter { fields.add(name: "connection", value: "close") }
        let version = isHTTP2 ? HTTPVersion.http2 : requestVersion
        let head = HTTPServerResponsePart.head(
            HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status), headers: fields))
        if body.isEmpty {
            try await outbound.write(contentsOf: [head, .end(nil)])
        } else {
            try await outbound.write(contentsOf: [head, .body(.byteBuffer(ByteBuffer(bytes: body))), .end(nil)])
        }
    }

    /// Writes every chunk of `chunks` as it arrives, then ends the response. Stops early (and returns
    /// `false`) when the peer goes away — closing or resetting — which ends the iteration and so
    /// cancels whatever produces the chunks.
    func stream<S: AsyncSequence & Sendable>(_ chunks: S) async -> Bool where S.Element == [UInt8] {
        let outbound = self.outbound
        let channel = self.channel
        let writer = Task {
            do {
                try await WritePacer.send(chunks, on: outbound, channel: channel)
                try await outbound.write(.end(nil))
                return true
            } catch {
                return false
            }
        }
        channel.closeFuture.whenComplete { _ in writer.cancel() }
        return await withTaskCancellationHandler {
            await writer.value
        } onCancel: {
            writer.cancel()
        }
    }
}
