/// The figures parsed from one h2load run's summary.
struct H2LoadResult: Sendable {
    var requestsPerSecond: Double = 0
    var succeeded = 0
    var failed = 0
    var status2xx = 0
    var meanRequestTime = "-"

    /// Parses lines such as `finished in 1.84s, 21739.13 req/s, 4.10MB/s`,
    /// `requests: 40000 total, 40000 started, 40000 done, 40000 succeeded, 0 failed, …`,
    /// `status codes: 40000 2xx, 0 3xx, 0 4xx, 0 5xx` and `time for request: min max mean sd +/- sd`.
    init?(parsing output: String) {
        var sawFinished = false
        for raw in output.split(separator: "\n") {
            let line = raw.trimmingPrefix(while: { $0 == " " })
            if line.hasPrefix("finished in ") {
                let parts = line.split(separator: ",").map { $0.trimmingPrefix(while: { $0 == " " }) }
                guard parts.count >= 2, parts[1].hasSuffix(" req/s"),
                    let rate = Double(parts[1].dropLast(" req/s".count))
                else { return nil }
                requestsPerSecond = rate
                sawFinished = true
            } else if line.hasPrefix("requests: ") {
                succeeded = Self.count(before: " succeeded", in: line)
                failed = Self.count(before: " failed", in: line)
            } else if line.hasPrefix("status codes: ") {
                status2xx = Self.count(before: " 2xx", in: line)
            } else if line.hasPrefix("time for request:") {
                let fields = line.dropFirst("time for request:".count).split(separator: " ")
                if fields.count >= 3 { meanRequestTime = String(fields[2]) }
            }
        }
        guard sawFinished else { return nil }
    }

    /// The integer right before `label` in a comma-separated list (`40000 succeeded`).
    private static func count(before label: String, in line: Substring) -> Int {
        for item in line.split(separator: ",") where item.hasSuffix(label) {
            if let number = item.dropLast(label.count).split(separator: " ").last, let value = Int(number) { return value }
        }
        return 0
    }
}
