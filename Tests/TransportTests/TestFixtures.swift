import APICore
import ChildProcesses
import Foundation
import HTTP2Transport
import JSONRPC
import Logging
import Multiformats
import RPCAuth
import Synchronization

/// A tiny API for transport tests: unary methods of each shape and two channel methods.
final class TestAPI: Sendable {
    /// How many `Ticks` channels are producing right now (to see cancellation reach the server).
    let activeTicks = Atomic<Int>(0)
    /// How many `Sleep` calls are running.
    let activeSleeps = Atomic<Int>(0)

    struct Boom: Error, CustomStringConvertible {
        var description: String { "boom" }
    }

    static func routes(_ api: TestAPI) -> [Route] {
        let descriptors: [any MethodDescriptor] = [
            RPCMethod<TestAPI, Args1<String>, String>("Echo", .read, .common) { _, args in args.a },
            RPCMethod<TestAPI, Args2<Int, Int>, Int>("Add", .read, .common) { _, args in args.a + args.b },
            RPCMethod<TestAPI, Args0, String>("Fail", .read, .common) { _, _ in throw Boom() },
            RPCMethod<TestAPI, Args0, String>("Big", .read, .common) { _, _ in String(repeating: "x", count: 1024) },
            RPCMethod<TestAPI, Args1<String>, String>("Store", .write, .common) { _, args in "stored " + args.a },
            RPCMethod<TestAPI, Args1<Int>, Int>("Sleep", .read, .common) { api, args in
                api.activeSleeps.add(1, ordering: .relaxed)
                defer { api.activeSleeps.subtract(1, ordering: .relaxed) }
                try await Task.sleep(for: .milliseconds(args.a))
                return args.a
            },
            RPCChannelMethod<TestAPI, Args1<Int>, Int>("Count", .read, .common) { _, args in
                AsyncThrowingStream { continuation in
                    for value in 0..<args.a { continuation.yield(value) }
                    continuation.finish()
                }
            },
            RPCChannelMethod<TestAPI, Args0, Int>("Ticks", .read, .common) { api, _ in
                AsyncThrowingStream { continuation in
                    let producer = Task {
                        api.activeTicks.add(1, ordering: .relaxed)
                        defer { api.activeTicks.subtract(1, ordering: .relaxed) }
                        var tick = 0
                        while !Task.isCancelled {
                            continuation.yield(tick)
                            tick += 1
                            try? await Task.sleep(for: .milliseconds(10))
                        }
                    }
                    continuation.onTermination = { _ in producer.cancel() }
                }
            },
        ]
        return descriptors.compactMap { $0.route(on: api) }
    }
}

/// Tokens and a server factory shared by the tests.
enum Fixture {
    static let secret: [UInt8] = Array(0..<32)
    static let authority = JWTAuthority(secret: secret)
    static let adminToken = authority.token(allow: ["read", "write", "sign", "admin"])
    static let readToken = authority.token(allow: ["read"])
    static let foreignToken = JWTAuthority(secret: Array(repeating: 7, count: 32)).token(allow: ["admin"])

    static var logger: Logger {
        var logger = Logger(label: "transport-tests")
        logger.logLevel = ProcessInfo.processInfo.environment["H2_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
        return logger
    }

    static func rpcServer(api: TestAPI = TestAPI(), maxRequestSize: Int = 100 << 20) -> RPCServer {
        RPCServer(routes: TestAPI.routes(api), authority: authority, maxRequestSize: maxRequestSize, logger: logger)
    }
}

/// A running ``HTTPRPCServer`` on loopback.
struct RunningServer {
    let server: HTTPRPCServer
    let task: Task<Void, any Error>
    let port: Int

    static func start(
        port: Int = 0, api: TestAPI = TestAPI(), maxRequestSize: Int = 100 << 20, tls: HTTPRPCServer.Configuration.TLSFiles? = nil,
        routes: [any HTTPStreamRoute] = [], grace: Duration = .seconds(5)
    ) async throws -> RunningServer {
        let server = HTTPRPCServer(
            configuration: .init(host: "127.0.0.1", port: port, tls: tls, shutdownGracePeriod: grace),
            rpcServer: Fixture.rpcServer(api: api, maxRequestSize: maxRequestSize), streamRoutes: routes, logger: Fixture.logger)
        let task = Task { try await server.run() }
        let bound = try await server.boundPort()
        return RunningServer(server: server, task: task, port: bound)
    }

    func client(token: String? = Fixture.adminToken, tls: HTTP2ClientTransport.TLSMode = .none) -> HTTP2ClientTransport {
        HTTP2ClientTransport(endpoint: APIEndpoint(host: "127.0.0.1", port: port), token: token, tls: tls)
    }

    func stop() async throws {
        server.beginGracefulShutdown()
        try await task.value
    }
}

/// Runs external tools (curl, openssl, python3) for interop tests.
enum Tool {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a tool to completion on its own threads: never on the cooperative pool or Dispatch's
    /// global queues, which blocking waits would starve (on Linux they share a thread limit).
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil) async throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let out = ChildProcess.pipe()
        let err = ChildProcess.pipe()
        let inPipe = ChildProcess.pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try ChildProcess.start(process)
        async let stdout = readToEnd(out.fileHandleForReading)
        async let stderr = readToEnd(err.fileHandleForReading)
        if let input { try await writeAll(input, to: inPipe.fileHandleForWriting) } else { try inPipe.fileHandleForWriting.close() }
        let (outData, errData) = await (stdout, stderr)
        await onThread { process.waitUntilExit() }
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await onThread { handle.readDataToEndOfFile() }
    }

    private static func writeAll(_ data: Data, to handle: FileHandle) async throws {
        await onThread {
            handle.write(data)
            try? handle.close()
        }
    }

    /// Runs blocking `work` on a new thread.
    private static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("h2t-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A self-signed P-256 certificate for localhost / 127.0.0.1.
    static func makeCertificate() async throws -> HTTPRPCServer.Configuration.TLSFiles {
        let dir = try temporaryDirectory()
        let cert = dir.appendingPathComponent("cert.pem").path
        let key = dir.appendingPathComponent("key.pem").path
        let result = try await run(
            "openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert,
            ])
        guard result.status == 0 else { throw TestFailure("openssl failed: \(result.stderr)") }
        return .init(certificateChainPath: cert, privateKeyPath: key)
    }

    /// Sends `bytes` on a raw TCP socket and returns everything read until the server closes the
    /// connection (or `timeout` seconds pass); the Python helper prints the reply hex-encoded.
    static func rawExchange(port: Int, bytes: [UInt8], timeout: Double = 30) async throws -> (reply: [UInt8], closed: Bool) {
        let script = """
            import socket, sys, time
            s = socket.create_connection(("127.0.0.1", \(port)))
            s.settimeout(\(timeout))
            data = sys.stdin.buffer.read()
            try:
                s.sendall(data)
            except OSError:
                pass
            out = b""; closed = False
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        closed = True; break
                    out += chunk
            except socket.timeout:
                pass
            except OSError:
                closed = True
            print(("closed" if closed else "open") + " " + out.hex())
            """
        let result = try await run("python3", ["-c", script], input: Data(bytes))
        let words = result.stdout.split(separator: " ", maxSplits: 1).map(String.init)
        guard let state = words.first else { throw TestFailure("python failed: \(result.stderr)") }
        let hex = words.count > 1 ? words[1].trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return (try Hex.decode(hex), state == "closed")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}


/// Resident memory of this process in bytes (Linux).
func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}
