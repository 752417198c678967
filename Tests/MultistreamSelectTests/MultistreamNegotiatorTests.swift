import NIOCore
import Testing

@testable import MultistreamSelect

/// The async form over an in-memory duplex stream, the shape a yamux stream will have.
@Suite("multistream-select over an async byte stream")
struct MultistreamNegotiatorTests {
    @Test("select and accept meet in the middle; the responder's pipelined bytes come back as the remainder")
    func selectAndAccept() async throws {
        let (a, b) = PipeTransport.pair()
        let negotiator = MultistreamNegotiator()
        async let dialed = negotiator.select(["/ipfs/kad/1.0.0", "/ipfs/id/1.0.0"], over: a)
        let accepted = try await negotiator.accept(["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"], over: b)
        // The responder starts talking the protocol at once, pipelined behind its echo.
        try await b.write(ByteBuffer(string: "identify payload"))
        let result = try await dialed
        #expect(accepted.protocolID == "/ipfs/id/1.0.0")
        #expect(result.protocolID == "/ipfs/id/1.0.0")
        var data = result.remainder
        while data.readableBytes < 16, let more = try await a.read() { data.writeImmutableBuffer(more) }
        #expect(data.readString(length: data.readableBytes) == "identify payload")
    }

    @Test("listProtocols asks ls and gets the responder's list")
    func list() async throws {
        let (a, b) = PipeTransport.pair()
        let negotiator = MultistreamNegotiator()
        let responder = Task { try await negotiator.accept(["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"], over: b) }
        #expect(try await negotiator.listProtocols(over: a) == ["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"])
        await a.finish()
        await #expect(throws: MultistreamError.self) { try await responder.value }
    }

    @Test("a stream that ends mid-negotiation is connectionClosed")
    func streamEnds() async throws {
        let (a, b) = PipeTransport.pair()
        await b.finish()
        do {
            _ = try await MultistreamNegotiator().select(["/a"], over: a)
            Issue.record("expected an error")
        } catch let error as MultistreamError {
            #expect(error.kind == .connectionClosed)
        }
    }
}

/// One end of an in-memory duplex byte stream.
final class PipeTransport: MultistreamTransport {
    private let inbox: Inbox
    private let peerInbox: Inbox

    private init(inbox: Inbox, peerInbox: Inbox) {
        self.inbox = inbox
        self.peerInbox = peerInbox
    }

    /// Two connected ends.
    static func pair() -> (PipeTransport, PipeTransport) {
        let ab = Inbox(), ba = Inbox()
        return (PipeTransport(inbox: ba, peerInbox: ab), PipeTransport(inbox: ab, peerInbox: ba))
    }

    func read() async throws -> ByteBuffer? {
        await inbox.receive()
    }

    func write(_ buffer: ByteBuffer) async throws {
        await peerInbox.deliver(buffer)
    }

    /// Ends our sending direction: the peer's reads return nil once it has read everything.
    func finish() async {
        await peerInbox.finish()
    }

    /// Chunks in flight to one end, and at most one reader waiting for them.
    actor Inbox {
        private var chunks: [ByteBuffer] = []
        private var finished = false
        private var waiter: CheckedContinuation<ByteBuffer?, Never>?

        func deliver(_ chunk: ByteBuffer) {
            if let waiter {
                self.waiter = nil
                waiter.resume(returning: chunk)
            } else {
                chunks.append(chunk)
            }
        }

        func finish() {
            finished = true
            if let waiter {
                self.waiter = nil
                waiter.resume(returning: nil)
            }
        }

        func receive() async -> ByteBuffer? {
            if !chunks.isEmpty { return chunks.removeFirst() }
            if finished { return nil }
            return await withCheckedContinuation { waiter = $0 }
        }
    }
}
