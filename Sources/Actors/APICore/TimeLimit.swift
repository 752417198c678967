/// Runs `body` for at most `limit`: its result, or nil when it has not finished by then (it is then cancelled). The
/// one race of work against a clock that bounded calls between nodes and reads from slow peers share.
public func withTimeLimit<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}
