/// What a fuzz run saw, per target and method.
public struct FuzzReport: Sendable, CustomStringConvertible {
    /// How the node answered one call.
    public enum Outcome: String, Sendable, CaseIterable {
        /// A JSON-RPC result.
        case result
        /// A JSON-RPC error (bad params, permission, method error).
        case error
        /// No body: a notification (a request whose `id` is null), which JSON-RPC answers with nothing.
        case noReply
        /// An HTTP status without a JSON-RPC body (401 without a token, 413, …).
        case refused
        /// No reply within the per-call timeout (a wait that never ends, e.g. `StateWaitMsg` of an unknown CID).
        case timeout
        /// The connection broke; the node's liveness is checked right after.
        case lost
        /// A reply that is not JSON-RPC.
        case malformed
    }

    /// A call after which the node stopped answering, or whose reply was not JSON-RPC.
    public struct Failure: Sendable, CustomStringConvertible {
        public var target: String
        public var method: String
        public var withToken: Bool
        public var request: String
        public var what: String
        public var description: String {
            "\(target) \(method) (\(withToken ? "admin token" : "no token")): \(what)\n  request: \(request.prefix(2000))"
        }
    }

    /// `target/method` → outcome → count.
    public internal(set) var counts: [String: [Outcome: Int]] = [:]
    /// Crashes and malformed replies, with the inputs that caused them.
    public internal(set) var failures: [Failure] = []
    /// The seed the run started from.
    public let seed: UInt64

    init(seed: UInt64) { self.seed = seed }

    /// Calls made to `method` on `target`.
    public func calls(_ target: String, _ method: String) -> Int {
        counts["\(target)/\(method)"]?.values.reduce(0, +) ?? 0
    }

    /// Every call made.
    public var totalCalls: Int { counts.values.flatMap(\.values).reduce(0, +) }

    mutating func record(_ target: String, _ method: String, _ outcome: Outcome) {
        counts["\(target)/\(method)", default: [:]][outcome, default: 0] += 1
    }

    public var description: String {
        var lines = ["fuzz seed \(seed): \(totalCalls) calls, \(failures.count) failures"]
        for key in counts.keys.sorted() {
            let outcomes = counts[key] ?? [:]
            let parts = Outcome.allCases.compactMap { outcome in outcomes[outcome].map { "\(outcome.rawValue) \($0)" } }
            lines.append("  \(key): " + parts.joined(separator: ", "))
        }
        lines += failures.map { "FAILURE " + $0.description }
        return lines.joined(separator: "\n")
    }
}
