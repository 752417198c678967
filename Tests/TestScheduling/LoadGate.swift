import Testing

/// Keeps the tests that load the machine on purpose apart from the tests whose peers give up on a slow answer.
///
/// Swift Testing runs every suite of the binary in parallel. A test that opens thousands of connections or streams
/// (``Trait/heavyLoad``) can starve everything else for seconds on a 2-core machine, and some peers have fixed
/// deadlines we do not control: py-libp2p's yamux fails a write after 5 s without a window update, for one. Those
/// tests take ``Trait/timingSensitive``. The gate lets any number of timing-sensitive tests run together, or one
/// heavy test alone; a waiting heavy test holds back new timing-sensitive ones, so it cannot starve.
public actor LoadGate {
    /// The one gate of the test binary.
    public static let shared = LoadGate()

    private var sharedHolders = 0
    private var exclusiveHeld = false
    private var exclusiveWaiting = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` while no heavy test runs.
    public func sharing<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        while exclusiveHeld || exclusiveWaiting > 0 { await wait() }
        sharedHolders += 1
        defer {
            sharedHolders -= 1
            wakeAll()
        }
        return try await body()
    }

    /// Runs `body` while no other heavy test and no timing-sensitive test runs.
    public func exclusively<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        exclusiveWaiting += 1
        while exclusiveHeld || sharedHolders > 0 { await wait() }
        exclusiveWaiting -= 1
        exclusiveHeld = true
        defer {
            exclusiveHeld = false
            wakeAll()
        }
        return try await body()
    }

    private func wait() async {
        await withCheckedContinuation { waiters.append($0) }
    }

    private func wakeAll() {
        let woken = waiters
        waiters = []
        for waiter in woken { waiter.resume() }
    }
}

/// The trait that runs a test or suite through ``LoadGate``.
public struct LoadGateTrait: TestTrait, SuiteTrait, TestScoping {
    let exclusive: Bool
    /// How long each test case may run once the gate lets it in; `nil` for no bound of its own.
    let limit: Duration?

    /// Applies to every test of a suite it marks.
    public var isRecursive: Bool { true }

    /// Scopes test cases only: a suite-level scope would hold the gate around all its tests while other suites'
    /// tests queue for it (every test function, parameterized or not, runs as cases).
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        if exclusive {
            try await LoadGate.shared.exclusively { try await bounded(function) }
        } else {
            try await LoadGate.shared.sharing { try await bounded(function) }
        }
    }

    /// Runs `function` within ``limit``, counted from now: inside the gate, so that time spent waiting for heavy
    /// tests (minutes, when several queue on a loaded machine) is not charged to the test. Swift Testing's own
    /// `.timeLimit` starts before the gate and would fail a test that never got to run. Past the limit the test is
    /// recorded as failed and cancelled, as `.timeLimit` does. The limit is scaled by ``TestTime`` (sanitized runs).
    private func bounded(_ function: @Sendable () async throws -> Void) async throws {
        guard let limit = limit.map(TestTime.scaled) else { return try await function() }
        try await withoutActuallyEscaping(function) { function in
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    try await function()
                    return true
                }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return false
                }
                defer { group.cancelAll() }
                while let finished = try await group.next() {
                    if finished { return }
                    Issue.record("Time limit was exceeded: \(limit) after the load gate let the test in")
                    group.cancelAll()
                }
            }
        }
    }
}

extension Trait where Self == LoadGateTrait {
    /// The test loads the machine on purpose (thousands of connections or streams): it runs alone among the
    /// ``timingSensitive`` ones.
    public static var heavyLoad: Self { LoadGateTrait(exclusive: true, limit: nil) }

    /// ``heavyLoad``, failing a test case that runs longer than `limit` once it is let in.
    public static func heavyLoad(within limit: Duration) -> Self { LoadGateTrait(exclusive: true, limit: limit) }

    /// A peer of the test gives up on a slow answer (a fixed deadline we do not control): it never runs beside a
    /// ``heavyLoad`` test.
    public static var timingSensitive: Self { LoadGateTrait(exclusive: false, limit: nil) }

    /// ``timingSensitive``, failing a test case that runs longer than `limit` once it is let in. Use this rather than
    /// `.timeLimit`, which also counts the wait for heavy tests.
    public static func timingSensitive(within limit: Duration) -> Self { LoadGateTrait(exclusive: false, limit: limit) }
}
