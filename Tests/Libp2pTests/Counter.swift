import Synchronization

/// A thread-safe count shared between a test and the tasks it starts.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)

    func add(_ amount: Int) { count.add(amount, ordering: .relaxed) }

    var value: Int { count.load(ordering: .relaxed) }
}
