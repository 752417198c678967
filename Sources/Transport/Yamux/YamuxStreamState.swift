import NIOCore

/// Everything the session knows about one stream. Lives on the channel's event loop and is only
/// touched there (the ``YamuxStream`` handle reaches it through `NIOLoopBound`). It outlives its
/// entry in the session's stream table so a reader can drain data that arrived before the stream
/// closed.
final class YamuxStreamState {
    /// A write waiting for window or for the connection to become writable; a FIN is queued the
    /// same way so it goes out after the data written before it.
    struct PendingWrite {
        var buffer: ByteBuffer
        var fin: Bool
        let waiter: YamuxWaiter
        let continuation: CheckedContinuation<Void, any Error>
        /// Whether some bytes of `buffer` were already sent (cancelling then resets the stream).
        var started = false
    }

    struct PendingRead {
        let waiter: YamuxWaiter
        let continuation: CheckedContinuation<ByteBuffer?, any Error>
    }

    let id: UInt32
    /// Opened by the peer.
    let isInbound: Bool
    /// The application's handle, told when the stream is finished so its `deinit` need not hop.
    weak var handle: YamuxStream?

    // MARK: Lifecycle
    /// Outbound: the peer's ACK arrived. Inbound: our ACK went out.
    var acknowledged = false
    /// We sent FIN (or queued it behind pending writes): no more writes accepted.
    var localWriteClosed = false
    /// The FIN frame itself is on the wire.
    var finSent = false
    /// The peer sent FIN: after the buffered bytes, reads return `nil`.
    var remoteWriteClosed = false
    /// The application closed its read side: data is discarded (and credited back).
    var localReadClosed = false
    /// Set once the stream is reset (either side) or the session ended under it.
    var failure: YamuxError?
    /// Whether the stream still has an entry in the session's table.
    var registered = true

    // MARK: Receive side
    /// Received bytes the application has not read yet, in order.
    var receiveQueue = CircularBuffer<ByteBuffer>(initialCapacity: 4)
    /// The last queued buffer is one we allocated (not a slice of the peer's buffer) and small
    /// pieces may be appended to it.
    var tailIsOwned = false
    /// Total bytes in ``receiveQueue``, all of them charged to ``budget``.
    var bufferedBytes = 0
    /// The session's receive budget; queued bytes are charged to it until read, dropped or freed.
    let budget: YamuxReceiveBudget
    /// How many more bytes the peer may send before our next window update.
    var receiveWindow: UInt32
    /// The window we aim to keep granted (grows by auto-tuning).
    var targetWindow: UInt32
    /// When the last window update went out (auto-tuning doubles the window when updates come
    /// faster than four round trips).
    var windowEpoch: NIODeadline
    var readers = CircularBuffer<PendingRead>(initialCapacity: 1)

    // MARK: Send side
    /// How many more bytes we may send.
    var sendWindow: UInt32
    var pendingWrites = CircularBuffer<PendingWrite>(initialCapacity: 1)
    /// Queued in the session's list of streams waiting for the connection to become writable.
    var waitingForWritability = false

    init(id: UInt32, isInbound: Bool, targetWindow: UInt32, budget: YamuxReceiveBudget, now: NIODeadline) {
        self.id = id
        self.isInbound = isInbound
        self.budget = budget
        self.receiveWindow = YamuxConfiguration.specInitialWindow
        self.sendWindow = YamuxConfiguration.specInitialWindow
        self.targetWindow = targetWindow
        self.windowEpoch = now
    }

    /// A stream state can be freed with bytes still queued (its handle released after the stream
    /// ended); their charge goes back to the budget then.
    deinit {
        budget.release(bufferedBytes)
    }

    /// Both directions are done: FIN each way, or a reset.
    var isFullyClosed: Bool {
        failure != nil || (finSent && remoteWriteClosed)
    }

    /// Queues bytes received for this stream, charging them to ``budget``. A slice that uses at
    /// least a quarter of the storage it points into is kept as is (no copy); smaller pieces are
    /// copied into a buffer we own, so a peer sending tiny frames cannot make us retain whole
    /// receive buffers.
    /// - Returns: `nil` when queued; the budget that was full when nothing was queued.
    func enqueue(_ slice: ByteBuffer, allocator: ByteBufferAllocator) -> YamuxReceiveBudget? {
        let count = slice.readableBytes
        if let full = budget.charge(count) { return full }
        bufferedBytes += count
        if count * 4 >= slice.storageCapacity {
            receiveQueue.append(slice)
            tailIsOwned = false
            return nil
        }
        if tailIsOwned, let last = receiveQueue.indices.last {
            receiveQueue[last].writeImmutableBuffer(slice)
            return nil
        }
        var owned = allocator.buffer(capacity: max(count, 4096))
        owned.writeImmutableBuffer(slice)
        receiveQueue.append(owned)
        tailIsOwned = true
        return nil
    }

    /// Takes the oldest queued buffer.
    func dequeue() -> ByteBuffer? {
        guard let first = receiveQueue.popFirst() else { return nil }
        if receiveQueue.isEmpty { tailIsOwned = false }
        bufferedBytes -= first.readableBytes
        budget.release(first.readableBytes)
        return first
    }

    /// Drops everything queued and gives its charge back.
    func discardQueued() {
        budget.release(bufferedBytes)
        receiveQueue.removeAll(keepingCapacity: false)
        tailIsOwned = false
        bufferedBytes = 0
    }
}
