import NIOCore
import NIOHTTP1
import NIOHTTP2

/// One request and its whole response on one HTTP/2 stream (a unary JSON-RPC call).
enum UnaryExchange {
    enum Failure: Error {
        /// The request could not be written: the node never saw it, so it is safe to retry.
        case notSent(any Error)
        /// The stream or connection failed after the request went out.
        case lost(any Error)
    }

    struct StreamEnded: Error, CustomStringConvertible {
        var description: String { "the stream ended before the response was complete" }
    }

    static func run(on stream: ClientConnection.Stream, head: HTTPRequestHead, body: [UInt8]) async throws -> (status: Int, body: [UInt8]) {
        do {
            return try await stream.executeThenClose { inbound, outbound in
                do {
                    try await outbound.write(contentsOf: [
                        .head(head), .body(.byteBuffer(ByteBuffer(bytes: body))), .end(nil),
                    ])
                } catch {
                    // The server may have answered early (413) and reset the stream: use its answer.
                    if let early = try? await readResponse(inbound) { return early }
                    throw Failure.notSent(error)
                }
                do {
                    guard let response = try await readResponse(inbound) else { throw Failure.lost(StreamEnded()) }
                    return response
                } catch let failure as Failure {
                    throw failure
                } catch let closed as NIOHTTP2Errors.StreamClosed where closed.errorCode == .refusedStream {
                    // REFUSED_STREAM: the server did not process the request (RFC 9113 §8.7).
                    throw Failure.notSent(closed)
                } catch {
                    throw Failure.lost(error)
                }
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.lost(error)
        }
    }

    /// Reads a whole response; `nil` if the stream ends before the response's end.
    static func readResponse(_ inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>) async throws -> (status: Int, body: [UInt8])? {
        var status = 0
        var response: [UInt8] = []
        for try await part in inbound {
            switch part {
            case .head(let head):
                status = Int(head.status.code)
            case .body(let buffer):
                response.append(contentsOf: buffer.readableBytesView)
            case .end:
                return (status, response)
            }
        }
        return nil
    }
}
