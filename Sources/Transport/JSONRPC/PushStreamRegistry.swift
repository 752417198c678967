import APICore
import Synchronization

/// Matches byte streams pushed to `/rpc/streams/v0/push/<uuid>` with the calls that read them.
///
/// The call and the push arrive in either order; whichever comes second completes the pairing. A call
/// waits at most ``timeout`` for its bytes (Lotus: 30 s). The push's HTTP answer is held until the call
/// that received the stream has returned (``release(_:)``), so the body is read while it is still flowing.
public final class PushStreamRegistry: ByteStreamResolver {
    public let timeout: Duration
    private let state = Mutex<[String: Entry]>([:])

    private enum Entry {
        case waitingForPush(CheckedContinuation<AsyncThrowingStream<[UInt8], any Error>, any Error>)
        case waitingForCall(AsyncThrowingStream<[UInt8], any Error>, done: CheckedContinuation<Void, Never>)
        case reading(done: CheckedContinuation<Void, Never>)
        /// The call returned before its push arrived (it failed before reading its params): the push, when it
        /// comes, is answered at once. Forgotten after ``timeout``.
        case released
    }

    public init(timeout: Duration = .seconds(30)) {
        self.timeout = timeout
    }

    /// Waits for the bytes of push `id`.
    public func stream(for id: String) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        let timer = Task {
            try await Task.sleep(for: timeout)
            self.expire(id)
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            // One decision under one lock: once the continuation is in the table, `deliver` or `expire` may take it
            // and resume it at any moment, so this side must not look at the entry again.
            let claim = state.withLock { entries -> Claim in
                switch entries[id] {
                case .waitingForCall(let body, let done):
                    entries[id] = .reading(done: done)
                    return .ready(body)
                case .waitingForPush, .reading, .released:
                    return .taken
                case nil:
                    entries[id] = .waitingForPush(continuation)
                    return .waiting
                }
            }
            switch claim {
            case .ready(let body):
                continuation.resume(returning: body)
            case .waiting:
                break
            case .taken:
                continuation.resume(throwing: RPCError(.methodError, "byte stream \(id) is already being read"))
            }
        }
    }

    /// What a call found for its stream id.
    private enum Claim {
        /// The push had arrived: its body.
        case ready(AsyncThrowingStream<[UInt8], any Error>)
        /// The call now waits in the table; the push (``deliver(id:body:)``) or the timer resumes it.
        case waiting
        /// Another call holds this id, or it was released.
        case taken
    }

    private func expire(_ id: String) {
        let waiter = state.withLock { entries -> CheckedContinuation<AsyncThrowingStream<[UInt8], any Error>, any Error>? in
            guard case .waitingForPush(let continuation)? = entries[id] else { return nil }
            entries[id] = nil
            return continuation
        }
        waiter?.resume(throwing: RPCError(.methodError, "no data was pushed for byte stream \(id) within \(timeout)"))
    }

    /// Hands a pushed body to the call that reads it; returns once that call has returned, or after
    /// ``timeout`` when no call claims it (the call failed before reading its params).
    public func deliver(id: String, body: AsyncThrowingStream<[UInt8], any Error>) async {
        let timer = Task {
            try await Task.sleep(for: timeout)
            self.abandon(id)
        }
        defer { timer.cancel() }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let handOff = state.withLock { entries -> HandOff in
                switch entries[id] {
                case .waitingForPush(let call):
                    entries[id] = .reading(done: done)
                    return .toCall(call)
                case .released:
                    entries[id] = nil
                    return .answer
                case .waitingForCall, .reading:
                    // A second push for an id that already has one: answered at once, its bytes unread. The first
                    // push's answer stays where it is.
                    return .answer
                case nil:
                    entries[id] = .waitingForCall(body, done: done)
                    return .wait
                }
            }
            switch handOff {
            case .toCall(let call): call.resume(returning: body)
            case .answer: done.resume()
            case .wait: break
            }
        }
    }

    /// What a push found for its stream id.
    private enum HandOff {
        /// A call waits for these bytes: hand them to it.
        case toCall(CheckedContinuation<AsyncThrowingStream<[UInt8], any Error>, any Error>)
        /// No call will read them: answer the push now.
        case answer
        /// The push now waits in the table for its call (or the timer).
        case wait
    }

    private func abandon(_ id: String) {
        let done = state.withLock { entries -> CheckedContinuation<Void, Never>? in
            guard case .waitingForCall(_, let done)? = entries[id] else { return nil }
            entries[id] = nil
            return done
        }
        done?.resume()
    }

    /// Called when the call that decoded these stream ids has returned: the pushes are answered, now or as soon as
    /// they arrive.
    public func release(_ ids: [String]) {
        var early: [String] = []
        let finished = state.withLock { entries -> [CheckedContinuation<Void, Never>] in
            ids.compactMap { id in
                switch entries[id] {
                case .reading(let done), .waitingForCall(_, let done):
                    entries[id] = nil
                    return done
                case nil:
                    entries[id] = .released
                    early.append(id)
                    return nil
                default:
                    return nil
                }
            }
        }
        for done in finished { done.resume() }
        guard !early.isEmpty else { return }
        Task {
            try? await Task.sleep(for: timeout)
            self.state.withLock { entries in
                for id in early { if case .released? = entries[id] { entries[id] = nil } }
            }
        }
    }
}
