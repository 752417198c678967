import ChainTypes

/// Counts the gas a message uses against its limit; running over is `SysErrOutOfGas` (7).
struct GasMeter: Sendable {
    /// The message's gas limit.
    let limit: Int64
    /// Gas charged so far.
    private(set) var used: Int64 = 0

    init(limit: Int64) { self.limit = limit }

    /// Charges `amount` units for `what`.
    /// - Throws: ``ActorError`` `SysErrOutOfGas` when the total would exceed the limit (the meter then reads full).
    mutating func charge(_ amount: Int64, for what: String) throws(ActorError) {
        let (total, overflow) = used.addingReportingOverflow(amount)
        guard !overflow, total <= limit else {
            used = limit
            throw ActorError(
                .sysErrOutOfGas, "out of gas charging \(amount) for \(what): gas limit \(limit) is too low; estimate the gas again")
        }
        used = total
    }
}
