import APICore

/// A tiny API for the benchmark: one method that returns a 1 KiB string.
actor BenchActor: SubsystemAPI {
    typealias Methods = BenchMethods
    static var subsystem: Subsystem { Subsystem(rawValue: "Bench") }

    /// 1024 ASCII characters; JSON-encoded, the result is 1026 bytes.
    static let kibibyte = String(repeating: "abcdefghijklmnop", count: 64)

    func blob() -> String { Self.kibibyte }
}
