import APICore
import Foundation
import HTTP2Transport
import Synchronization
import Testing

/// POST /test/sum: reads the body chunk by chunk and answers `{"bytes":N,"sum":S}`.
final class SumRoute: HTTPStreamRoute {
    /// The largest chunk the route was handed (to see that bodies arrive in pieces).
    let largestChunk = Atomic<Int>(0)

    func matches(method: String, path: String) -> Bool { method == "POST" && path == "/test/sum" }

    func respond(to request: HTTPStreamRequest, body: AsyncThrowingStream<[UInt8], any Error>) async -> HTTPStreamResponse {
        guard request.permissions.contains(.write) else { return HTTPStreamResponse(status: 403, text: "need write\n") }
        var count = 0
        var sum: UInt64 = 0
        do {
            for try await chunk in body {
                largestChunk.max(chunk.count, ordering: .relaxed)
                count += chunk.count
                for byte in chunk { sum &+= UInt64(byte) }
            }
        } catch {
            return HTTPStreamResponse(status: 400, text: "\(error)\n")
        }
        return HTTPStreamResponse(status: 200, headers: [("content-type", "application/json")], bytes: Array(#"{"bytes":\#(count),"sum":\#(sum)}"#.utf8))
    }
}

/// POST /test/echo: streams the request body back as it arrives.
struct EchoRoute: HTTPStreamRoute {
    func matches(method: String, path: String) -> Bool { method == "POST" && path == "/test/echo" }

    func respond(to request: HTTPStreamRequest, body: AsyncThrowingStream<[UInt8], any Error>) async -> HTTPStreamResponse {
        HTTPStreamResponse(status: 200, headers: [("content-type", "application/octet-stream")], body: body)
    }
}

/// `total` bytes in 1 MiB chunks, produced lazily; byte i of the stream is `i % 251`.
func patternBody(total: Int) -> AsyncThrowingStream<[UInt8], any Error> {
    let produced = Mutex(0)
    return AsyncThrowingStream(unfolding: {
        let start = produced.withLock { $0 }
        guard start < total else { return nil }
        let count = min(1 << 20, total - start)
        produced.withLock { $0 += count }
        return (start..<(start + count)).map { UInt8($0 % 251) }
    })
}

func patternSum(total: Int) -> UInt64 {
    let full = UInt64(total / 251)
    var sum = full * UInt64(250 * 251 / 2)
    for index in 0..<(total % 251) { sum += UInt64(index) }
    return sum
}

@Suite("Streaming routes next to JSON-RPC", .serialized)
struct StreamRouteTests {
    @Test("64 MiB upload over HTTP/2 flows chunk by chunk with bounded memory")
    func largeUpload() async throws {
        let route = SumRoute()
        let running = try await RunningServer.start(routes: [route, EchoRoute()])
        let transport = running.client()
        let total = 64 << 20
        let baseline = residentBytes()
        let peak = Atomic<Int>(baseline)
        let sampler = Task {
            while !Task.isCancelled {
                peak.max(residentBytes(), ordering: .relaxed)
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        let start = ContinuousClock.now
        let response = try await transport.request(path: "/test/sum", body: patternBody(total: total))
        var reply: [UInt8] = []
        for try await chunk in response.body { reply += chunk }
        let elapsed = ContinuousClock.now - start
        sampler.cancel()
        #expect(response.status == 200)
        #expect(String(decoding: reply, as: UTF8.self) == #"{"bytes":\#(total),"sum":\#(patternSum(total: total))}"#)
        let growth = peak.load(ordering: .relaxed) - baseline
        print("64 MiB upload: \(elapsed), RSS growth \(growth >> 20) MiB, largest chunk \(route.largestChunk.load(ordering: .relaxed)) bytes")
        #expect(growth < 40 << 20)
        #expect(route.largestChunk.load(ordering: .relaxed) <= 1 << 20)
        await transport.close()
        try await running.stop()
    }

    @Test("echo streams 8 MiB both ways at once; read-only callers are refused by the route")
    func echoBothWays() async throws {
        let running = try await RunningServer.start(routes: [SumRoute(), EchoRoute()])
        let transport = running.client()
        let total = 8 << 20
        let response = try await transport.request(path: "/test/echo", body: patternBody(total: total))
        #expect(response.status == 200)
        var received = 0
        var sum: UInt64 = 0
        for try await chunk in response.body {
            received += chunk.count
            for byte in chunk { sum &+= UInt64(byte) }
        }
        #expect(received == total)
        #expect(sum == patternSum(total: total))

        let readOnly = running.client(token: nil)
        let refused = try await readOnly.request(path: "/test/sum", body: patternBody(total: 4 << 20))
        #expect(refused.status == 403)
        // Unknown paths are 404 and the JSON-RPC path still answers on the same connection.
        let missing = try await transport.request(method: "GET", path: "/test/none")
        #expect(missing.status == 404)
        for try await _ in missing.body {}
        await transport.close()
        await readOnly.close()
        try await running.stop()
    }

    @Test("the same route over HTTP/1.1 (curl, Expect: 100-continue) and h2c")
    func curlUpload() async throws {
        let running = try await RunningServer.start(routes: [SumRoute()])
        let dir = try Tool.temporaryDirectory()
        let file = dir.appendingPathComponent("blob")
        let size = 16 << 20
        try Data((0..<size).map { UInt8($0 % 251) }).write(to: file)
        let url = "http://127.0.0.1:\(running.port)/test/sum"
        let expected = #"{"bytes":\#(size),"sum":\#(patternSum(total: size))}"#
        for version in ["--http1.1", "--http2-prior-knowledge"] {
            let result = try await Tool.run("curl", [
                "-s", "-S", "--max-time", "30", version, "-H", "Authorization: Bearer \(Fixture.adminToken)",
                "--data-binary", "@\(file.path)", url,
            ])
            #expect(result.stdout == expected, "\(version): \(result.stdout) \(result.stderr)")
        }
        try await running.stop()
    }
}
