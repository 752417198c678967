import Synchronization

/// A single-producer, single-consumer queue that holds at most `capacity` elements: the producer
/// suspends while it is full. It carries request and response bodies between a NIO channel and the
/// code consuming them, so a multi-GiB body never sits in memory whole.
///
/// Either side may leave early: ``finish(throwing:)`` ends the stream for the consumer (after the
/// buffered elements), ``abandon()`` tells the producer nobody reads any more (`push` returns `false`).
/// Task cancellation wakes a suspended side as if the other side had left.
final class AsyncBoundedQueue<Element: Sendable>: Sendable {
    private struct State {
        var buffer: [Element] = []
        var head = 0
        var ended = false
        var failure: (any Error)?
        var abandoned = false
        var consumer: CheckedContinuation<Element?, any Error>?
        var producer: CheckedContinuation<Bool, Never>?

        var count: Int { buffer.count - head }

        mutating func popFirst() -> Element? {
            guard head < buffer.count else { return nil }
            let element = buffer[head]
            head += 1
            if head == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                head = 0
            }
            return element
        }
    }

    private enum PushStep { case done(Bool), wait }
    private enum PopStep { case element(Element), end, fail(any Error), wait }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Appends `element`, suspending while the queue is full.
    /// - Returns: `false` when the consumer has gone (the element is dropped) or the producer was cancelled.
    func push(_ element: Element) async -> Bool {
        let step: PushStep = state.withLock { state in
            if state.abandoned || state.ended { return .done(false) }
            if let consumer = state.consumer {
                state.consumer = nil
                consumer.resume(returning: element)
                return .done(true)
            }
            state.buffer.append(element)
            return state.count >= capacity ? .wait : .done(true)
        }
        guard case .wait = step else {
            if case .done(let accepted) = step { return accepted }
            return false
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let resumeNow: Bool? = state.withLock { state in
                    if state.abandoned { return false }
                    if state.count < capacity { return true }
                    if Task.isCancelled { return false }
                    state.producer = continuation
                    return nil
                }
                if let resumeNow { continuation.resume(returning: resumeNow) }
            }
        } onCancel: {
            let waiting = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                defer { state.producer = nil }
                return state.producer
            }
            waiting?.resume(returning: false)
        }
    }

    /// Ends the stream: the consumer gets the buffered elements, then `nil` (or `error`).
    func finish(throwing error: (any Error)? = nil) {
        let waiting = state.withLock { state -> CheckedContinuation<Element?, any Error>? in
            guard !state.ended else { return nil }
            state.ended = true
            state.failure = error
            defer { state.consumer = nil }
            return state.consumer
        }
        guard let waiting else { return }
        if let error { waiting.resume(throwing: error) } else { waiting.resume(returning: nil) }
    }

    /// The consumer leaves: buffered elements are dropped and a waiting producer is told to stop.
    func abandon() {
        let waiting = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            state.abandoned = true
            state.buffer.removeAll()
            state.head = 0
            defer { state.producer = nil }
            return state.producer
        }
        waiting?.resume(returning: false)
    }

    /// The next element, or `nil` once the producer finished and the buffer is empty.
    func next() async throws -> Element? {
        let (step, wake): (PopStep, CheckedContinuation<Bool, Never>?) = state.withLock { state in
            if let element = state.popFirst() {
                var wake: CheckedContinuation<Bool, Never>?
                if state.count < capacity, let producer = state.producer {
                    state.producer = nil
                    wake = producer
                }
                return (.element(element), wake)
            }
            if state.ended {
                if let failure = state.failure {
                    state.failure = nil
                    return (.fail(failure), nil)
                }
                return (.end, nil)
            }
            return (.wait, nil)
        }
        wake?.resume(returning: true)
        switch step {
        case .element(let element): return element
        case .end: return nil
        case .fail(let error): throw error
        case .wait: break
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Element?, any Error>) in
                let (immediate, wake): (PopStep?, CheckedContinuation<Bool, Never>?) = state.withLock { state in
                    if let element = state.popFirst() {
                        let wake = state.producer
                        state.producer = nil
                        return (.element(element), wake)
                    }
                    if state.ended {
                        if let failure = state.failure {
                            state.failure = nil
                            return (.fail(failure), nil)
                        }
                        return (.end, nil)
                    }
                    if Task.isCancelled { return (.fail(CancellationError()), nil) }
                    state.consumer = continuation
                    let wake = state.producer
                    state.producer = nil
                    return (nil, wake)
                }
                wake?.resume(returning: true)
                switch immediate {
                case .element(let element): continuation.resume(returning: element)
                case .end: continuation.resume(returning: nil)
                case .fail(let error): continuation.resume(throwing: error)
                case .wait, nil: break
                }
            }
        } onCancel: {
            let waiting = state.withLock { state -> CheckedContinuation<Element?, any Error>? in
                defer { state.consumer = nil }
                return state.consumer
            }
            waiting?.resume(throwing: CancellationError())
        }
    }

    /// The consuming side as an object that abandons the queue when released, so a producer is not
    /// left waiting for a reader that dropped its stream.
    final class Consumer: Sendable {
        let queue: AsyncBoundedQueue

        init(_ queue: AsyncBoundedQueue) { self.queue = queue }

        deinit { queue.abandon() }

        func next() async throws -> Element? { try await queue.next() }
    }
}
