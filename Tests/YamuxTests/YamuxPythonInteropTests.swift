import ChildProcesses
import Foundation
import InteropSupport
import NIOCore
import TestScheduling
import Testing
import Yamux

/// A py-libp2p 0.8.1 yamux session over a plain TCP socket it dials (no security layer), in the
/// yamux role given (`client`: odd stream IDs, `server`: even): opens `streams` streams, writes
/// `size` pattern bytes on each and checks the echo, then echoes the one stream the Swift side
/// opens. Prints `ECHO <id> <bytes> intact|CORRUPT` and `ACCEPTED <id> <bytes>`.
private let pythonPeer = #"""
import sys, trio
from libp2p.peer.id import ID
from libp2p.stream_muxer.yamux.yamux import Yamux
from libp2p.stream_muxer.exceptions import MuxedStreamEOF

class Conn:
    """The minimum of ISecureConn that Yamux uses, over a plain trio TCP stream."""
    def __init__(self, stream, initiator):
        self.s = stream
        self.is_initiator = initiator
    async def read(self, n=None):
        if n is None or n < 0:
            return await self.s.receive_some(65536)
        buf = bytearray()
        while len(buf) < n:
            chunk = await self.s.receive_some(n - len(buf))
            if not chunk:
                break
            buf += chunk
        return bytes(buf)
    async def write(self, data):
        await self.s.send_all(data)
    async def close(self):
        await self.s.aclose()
    def get_remote_address(self):
        return None
    def get_transport_addresses(self):
        return []
    def get_connection_type(self):
        return None

def pattern(seed, n):
    period = bytes((i + seed * 7) % 251 for i in range(251))
    return (period * (n // 251 + 1))[:n]

async def read_all(st):
    got = bytearray()
    while True:
        try:
            chunk = await st.read(65536)
        except MuxedStreamEOF:
            break
        if not chunk:
            break
        got += chunk
    return bytes(got)

async def main(port, streams, size, role):
    s = await trio.open_tcp_stream("127.0.0.1", port)
    initiator = role == "client"
    mux = Yamux(Conn(s, initiator), ID(b"swift-peer"), is_initiator=initiator)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(mux.start)
        await mux.event_started.wait()

        async def one():
            st = await mux.open_stream()
            data = pattern(st.stream_id, size)
            result = {}
            async def send():
                await st.write(data)
                await st.close()
            async def receive():
                result["got"] = await read_all(st)
            async with trio.open_nursery() as inner:
                inner.start_soon(send)
                inner.start_soon(receive)
            ok = result["got"] == data
            print(f"ECHO {st.stream_id} {len(result['got'])} {'intact' if ok else 'CORRUPT'}", flush=True)

        async with trio.open_nursery() as inner:
            for _ in range(streams):
                inner.start_soon(one)

        # The Swift side opens a stream to us: echo it.
        st = await mux.accept_stream()
        got = await read_all(st)
        await st.write(got)
        await st.close()
        print(f"ACCEPTED {st.stream_id} {len(got)}", flush=True)
        await trio.sleep(0.5)
        await mux.close()
        nursery.cancel_scope.cancel()

trio.run(main, int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
"""#

/// The py-libp2p venv that `scripts/install-test-deps` creates at `<repo>/.venv-interop`.
private let python = InteropPython.venvPython

/// Runs a process to completion without blocking a thread of the cooperative pool. Cancelling the task kills it
/// (SIGKILL), so a test that fails half-way does not wait forever on a peer that waits for it.
private func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = ChildProcess.pipe()
    process.standardOutput = output
    process.standardError = output
    let collected = Locked(Data())
    output.fileHandleForReading.readabilityHandler = { handle in
        let data = handle.availableData
        collected.withLock { $0.append(data) }
    }
    let started = Locked(false)
    let status: Int32 = try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try ChildProcess.start(process)
                started.withLock { $0 = true }
            } catch {
                continuation.resume(throwing: error)
            }
            if Task.isCancelled { kill(process.processIdentifier, SIGKILL) }
        }
    } onCancel: {
        if started.withLock({ $0 }) { kill(process.processIdentifier, SIGKILL) }
    }
    output.fileHandleForReading.readabilityHandler = nil
    let rest = output.fileHandleForReading.readDataToEndOfFile()
    collected.withLock { $0.append(rest) }
    return (status, String(decoding: collected.value, as: UTF8.self))
}

@Suite(
    "Yamux against py-libp2p 0.8.1",
    // Bounded from the load gate's admission, not from before the wait for heavy tests.
    .timingSensitive(within: .seconds(5 * 60)))
struct YamuxPythonInteropTests {
    @Test(
        "py-libp2p opens 4 streams and gets 1 MiB echoed on each; it echoes a stream we open",
        arguments: [YamuxSession.Role.server, .client])
    func echoBothWays(_ role: YamuxSession.Role) async throws {
        // py-libp2p gives up on a stream when our window update takes over 5 s (its own fixed limit). A CI run starts
        // hundreds of tests at once on 2 cores, and once our echo handler did not run for that long; that one stall
        // earns a second try. Anything else fails at once, and so does a second stall.
        for attempt in 1...2 {
            let stalled = try await echoExchange(role, lastTry: attempt == 2)
            guard stalled else { return }
            print("py-libp2p timed out waiting for a window update (attempt \(attempt), a loaded machine); trying again")
        }
    }

    /// One exchange with a fresh server and peer; true when it failed only because py-libp2p timed out waiting for
    /// a window update and `lastTry` is false.
    private func echoExchange(_ role: YamuxSession.Role, lastTry: Bool) async throws -> Bool {
        let stallMark = "Timed out waiting for window update"
        let server = try await YamuxServer.start(role: role, inbound: echoHandler)
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("yamux-peer-\(UInt32.random(in: 0 ... .max)).py")
        try pythonPeer.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let pythonRole = role == .server ? "client" : "server"
        let ourFirstID: UInt32 = role == .server ? 2 : 1

        let size = 1 << 20
        let peer = Task { try await run(python, [script.path, String(server.port), "4", String(size), pythonRole]) }
        let session: YamuxSession
        do {
            session = try await server.nextSession()
            let stream = try await session.openStream()
            #expect(stream.id == ourFirstID)
            try await stream.writePattern(seed: 99, total: 300_000, chunk: 100_000)
            try await stream.closeWrite()
            let echoed = try await within(.seconds(60), "py-libp2p echoes our stream") { try await stream.readToEnd() }
            #expect(echoed.readableBytes == 300_000)
            #expect(Pattern.matches(echoed, seed: 99, offset: 0))
        } catch {
            // Stop the peer (it may be waiting for us) and show how far it got.
            peer.cancel()
            let output = (try? await peer.value)?.output ?? "(no output)"
            await server.stop()
            if !lastTry, output.contains(stallMark) { return true }
            Issue.record("py-libp2p peer output when our side failed:\n\(output)")
            throw error
        }

        let (status, output) = try await peer.value
        if status != 0, !lastTry, output.contains(stallMark) {
            await server.stop()
            return true
        }
        #expect(status == 0, "python output:\n\(output)")
        let lines = output.split(separator: "\n")
        let echoes = lines.filter { $0.hasPrefix("ECHO ") }
        #expect(echoes.count == 4, "python output:\n\(output)")
        for line in echoes { #expect(line.hasSuffix(" \(size) intact"), "\(line)") }
        #expect(lines.contains("ACCEPTED \(ourFirstID) 300000"), "python output:\n\(output)")
        try await within(.seconds(30), "the session ends after py-libp2p's go-away") { try await session.closeFuture.get() }
        await server.stop()
        return false
    }
}

@Suite("Yamux throughput benchmark", .enabled(if: ProcessInfo.processInfo.environment["YAMUX_BENCH"] != nil))
struct YamuxBenchmarkTests {
    /// `YAMUX_BENCH=<MiB> swift test --filter YamuxBenchmarkTests` prints the three results.
    @Test("plain TCP vs one yamux stream vs 16 yamux streams over loopback")
    func benchmark() async throws {
        let mebibytes = Int(ProcessInfo.processInfo.environment["YAMUX_BENCH"] ?? "") ?? 256
        for result in try await YamuxBenchmark.runAll(totalBytes: mebibytes << 20) {
            print("yamux benchmark —", result)
            #expect(result.bytes == mebibytes << 20)
        }
    }
}
