/// The latencies one caller task recorded, merged into the load's total.
struct CallerResult: Sendable {
    var nanos: [Int64] = []
    var errors = 0
    var firstError: String?

    mutating func merge(_ other: CallerResult) {
        nanos += other.nanos
        errors += other.errors
        if firstError == nil { firstError = other.firstError }
    }
}
