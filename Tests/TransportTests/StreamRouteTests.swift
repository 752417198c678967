import APICore
import Foundation
import HTTP2Transport
import Synchronization
import TestScheduling
import Testing

/// Test bodies: 1 MiB chunks, chunk `k` filled with the byte `k % 251` (cheap to make and to check
/// in a debug build: the check samples one byte per 4 KiB).
enum Pattern {
    static let chunkSize = 1 << 20

    static func expectedByte(at offset: Int) -> UInt8 { UInt8((offset / chunkSize) % 251) }

    /// - Parameter produced: told the size of each chunk handed out (to see how far ahead the producer runs).
    static func body(total: Int, produced: (@Sendable (Int) -> Void)? = nil) -> AsyncThrowingStream<[UInt8], any Error> {
        let next = Mutex(0)
        return AsyncThrowingStream(unfolding: {
            let start = next.withLock { value -> Int in
                defer { value += chunkSize }
                return value
            }
            produced?(min(chunkSize, max(0, total - start)))
            guard start < total else { return nil }
            return [UInt8](repeating: expectedByte(at: start), count: min(chunkSize, total - start))
        })
    }

    /// Checks a received stream chunk by chunk: byte count and sampled bytes in order.
    struct Checker {
        var offset = 0
        var mismatches = 0

        mutating func check(_ chunk: [UInt8]) {
            var index = (4096 - offset % 4096) % 4096
            while index < chunk.count {
                if chunk[index] != Pattern.expectedByte(at: offset + index) { mismatches += 1 }
                index += 4096
            }
            offset += chunk.count
        }
    }
}

/// POST /test/sum: reads the body chunk by chunk and answers `{"bytes":N,"mismatches":M}`.
final class SumRoute: HTTPStreamRoute {
    /// The largest chunk the route was handed (to see that bodies arrive in pieces).
    let largestChunk = Atomic<Int>(0)
    /// Bytes the sender had produced, if the test tracks it, and the most it ran ahead of this route.
    let produced = Atomic<Int>(0)
    let maxAhead = Atomic<Int>(0)

    func matches(method: String, path: String) -> Bool { method == "POST" && path == "/test/sum" }

    func respond(to request: HTTPStreamRequest, body: AsyncThrowingStream<[UInt8], any Error>) async -> HTTPStreamResponse {
        guard request.permissions.contains(.write) else { return HTTPStreamResponse(status: 403, text: "need write\n") }
        var checker = Pattern.Checker()
        do {
            for try await chunk in body {
                largestChunk.max(chunk.count, ordering: .relaxed)
                checker.check(chunk)
                maxAhead.max(produced.load(ordering: .relaxed) - checker.offset, ordering: .relaxed)
            }
        } catch {
            return HTTPStreamResponse(status: 400, text: "\(error)\n")
        }
        let json = #"{"bytes":\#(checker.offset),"mismatches":\#(checker.mismatches)}"#
        return HTTPStreamResponse(status: 200, headers: [("content-type", "application/json")], bytes: Array(json.utf8))
    }
}

/// POST /test/stall: waits before reading its body, recording how much the sender produced meanwhile.
final class StallRoute: HTTPStreamRoute {
    let produced = Atomic<Int>(0)
    let producedWhileStalled = Atomic<Int>(0)

    func matches(method: String, path: String) -> Bool { method == "POST" && path == "/test/stall" }

    func respond(to request: HTTPStreamRequest, body: AsyncThrowingStream<[UInt8], any Error>) async -> HTTPStreamResponse {
        try? await Task.sleep(for: .milliseconds(500))
        producedWhileStalled.store(produced.load(ordering: .relaxed), ordering: .relaxed)
        var count = 0
        do {
            for try await chunk in body { count += chunk.count }
        } catch {
            return HTTPStreamResponse(status: 400, text: "\(error)\n")
        }
        return HTTPStreamResponse(status: 200, text: "\(count)")
    }
}

/// POST /test/echo: streams the request body back as it arrives.
struct EchoRoute: HTTPStreamRoute {
    func matches(method: String, path: String) -> Bool { method == "POST" && path == "/test/echo" }

    func respond(to request: HTTPStreamRequest, body: AsyncThrowingStream<[UInt8], any Error>) async -> HTTPStreamResponse {
        HTTPStreamResponse(status: 200, headers: [("content-type", "application/octet-stream")], body: body)
    }
}

/// GET /test/bytes?n=N: N bytes of ``Pattern``, streamed in 1 MiB chunks, public.
struct BytesRoute: HTTPStreamRoute {
    func matches(method: String, path: String) -> Bool { method == "GET" && path == "/test/bytes" }

    func respond(to request: HTTPStreamRequest, body: AsyncThrowingStream<[UInt8], any Error>) async -> HTTPStreamResponse {
        guard let total = request.query.first(where: { $0.name == "n" }).flatMap({ Int($0.value) }), total >= 0 else {
            return HTTPStreamResponse(status: 400, text: "GET /test/bytes?n=N\n")
        }
        return HTTPStreamResponse(
            status: 200, headers: [("content-length", String(total)), ("content-type", "application/octet-stream")],
            body: Pattern.body(total: total))
    }
}

/// Asks for `/test/bytes?n=N` over HTTP/1.1 with `Connection: close`, with a 4 KiB receive buffer and a reader that
/// waits a second before reading, then reads 16 KiB a millisecond; prints `content-length received`.
let slowCloseReaderScript = #"""
import socket, sys, time
port, size = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.settimeout(60)
s.connect(("127.0.0.1", port))
s.sendall(b"GET /test/bytes?n=%d HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % size)
time.sleep(1)
data = b""
while b"\r\n\r\n" not in data:
    data += s.recv(4096)
head, body = data.split(b"\r\n\r\n", 1)
length = [int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")][0]
received = len(body)
while True:
    chunk = s.recv(16384)
    if not chunk:
        break
    received += len(chunk)
    time.sleep(0.001)
print(length, received)
"""#

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
        let response = try await transport.request(path: "/test/sum", body: Pattern.body(total: total) { route.produced.add($0, ordering: .relaxed) })
        var reply: [UInt8] = []
        for try await chunk in response.body { reply += chunk }
        let elapsed = ContinuousClock.now - start
        sampler.cancel()
        #expect(response.status == 200)
        #expect(String(decoding: reply, as: UTF8.self) == #"{"bytes":\#(total),"mismatches":0}"#)
        let growth = peak.load(ordering: .relaxed) - baseline
        let ahead = route.maxAhead.load(ordering: .relaxed)
        print(
            "64 MiB upload: \(elapsed), sender at most \(ahead >> 10) KiB ahead of the route, "
                + "largest chunk \(route.largestChunk.load(ordering: .relaxed)) bytes, process RSS growth \(growth >> 20) MiB")
        // Backpressure end to end: the sender stays within a few MiB of the reader.
        #expect(ahead < 8 << 20)
        #expect(route.largestChunk.load(ordering: .relaxed) <= 1 << 20)
        await transport.close()
        try await running.stop()
    }

    @Test("a reader that stops reading stops the sender after a few MiB (flow control end to end)")
    func stalledReader() async throws {
        let route = StallRoute()
        let running = try await RunningServer.start(routes: [route])
        let transport = running.client()
        let total = 64 << 20
        let response = try await transport.request(path: "/test/stall", body: Pattern.body(total: total) { route.produced.add($0, ordering: .relaxed) })
        var reply: [UInt8] = []
        for try await chunk in response.body { reply += chunk }
        #expect(String(decoding: reply, as: UTF8.self) == String(total))
        let stalled = route.producedWhileStalled.load(ordering: .relaxed)
        print("a stalled reader held the sender at \(stalled >> 10) KiB of \(total >> 20) MiB")
        // What may be produced before the sender stops: its two chunks of read-ahead (2 MiB), the slice in flight,
        // the stream's 256 KiB window, and the parts queued on the server (body parts of up to 64 KiB).
        #expect(stalled <= 6 << 20)
        await transport.close()
        try await running.stop()
    }

    @Test("echo streams 8 MiB both ways at once; read-only callers are refused by the route")
    func echoBothWays() async throws {
        let running = try await RunningServer.start(routes: [SumRoute(), EchoRoute()])
        let transport = running.client()
        let total = 8 << 20
        let response = try await transport.request(path: "/test/echo", body: Pattern.body(total: total))
        #expect(response.status == 200)
        var checker = Pattern.Checker()
        for try await chunk in response.body { checker.check(chunk) }
        #expect(checker.offset == total)
        #expect(checker.mismatches == 0)

        let readOnly = running.client(token: nil)
        let refused = try await readOnly.request(path: "/test/sum", body: Pattern.body(total: 4 << 20))
        #expect(refused.status == 403)
        // Unknown paths are 404 and the JSON-RPC path still answers on the same connection.
        let missing = try await transport.request(method: "GET", path: "/test/none")
        #expect(missing.status == 404)
        for try await _ in missing.body {}
        await transport.close()
        await readOnly.close()
        try await running.stop()
    }

    @Test("a streamed response to a slow HTTP/1.1 reader arrives whole before the connection closes; bodyless GETs keep it open")
    func slowReaderGetsTheWholeResponse() async throws {
        let running = try await RunningServer.start(routes: [BytesRoute()])
        // Connection: close — the server closes after the response, while most of it still waits for the reader.
        let size = 16 << 20
        let result = try await Tool.run("python3", ["-c", slowCloseReaderScript, String(running.port), String(size)])
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(size) \(size)", "\(result.stdout) \(result.stderr)")
        // A fast reader too, as a download tool reads (curl), each time on a new connection closed after the body.
        for _ in 0..<3 {
            let fast = try await Tool.run("curl", [
                "-sS", "--max-time", String(TestTime.seconds(30)), "--http1.1", "-H", "Connection: close", "-o", "/dev/null", "-w", "%{size_download}",
                "http://127.0.0.1:\(running.port)/test/bytes?n=\(64 << 20)",
            ])
            #expect(fast.stdout == String(64 << 20), "\(fast.stdout) \(fast.stderr)")
        }
        // Keep-alive: two GETs on one connection (curl says when it reuses one).
        let url = "http://127.0.0.1:\(running.port)/test/bytes?n=\(1 << 20)"
        let twice = try await Tool.run("curl", ["-sS", "-v", "--max-time", String(TestTime.seconds(30)), "--http1.1", "-o", "/dev/null", "-o", "/dev/null", url, url])
        #expect(twice.stderr.contains("Re-using existing connection") || twice.stderr.contains("Reusing existing"), "\(twice.stderr)")
        #expect(!twice.stderr.contains("Connection: close") && !twice.stderr.contains("connection: close"), "\(twice.stderr)")
        try await running.stop()
    }

    @Test("the same route over HTTP/1.1 (curl, Expect: 100-continue) and h2c")
    func curlUpload() async throws {
        let running = try await RunningServer.start(routes: [SumRoute()])
        let dir = try Tool.temporaryDirectory()
        let file = dir.appendingPathComponent("blob")
        let size = 16 << 20
        var blob = Data()
        for offset in stride(from: 0, to: size, by: Pattern.chunkSize) {
            blob.append(Data(repeating: Pattern.expectedByte(at: offset), count: Pattern.chunkSize))
        }
        try blob.write(to: file)
        let url = "http://127.0.0.1:\(running.port)/test/sum"
        let expected = #"{"bytes":\#(size),"mismatches":0}"#
        for version in ["--http1.1", "--http2-prior-knowledge"] {
            let result = try await Tool.run("curl", [
                "-s", "-S", "--max-time", String(TestTime.seconds(30)), version, "-H", "Authorization: Bearer \(Fixture.adminToken)",
                "--data-binary", "@\(file.path)", url,
            ])
            #expect(result.stdout == expected, "\(version): \(result.stdout) \(result.stderr)")
        }
        try await running.stop()
    }

    /// The client the markets node reads another node's `/remote` ranges with.
    @Test("HTTP1StreamClient: a 64 MiB body arrives whole and in order; a body dropped halfway closes its connection")
    func http1StreamClient() async throws {
        let running = try await RunningServer.start(routes: [BytesRoute()])
        let endpoint = try APIEndpoint.parse("http://127.0.0.1:\(running.port)")
        let size = 64 << 20
        let response = try await HTTP1StreamClient.get(endpoint, path: "/test/bytes?n=\(size)", token: Fixture.adminToken)
        #expect(response.status == 200)
        #expect(response.headers.contains { $0.name.lowercased() == "content-length" && $0.value == String(size) })
        var checker = Pattern.Checker()
        for try await chunk in response.body { checker.check(chunk) }
        #expect(checker.offset == size && checker.mismatches == 0)

        // The reader stops after 1 MiB of 256 MiB and drops the stream: the connection must not stay open.
        do {
            let dropped = try await HTTP1StreamClient.get(endpoint, path: "/test/bytes?n=\(256 << 20)")
            var read = 0
            for try await chunk in dropped.body {
                read += chunk.count
                if read >= 1 << 20 { break }
            }
        }
        try await waitUntil(timeout: .seconds(30)) { running.server.connectionCount == 0 }

        // Unreachable: a clear error, not a hang.
        await #expect(throws: RPCError.self) {
            _ = try await HTTP1StreamClient.get(try APIEndpoint.parse("http://127.0.0.1:1"), path: "/")
        }
        try await running.stop()
    }
}
