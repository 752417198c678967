import Synchronization

/// A one-way flag a timer sets, so the code it interrupted can tell a timeout from other failures.
final class ExpiryFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// Marks the timer as fired.
    func set() { value.store(true, ordering: .releasing) }

    /// Whether the timer fired.
    var isSet: Bool { value.load(ordering: .acquiring) }
}
