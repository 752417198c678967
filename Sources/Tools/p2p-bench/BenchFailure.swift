/// A measurement that went wrong (bytes lost), which makes the numbers meaningless.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
