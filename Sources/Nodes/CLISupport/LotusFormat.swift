import Foundation

/// Lotus's number and time renderings used by the CLI (`types.SizeStr`, `types.DeciStr`, `cli.EpochTime`).
public enum LotusFormat {
    /// `types.SizeStr`: bytes in binary units with 4 significant digits, e.g. `2 KiB`, `8 MiB`, `0 B`.
    public static func size(_ bytes: UInt64) -> String {
        scaled(Double(bytes), units: ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB"], format: "%.4g")
    }

    /// go-units `BytesSize`, as `storage-deals list` prints piece sizes: `2KiB`, `1016B`, `8MiB` (no space).
    public static func bytesSize(_ bytes: UInt64) -> String {
        size(bytes).replacingOccurrences(of: " ", with: "")
    }

    /// `types.DeciStr`: quality-adjusted power with 3 significant digits, e.g. `2 Ki`, `0 `.
    public static func deci(_ value: UInt64) -> String {
        scaled(Double(value), units: ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi"], format: "%.3g")
    }

    private static func scaled(_ value: Double, units: [String], format: String) -> String {
        var value = value
        var index = 0
        while value >= 1024, index + 1 < units.count {
            value /= 1024
            index += 1
        }
        return String(format: format, value) + " " + units[index]
    }

    /// `part × 100 / total` as `%0.4f`, 0 when `total` is 0.
    public static func percent(_ part: UInt64, of total: UInt64) -> String {
        String(format: "%0.4f", total == 0 ? 0 : Double(part) * 100 / Double(total))
    }

    /// `cli.EpochTime`: `E (now)`, `E (2 minutes 30 seconds ago)`, `E (in 10 seconds)`, with epochs of `blockDelayMillis`.
    public static func epochTime(current: Int64, epoch: Int64, blockDelayMillis: Int64) -> String {
        if current == epoch { return "\(epoch) (now)" }
        let millis = abs(current - epoch) * blockDelayMillis
        let text = duration(millis: millis)
        return current > epoch ? "\(epoch) (\(text) ago)" : "\(epoch) (in \(text))"
    }

    /// durafmt's rendering limited to the first two units: `1 minute 20 seconds`, `500 milliseconds`.
    public static func duration(millis: Int64) -> String {
        let units: [(String, Int64)] = [
            ("year", 365 * 86_400_000), ("week", 7 * 86_400_000), ("day", 86_400_000), ("hour", 3_600_000),
            ("minute", 60_000), ("second", 1000), ("millisecond", 1),
        ]
        var rest = millis
        var parts: [String] = []
        for (name, size) in units where parts.count < 2 {
            let count = rest / size
            rest %= size
            if count > 0 { parts.append("\(count) \(name)\(count == 1 ? "" : "s")") }
        }
        return parts.isEmpty ? "0 seconds" : parts.joined(separator: " ")
    }
}
