import NIOCore
import NIOHTTP1
import Synchronization

/// The request parts of one HTTP/1.1 connection or one HTTP/2 stream, moved off the NIO channel by a
/// pump task into a small bounded queue, so request heads and body chunks can be read from any task
/// (the channel's own iterator may not leave the task that made it) while memory stays bounded.
final class InboundParts: Sendable {
    private let queue: AsyncBoundedQueue<HTTPServerRequestPart>
    private let inBody = Mutex(false)

    init(capacity: Int = 8) {
        queue = AsyncBoundedQueue(capacity: capacity)
    }

    /// Moves every part from `inbound` into the queue until the channel ends or the reader leaves.
    func pump(_ inbound: NIOAsyncChannelInboundStream<HTTPServerRequestPart>) async {
        do {
            for try await part in inbound {
                guard await queue.push(part) else { break }
            }
            queue.finish()
        } catch {
            queue.finish(throwing: error)
        }
    }

    /// The reader is done: a waiting pump stops.
    func abandon() { queue.abandon() }

    /// Whether the current request's body has been read to its end.
    var bodyComplete: Bool { !inBody.withLock { $0 } }

    /// The next request head, skipping what is left of the previous body; `nil` at end of input.
    func nextHead() async throws -> HTTPRequestHead? {
        while let part = try await queue.next() {
            switch part {
            case .head(let head):
                inBody.withLock { $0 = true }
                return head
            case .body:
                continue
            case .end:
                inBody.withLock { $0 = false }
            }
        }
        return nil
    }

    /// The next chunk of the current body, `nil` after its end.
    /// - Throws: ``HTTPStreamRequest/Aborted`` when the input ends mid-body.
    func nextBodyChunk() async throws -> ByteBuffer? {
        guard inBody.withLock({ $0 }) else { return nil }
        while true {
            let part: HTTPServerRequestPart?
            do {
                part = try await queue.next()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw HTTPStreamRequest.Aborted()
            }
            switch part {
            case .body(let buffer):
                if buffer.readableBytes > 0 { return buffer }
            case .end:
                inBody.withLock { $0 = false }
                return nil
            case .head, nil:
                throw HTTPStreamRequest.Aborted()
            }
        }
    }

    /// The outcome of reading a whole body under a size limit.
    enum BodyResult {
        case complete([UInt8])
        /// More than the limit arrived; `received` bytes were read (the rest is unread).
        case tooLarge(received: Int)
    }

    /// Reads the whole body, giving up as soon as it exceeds `limit` bytes.
    func readBody(limit: Int, expected: Int?) async throws -> BodyResult {
        var body: [UInt8] = []
        body.reserveCapacity(min(expected ?? 1024, limit))
        while let chunk = try await nextBodyChunk() {
            guard body.count + chunk.readableBytes <= limit else {
                return .tooLarge(received: body.count + chunk.readableBytes)
            }
            body.append(contentsOf: chunk.readableBytesView)
        }
        return .complete(body)
    }

    /// Reads and drops the rest of the body, up to `limit` bytes.
    /// - Returns: whether the body ended within the limit.
    func discardBody(limit: Int) async -> Bool {
        var discarded = 0
        do {
            while let chunk = try await nextBodyChunk() {
                discarded += chunk.readableBytes
                if discarded > limit { return false }
            }
            return true
        } catch {
            return false
        }
    }

    /// The rest of the body as a lazily pulled stream of byte arrays.
    var bodyStream: AsyncThrowingStream<[UInt8], any Error> {
        AsyncThrowingStream(unfolding: {
            guard let chunk = try await self.nextBodyChunk() else { return nil }
            return Array(chunk.readableBytesView)
        })
    }
}
