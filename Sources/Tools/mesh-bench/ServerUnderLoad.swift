/// One h2c server that h2load drives, with the req/s of each round.
struct ServerUnderLoad: Sendable {
    let name: String
    let port: Int
    let url: String
    var results: [H2LoadResult] = []

    init(name: String, port: Int) {
        self.name = name
        self.port = port
        self.url = "http://127.0.0.1:\(port)\(Mesh.rpcPath)"
    }

    /// The median req/s over the rounds.
    var medianRate: Double {
        let rates = results.map(\.requestsPerSecond).sorted()
        guard !rates.isEmpty else { return 0 }
        let middle = rates.count / 2
        return rates.count % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2
    }
}
