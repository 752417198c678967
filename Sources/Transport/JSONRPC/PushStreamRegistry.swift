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
            let ready = state.withLock { entries -> AsyncThrowingStream<[UInt8], any Error>? in
                switch entries[id] {
                case .waitingForCall(let body, let done):
                    entries[id] = .reading(done: done)
                    return body
                case .waitingForPush, .reading, .released:
                    return nil
                case nil:
                    entries[id] = .waitingForPush(continuation)
                    return nil
                }
            }
            if let ready {
                continuation.resume(returning: ready)
            } else if case .waitingForPush? = state.withLock({ $0[id] }) {
                return
            } else {
                continuation.resume(throwing: RPCError(.methodError, "byte stream \(id) is already being read"))
            }
        }
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
            let waiter = state.withLock { entries -> CheckedContinuation<AsyncThrowingStream<[UInt8], any Error>, any Error>? in
                if case .waitingForPush(let continuation)? = entries[id] {
                    entries[id] = .reading(done: done)
                    return continuation
                }
                if case .released? = entries[id] {
                    entries[id] = nil
                    done.resume()
                    return nil
                }
                entries[id] = .waitingForCall(body, done: done)
                return nil
            }
            waiter?.resume(returning: body)
        }
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
