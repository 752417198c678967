import APICore
import MinerConfig

extension GoDuration {
    /// A duration received over the API (int64 nanoseconds, as Go encodes `time.Duration`), refused if negative.
    /// - Throws: ``APICore/RPCError`` naming `what`.
    public static func nonNegative(_ nanoseconds: Int64, _ what: String) throws -> GoDuration {
        guard nanoseconds >= 0 else {
            throw RPCError(.methodError, "\(what) must not be negative (got \(nanoseconds) ns)")
        }
        return GoDuration(nanoseconds: nanoseconds)
    }
}
