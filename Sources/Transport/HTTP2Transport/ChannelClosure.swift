import NIOCore

/// Waits for a channel to close, in a way a task group can cancel (`closeFuture.get()` cannot be cancelled).
enum ChannelClosure {
    /// Returns when `channel` closes (a client's reset or disconnect), or when the calling task is cancelled.
    static func wait(for channel: any Channel) async {
        let (closed, continuation) = AsyncStream<Void>.makeStream()
        channel.closeFuture.whenComplete { _ in continuation.finish() }
        for await _ in closed {}
    }

    /// Runs `work`, cancelling it if `channel` closes first: a handler (a `StateWaitMsg` wait, a `ChainNotify`
    /// subscription) must not outlive the client that asked for it.
    static func cancelling<T: Sendable>(on channel: any Channel, _ work: @escaping @Sendable () async -> T) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { await work() }
            group.addTask {
                await wait(for: channel)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
