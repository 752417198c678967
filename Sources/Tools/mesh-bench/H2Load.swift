/// Runs `h2load -n N -c clients -m streams -d body -H 'content-type: application/json' URL` (a POST of
/// a JSON-RPC request over h2c with prior knowledge) and parses its summary.
struct H2Load: Sendable {
    let executable: String
    var requests: Int
    let clients: Int
    let streams: Int
    let bodyFile: String
    let scratch: String

    var parameters: String { "h2load -n \(requests) -c \(clients) -m \(streams) -d <JSON-RPC body> -H 'content-type: application/json'" }

    /// One run against `url`; `requests` overrides the count (for warm-ups).
    func run(_ url: String, requests: Int? = nil) async throws -> H2LoadResult {
        let arguments = [
            "-n", String(requests ?? self.requests), "-c", String(clients), "-m", String(streams),
            "-d", bodyFile, "-H", "content-type: application/json", url,
        ]
        let (status, output) = try await ChildProcess.run(executable, arguments, output: scratch + "/h2load.out")
        guard status == 0, let result = H2LoadResult(parsing: output) else {
            throw BenchError("h2load failed (exit \(status)) against \(url):\n\(output.suffix(600))")
        }
        return result
    }
}
