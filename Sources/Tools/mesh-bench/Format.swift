/// Number formatting for the tables.
enum Format {
    /// `412ns`, `3.4µs`, `412µs`, `1.23ms`.
    static func latency(_ nanos: Int64) -> String {
        let value = Double(nanos)
        switch value {
        case ..<1_000: return "\(nanos)ns"
        case ..<10_000: return fixed(value / 1e3, 2) + "µs"
        case ..<1_000_000: return fixed(value / 1e3, 0) + "µs"
        default: return fixed(value / 1e6, 2) + "ms"
        }
    }

    /// `950`, `21.6k`, `2.13M` per second.
    static func rate(_ value: Double) -> String {
        switch value {
        case ..<10_000: return fixed(value, 0)
        case ..<1_000_000: return fixed(value / 1e3, 1) + "k"
        default: return fixed(value / 1e6, 2) + "M"
        }
    }

    /// `97.3%`.
    static func percent(_ ratio: Double) -> String { fixed(ratio * 100, 1) + "%" }

    /// `123×` or `1.8×`.
    static func times(_ ratio: Double) -> String { fixed(ratio, ratio >= 10 ? 0 : 1) + "×" }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if digits == 0 { return String(Int(rounded)) }
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }
}
