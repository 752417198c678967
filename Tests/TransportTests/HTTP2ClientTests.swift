import APICore
import Foundation
import HTTP2Transport
import JSONRPC
import Synchronization
import MeshTestKit
import TestScheduling
import Testing

@Suite("HTTP/2 client and server over loopback")
struct HTTP2ClientTests {
    @Test("unary calls: results, method errors, 1 KiB result")
    func unaryCalls() async throws {
        let running = try await RunningServer.start()
        let transport = running.client()
        let client = RPCClient(transport: transport)
        #expect(try await client.call("Filecoin.Echo", Args1("hello"), returning: String.self) == "hello")
        #expect(try await client.call("Filecoin.Add", Args2(40, 2), returning: Int.self) == 42)
        #expect(try await client.call("Filecoin.Big", Args0(), returning: String.self).count == 1024)
        await #expect(throws: RPCError(.methodError, "boom")) {
            try await client.call("Filecoin.Fail", Args0(), returning: String.self)
        }
        let missing = await #expect(throws: RPCError.self) {
            try await client.call("Filecoin.Nope", Args0(), returning: String.self)
        }
        #expect(missing?.code == .methodNotFound)
        #expect(transport.endpointDescription == "http://127.0.0.1:\(running.port)/rpc/v0")
        await transport.close()
        try await running.stop()
    }

    @Test("200 concurrent calls share one connection")
    func concurrentCalls() async throws {
        let running = try await RunningServer.start()
        let transport = running.client()
        let client = RPCClient(transport: transport)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for index in 0..<200 {
                group.addTask {
                    if index % 10 == 0 {
                        return (index, try await client.call("Filecoin.Sleep", Args1(20), returning: Int.self) + index - 20)
                    }
                    return (index, try await client.call("Filecoin.Add", Args2(index, 0), returning: Int.self))
                }
            }
            var seen = 0
            for try await (index, result) in group {
                #expect(index == result)
                seen += 1
            }
            #expect(seen == 200)
        }
        let elapsed = ContinuousClock.now - start
        #expect(running.server.connectionCount == 1)
        print("200 concurrent calls on one connection: \(elapsed)")
        await transport.close()
        try await running.stop()
    }

    @Test("channel method streams over HTTP/2; cancelling the consumer stops the producer")
    func channelStreaming() async throws {
        let api = TestAPI()
        let running = try await RunningServer.start(api: api)
        let transport = running.client()
        let client = RPCClient(transport: transport)
        var values: [Int] = []
        for try await value in try await client.subscribe("Filecoin.Count", Args1(5), element: Int.self) {
            values.append(value)
        }
        #expect(values == [0, 1, 2, 3, 4])

        let consumer = Task {
            var seen: [Int] = []
            for try await tick in try await client.subscribe("Filecoin.Ticks", Args0(), element: Int.self) {
                seen.append(tick)
                if seen.count == 3 { break }
            }
            return seen
        }
        #expect(try await consumer.value == [0, 1, 2])
        try await waitUntil { api.activeTicks.load(ordering: .relaxed) == 0 }

        let cancelled = Task {
            for try await _ in try await client.subscribe("Filecoin.Ticks", Args0(), element: Int.self) {}
        }
        try await waitUntil { api.activeTicks.load(ordering: .relaxed) == 1 }
        cancelled.cancel()
        _ = await cancelled.result
        try await waitUntil { api.activeTicks.load(ordering: .relaxed) == 0 }
        // The connection is still fine afterwards.
        #expect(try await client.call("Filecoin.Echo", Args1("after"), returning: String.self) == "after")
        await transport.close()
        try await running.stop()
    }

    @Test("no token means read only; a foreign token is refused with 401")
    func permissions() async throws {
        let running = try await RunningServer.start()
        let anonymous = RPCClient(transport: running.client(token: nil))
        #expect(try await anonymous.call("Filecoin.Echo", Args1("read ok"), returning: String.self) == "read ok")
        await #expect(throws: RPCError(.methodError, "missing permission to invoke 'Store' (need 'write')")) {
            try await anonymous.call("Filecoin.Store", Args1("x"), returning: String.self)
        }
        let writer = RPCClient(transport: running.client(token: Fixture.adminToken))
        #expect(try await writer.call("Filecoin.Store", Args1("x"), returning: String.self) == "stored x")

        let foreign = RPCClient(transport: running.client(token: Fixture.foreignToken))
        let error = await #expect(throws: RPCError.self) {
            try await foreign.call("Filecoin.Echo", Args1("x"), returning: String.self)
        }
        #expect(error?.code == .unauthorized)
        #expect(error?.message.contains("HTTP 401") == true)
        let stream = await #expect(throws: RPCError.self) {
            for try await _ in try await foreign.subscribe("Filecoin.Count", Args1(2), element: Int.self) {}
        }
        #expect(stream?.code == .unauthorized)
        try await running.stop()
    }

    @Test("request size limit: HTTP/2 body over the limit gets 413 with a JSON-RPC error")
    func sizeLimitHTTP2() async throws {
        let running = try await RunningServer.start(maxRequestSize: 64 << 10)
        let transport = running.client()
        let client = RPCClient(transport: transport)
        let big = String(repeating: "a", count: 100 << 10)
        let error = await #expect(throws: RPCError.self) {
            try await client.call("Filecoin.Echo", Args1(big), returning: String.self)
        }
        #expect(error?.code == .requestTooLarge)
        #expect(error?.message.contains("exceeds the limit of 65536 bytes ([API] MaxRequestSize)") == true)
        // Just under the limit still works, on the same connection.
        let fits = String(repeating: "b", count: 60 << 10)
        #expect(try await client.call("Filecoin.Echo", Args1(fits), returning: String.self) == fits)
        await transport.close()
        try await running.stop()
    }

    @Test("a restarted node on the same port is reached again by the same client")
    func reconnectAfterRestart() async throws {
        let first = try await RunningServer.start()
        let port = first.port
        let transport = first.client()
        let client = RPCClient(transport: transport)
        #expect(try await client.call("Filecoin.Echo", Args1("one"), returning: String.self) == "one")
        try await first.stop()

        let down = await #expect(throws: RPCError.self) {
            try await client.call("Filecoin.Echo", Args1("gone"), returning: String.self)
        }
        #expect(down?.code == .unreachable)

        let second = try await RunningServer.start(port: port)
        #expect(try await client.call("Filecoin.Echo", Args1("two"), returning: String.self) == "two")
        await transport.close()
        try await second.stop()
    }

    @Test("a node that is down fails fast, naming the endpoint")
    func downNodeFailsFast() async throws {
        let port = try Tools.freePort()
        // A long connect timeout: "connection refused" (not "no answer within 60s") shows that the
        // call failed on the refusal itself instead of waiting for a timeout.
        let transport = HTTP2ClientTransport(host: "127.0.0.1", port: port, token: nil, connectTimeout: .seconds(60))
        let client = RPCClient(transport: transport)
        await #expect(
            throws: RPCError(.unreachable, "cannot reach http://127.0.0.1:\(port)/rpc/v0: connection refused; is the node running?")
        ) {
            try await client.call("Filecoin.Echo", Args1("x"), returning: String.self)
        }
    }

    @Test("binding a port in use names the address and the config key")
    func portInUse() async throws {
        let running = try await RunningServer.start()
        let second = HTTPRPCServer(
            configuration: .init(host: "127.0.0.1", port: running.port), rpcServer: Fixture.rpcServer(), logger: Fixture.logger)
        let error = await #expect(throws: HTTPTransportError.self) { try await second.run() }
        #expect(
            error?.description
                == "cannot listen on 127.0.0.1:\(running.port): address already in use; another node is using this port — change [API] ListenAddress in config.toml"
        )
        await #expect(throws: HTTPTransportError.self) { _ = try await second.boundPort() }
        try await running.stop()
    }

    /// The grace period is far longer than the test's time limit: `run()` must return as soon as the
    /// in-flight call is done, not when the grace period ends.
    @Test("graceful shutdown lets an in-flight call finish, then refuses connections", .timeLimit(TestTime.limit(minutes: 1)))
    func gracefulShutdown() async throws {
        let api = TestAPI()
        let running = try await RunningServer.start(api: api, grace: .seconds(300))
        let transport = running.client()
        let client = RPCClient(transport: transport)
        #expect(try await client.call("Filecoin.Echo", Args1("warm"), returning: String.self) == "warm")
        let slow = Task { try await client.call("Filecoin.Sleep", Args1(500), returning: Int.self) }
        try await waitUntil { api.activeSleeps.load(ordering: .relaxed) == 1 }
        try await running.stop()
        #expect(try await slow.value == 500)
        let after = await #expect(throws: RPCError.self) {
            try await client.call("Filecoin.Echo", Args1("late"), returning: String.self)
        }
        #expect(after?.code == .unreachable)
        await transport.close()
    }

    /// Shutdown can begin twice (ServiceLifecycle's graceful shutdown, then the task's cancellation). NIO's
    /// HTTP/1.1 pipeline asserts on a second quiesce event while a request is in flight, which took a debug-built
    /// node down; each connection must be asked once.
    @Test("shutdown begun twice with an HTTP/1.1 call in flight: the call finishes, the node stops", .timeLimit(TestTime.limit(minutes: 3)))
    func shutdownBegunTwice() async throws {
        let api = TestAPI()
        let running = try await RunningServer.start(api: api, grace: .seconds(300))
        let socket = try #require(RawSocket.connect(port: running.port))
        defer { close(socket) }
        // Long enough that the poll below sees it running even when a loaded machine wakes the poller late.
        let body = #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Sleep","params":[5000]}"#
        let request = "POST /rpc/v0 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        #expect(RawSocket.send(socket, request))
        // A full suite's first minute can keep a fresh server from reading the request for tens of seconds.
        try await waitUntil(timeout: .seconds(90)) { api.activeSleeps.load(ordering: .relaxed) == 1 }
        running.server.beginGracefulShutdown()
        running.server.beginGracefulShutdown()
        let response = await RawSocket.receive(socket, idle: .seconds(30))
        #expect(response.hasPrefix("HTTP/1.1 200"), "\(response)")
        #expect(response.contains(#""result":5000"#), "\(response)")
        try await running.task.value
    }

    @Test("TLS: ALPN h2 with a trusted self-signed certificate, and insecure mode")
    func tls() async throws {
        let files = try await Tool.makeCertificate()
        let running = try await RunningServer.start(tls: files)
        let verified = running.client(tls: .verified(trustRootsPath: files.certificateChainPath))
        #expect(verified.endpointDescription == "https://127.0.0.1:\(running.port)/rpc/v0")
        let client = RPCClient(transport: verified)
        #expect(try await client.call("Filecoin.Echo", Args1("secure"), returning: String.self) == "secure")
        var values: [Int] = []
        for try await value in try await client.subscribe("Filecoin.Count", Args1(3), element: Int.self) { values.append(value) }
        #expect(values == [0, 1, 2])
        let insecure = RPCClient(transport: running.client(tls: .insecure))
        #expect(try await insecure.call("Filecoin.Add", Args2(1, 2), returning: Int.self) == 3)
        // A client expecting cleartext h2c cannot talk to the TLS port.
        let plain = RPCClient(transport: running.client(tls: .none))
        await #expect(throws: RPCError.self) { try await plain.call("Filecoin.Echo", Args1("x"), returning: String.self) }
        // An untrusted certificate is refused.
        let untrusted = RPCClient(transport: running.client(tls: .verified(trustRootsPath: nil)))
        let refused = await #expect(throws: RPCError.self) {
            try await untrusted.call("Filecoin.Echo", Args1("x"), returning: String.self)
        }
        #expect(refused?.code == .unreachable)
        await verified.close()
        try await running.stop()
    }
}

/// Polls `condition` every 10 ms for up to `timeout` (``TestTime/scaled(_:)``).
func waitUntil(timeout: Duration = .seconds(10), _ condition: () -> Bool) async throws {
    guard await TestTime.poll(within: timeout, every: .milliseconds(10), condition) else {
        throw TestFailure("condition not met within \(TestTime.scaled(timeout))")
    }
}
