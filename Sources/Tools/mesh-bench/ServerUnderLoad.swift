/// One h2c server that h2load drives, with the req/s of each round.
struct ServerUnderLoad: Sendable {
    let name: String
    let port: Int
    let url: String
    /// CPU used so far by the server (nanoseconds).
    let cpu: @Sendable () -> Int64
    var results: [H2LoadResult] = []
    /// Server CPU time per request in each round, nanoseconds.
    var cpuPerRequest: [Int64] = []

    init(name: String, port: Int, cpu: @escaping @Sendable () -> Int64 = { CPUTime.ownProcess() }) {
        self.name = name
        self.cpu = cpu
        self.port = port
        self.url = "http://127.0.0.1:\(port)\(Mesh.rpcPath)"
    }

    /// The median CPU time per request over the rounds.
    var medianCPU: Int64 {
        let sorted = cpuPerRequest.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// The median req/s over the rounds.
    var medianRate: Double {
        let rates = results.map(\.requestsPerSecond).sorted()
        guard !rates.isEmpty else { return 0 }
        let middle = rates.count / 2
        return rates.count % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2
    }
}
