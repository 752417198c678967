import NIOCore
import TestScheduling
import Testing
import Yamux

/// A peer may fill the 256 KiB initial window of every stream it opens at once; the receive budget
/// keeps what this side holds unread bounded anyway.
@Suite("Yamux receive budget", .timeLimit(TestTime.limit(minutes: 1)))
struct YamuxReceiveBudgetTests {
    static let window = Int(YamuxConfiguration.specInitialWindow)

    /// A server that holds 1 MiB unread at most and never grows windows beyond 256 KiB.
    static let oneMiB = quietConfiguration {
        $0.maxStreamWindow = YamuxConfiguration.specInitialWindow
        $0.maxBufferedReceiveBytes = 4 * window
    }

    /// Opens `count` streams one after the other and writes one full window on each.
    static func fillWindows(_ session: YamuxSession, streams count: Int) async throws -> [YamuxStream] {
        var streams: [YamuxStream] = []
        for index in 0..<count {
            let stream = try await session.openStream()
            try await stream.write(Pattern.bytes(seed: index, offset: 0, count: window))
            streams.append(stream)
        }
        return streams
    }

    @Test("streams whose unread data would go over the session's budget are reset; the rest stay queued")
    func sessionBudget() async throws {
        let inbox = Inbox()
        try await withSessionPair(server: Self.oneMiB, serverInbound: inbox.handler) { pair in
            let sent = try await Self.fillWindows(pair.client, streams: 6)
            var inbound: [YamuxStream] = []
            for _ in 0..<6 { inbound.append(try await inbox.next()) }
            let received = inbound
            try await eventually("four windows are queued") {
                try await pair.server.statistics().bufferedReceiveBytes == 4 * Self.window
            }
            // The fifth and sixth streams were reset: the peer sees RST, our reader the reason.
            for stream in sent[4...] {
                let error = await #expect(throws: YamuxError.self) { try await within { try await stream.read() } }
                #expect(error?.kind == .streamReset && error?.remote == true, "\(String(describing: error))")
            }
            for stream in received[4...] {
                let error = await #expect(throws: YamuxError.self) { try await stream.read() }
                #expect(error?.message.contains("receive budget over its 1048576 bytes") == true, "\(String(describing: error))")
            }
            #expect(try await pair.server.statistics().bufferedReceiveBytes == 4 * Self.window, "nothing of the reset streams is kept")
            // The four queued streams are intact, and reading one makes room for another stream.
            try await sent[0].closeWrite()
            let first = try await within { try await received[0].drainPattern(seed: 0) }
            #expect(first.count == Self.window && first.intact)
            #expect(try await pair.server.statistics().bufferedReceiveBytes == 3 * Self.window)
            let seventh = try await Self.fillWindows(pair.client, streams: 1)[0]
            let queued = try await inbox.next()
            try await eventually("the new stream's window is queued") {
                try await pair.server.statistics().bufferedReceiveBytes == 4 * Self.window
            }
            try await seventh.closeWrite()
            let drained = try await within { try await queued.drainPattern(seed: 0) }
            #expect(drained.count == Self.window && drained.intact, "the stream opened after the drain was not reset")
        }
    }

    @Test("a budget shared by two sessions bounds both together, and every byte is given back when they end")
    func sharedBudget() async throws {
        let shared = YamuxReceiveBudget(limit: 3 * Self.window)
        let inboxA = Inbox()
        let inboxB = Inbox()
        try await withSessionPair(server: Self.oneMiB, serverBudget: shared, serverInbound: inboxA.handler) { a in
            try await withSessionPair(server: Self.oneMiB, serverBudget: shared, serverInbound: inboxB.handler) { b in
                let fromA = try await Self.fillWindows(a.client, streams: 2)
                try await eventually("A's two windows are queued") { shared.usedBytes == 2 * Self.window }
                let fromB = try await Self.fillWindows(b.client, streams: 2)
                let heldA = [try await inboxA.next(), try await inboxA.next()]
                let heldB = [try await inboxB.next(), try await inboxB.next()]
                try await eventually("B's first window fits, its second is reset") {
                    try await b.server.statistics().bufferedReceiveBytes == Self.window
                }
                // The peer sees the RST first; only then is the reason read here (a read waiting earlier would
                // take data straight off the wire, uncharged, as any reader that keeps up does).
                await #expect(throws: YamuxError.self) { try await within { try await fromB[1].read() } }
                let error = await #expect(throws: YamuxError.self) { try await heldB[1].read() }
                #expect(error?.message.contains("the host-wide receive budget") == true, "\(String(describing: error))")
                #expect(shared.usedBytes == 3 * Self.window)
                #expect(try await a.server.statistics().bufferedReceiveBytes == 2 * Self.window)
                // The peers finish their streams; nobody reads them; the sessions end.
                for stream in fromA + fromB.prefix(1) { try await stream.closeWrite() }
                _ = (heldA, heldB)
            }
        }
        try await eventually("the shared budget is empty once the sessions and their streams are gone") { shared.usedBytes == 0 }
    }

    @Test("a per-session budget below the largest window is a configuration error naming the field")
    func budgetBelowWindow() {
        let configuration = YamuxConfiguration(maxStreamWindow: 16 << 20, maxBufferedReceiveBytes: 8 << 20)
        #expect(throws: YamuxError.self) { try configuration.validate() }
        do {
            try configuration.validate()
        } catch {
            #expect(error.kind == .invalidConfiguration)
            #expect(error.message.contains("maxBufferedReceiveBytes must be at least maxStreamWindow"), "\(error)")
        }
    }
}
