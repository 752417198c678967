import ChainTypes
import FullNodeAPI
import Synchronization
import Testing

/// Sectors waiting for their seed and deals following the chain share one read of its head: hundreds of them cost
/// the daemon one `ChainHead` per poll interval.
@Suite("Waiters share one read of the chain head")
struct ChainHeadCacheTests {
    /// A chain whose head is `height`, counting the reads; each read takes `delay`.
    final class CountingChain: Sendable {
        let reads = Mutex(0)
        let height = Mutex<ChainEpoch>(100)
        let failNext = Mutex(false)
        let delay: Duration

        init(delay: Duration = .zero) { self.delay = delay }

        func read() async throws -> ChainEpoch {
            reads.withLock { $0 += 1 }
            if delay > .zero { try await Task.sleep(for: delay) }
            let fail = failNext.withLock { failing in
                defer { failing = false }
                return failing
            }
            if fail { throw ReadFailed() }
            return height.withLock { $0 }
        }
    }

    struct ReadFailed: Error {}

    @Test("200 waiters asking at once cause one read, and all get its height")
    func concurrentAsksShareOneRead() async throws {
        let chain = CountingChain(delay: .milliseconds(50))
        let reader = ChainHeadCache(maxAge: .seconds(3600)) { try await chain.read() }
        let heights = try await withThrowingTaskGroup(of: ChainEpoch.self) { group in
            for _ in 0..<200 { group.addTask { try await reader.height() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(heights.count == 200)
        #expect(heights.allSatisfy { $0 == 100 })
        #expect(chain.reads.withLock { $0 } == 1)
    }

    @Test("a height is given out again until it is maxAge old, then read anew")
    func readAgainAfterMaxAge() async throws {
        let chain = CountingChain()
        let fresh = ChainHeadCache(maxAge: .seconds(3600)) { try await chain.read() }
        _ = try await fresh.height()
        chain.height.withLock { $0 = 101 }
        #expect(try await fresh.height() == 100, "within maxAge the last read stands")
        #expect(chain.reads.withLock { $0 } == 1)

        let stale = ChainHeadCache(maxAge: .zero) { try await chain.read() }
        #expect(try await stale.height() == 101)
        chain.height.withLock { $0 = 102 }
        #expect(try await stale.height() == 102, "past maxAge the head is read again")
        #expect(chain.reads.withLock { $0 } == 3)
    }

    @Test("a failed read fails those waiting for it, and the next ask reads again")
    func failedReadIsNotKept() async throws {
        let chain = CountingChain(delay: .milliseconds(20))
        chain.failNext.withLock { $0 = true }
        let reader = ChainHeadCache(maxAge: .seconds(3600)) { try await chain.read() }
        let failures = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    do {
                        _ = try await reader.height()
                        return false
                    } catch {
                        return error is ReadFailed
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(failures == 10)
        #expect(try await reader.height() == 100)
        #expect(chain.reads.withLock { $0 } == 2)
    }
}
