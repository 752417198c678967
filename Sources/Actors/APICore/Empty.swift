/// Go's `struct{}`: `{}` on the wire (the element of the `Closing` channel).
public struct Empty: Codable, Sendable, Equatable {
    public init() {}
}
