/// Runs an operation with a deadline; the operation is cancelled when the deadline passes.
enum FuzzDeadline {
    enum Result<Value: Sendable>: Sendable {
        case value(Value)
        case failed(any Error)
        case timedOut
    }

    static func run<Value: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> Value) async -> Result<Value> {
        await withTaskGroup(of: Result<Value>.self) { group in
            group.addTask {
                do { return .value(try await operation()) } catch { return .failed(error) }
            }
            group.addTask {
                do { try await Task.sleep(for: timeout) } catch { return .timedOut }
                return .timedOut
            }
            let first = await group.next() ?? .timedOut
            group.cancelAll()
            return first
        }
    }
}
