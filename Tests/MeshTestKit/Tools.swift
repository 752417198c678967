import ChildProcesses
import Foundation
import Synchronization

/// Runs the real executables of this build (`lotus-miner`, …) as separate processes, as an operator would.
public enum Tools {
    /// Where the executables are: `$LOTUS_BIN_DIR` (set by scripts/test), else this package's debug build.
    public static var binDir: URL {
        if let dir = ProcessInfo.processInfo.environment["LOTUS_BIN_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return package.appendingPathComponent(".build/debug")
    }

    /// The outcome of a finished command.
    public struct Output: Sendable, CustomStringConvertible {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        public var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    /// Runs `tool args` to completion with `environment` added to a minimal environment.
    ///
    /// The wait happens on a thread of its own: on Linux Swift concurrency runs on Dispatch's global
    /// queues, so blocking one of those (2 threads here) would starve the in-process nodes of other tests.
    public static func run(_ tool: String, _ args: [String], environment: [String: String] = [:], stdin: String? = nil) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try runBlocking(tool, args, environment: environment, stdin: stdin) })
            }
            thread.start()
        }
    }

    static func runBlocking(_ tool: String, _ args: [String], environment: [String: String], stdin: String?) throws -> Output {
        let process = Process()
        process.executableURL = tool.hasPrefix("/") ? URL(fileURLWithPath: tool) : binDir.appendingPathComponent(tool)
        process.arguments = args
        process.environment = baseEnvironment.merging(environment) { _, new in new }
        let out = ChildProcess.pipe(), err = ChildProcess.pipe()
        process.standardOutput = out
        process.standardError = err
        let input = ChildProcess.pipe()
        process.standardInput = input
        try ChildProcess.start(process)
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// PATH and HOME, so a developer's `MINER_API_INFO` never leaks into a test, and libp2p hosts on loopback
    /// (``loopbackLibp2p``): tests open no listener on other addresses. The sanitizers' options
    /// (``sanitizerOptions``) pass through, so a sanitized node reports where the sanitized test run does.
    public static var baseEnvironment: [String: String] {
        let env = ProcessInfo.processInfo.environment
        return ["PATH": env["PATH"] ?? "/usr/bin:/bin", "HOME": env["HOME"] ?? "/tmp"]
            .merging(env.filter { sanitizerOptions.contains($0.key) }) { _, new in new }
            .merging(loopbackLibp2p) { _, new in new }
    }

    /// The variables scripts/sanitize sets for ThreadSanitizer and AddressSanitizer (`log_path` among them).
    static let sanitizerOptions: Set<String> = ["TSAN_OPTIONS", "ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"]

    /// `[Libp2p] ListenAddresses` overridden to one random loopback TCP port, for every node a test starts (the
    /// daemon's and the miner's defaults listen on 0.0.0.0 and ::).
    public static let loopbackLibp2p = ["LOTUS_LIBP2P_LISTENADDRESSES": "/ip4/127.0.0.1/tcp/0"]

    /// A free TCP port for a test listener on 127.0.0.1.
    ///
    /// Chosen below the kernel's ephemeral range (`/proc/sys/net/ipv4/ip_local_port_range`): a port handed out
    /// here is released before the node binds it, and every port-0 bind in the meantime (libp2p listeners on
    /// `/tcp/0`, client sockets) draws from the ephemeral range, so none of them can take it.
    ///
    /// A port is handed out once per test run: two tests that each pick a port before their nodes bind cannot get
    /// the same one (a full suite once saw a node fail with "address already in use" on a port chosen twice).
    public static func freePort() throws -> Int {
        let ephemeralLow = ephemeralRangeStart() ?? 32768
        let low = min(20000, ephemeralLow / 2)
        for _ in 0..<500 {
            let candidate = Int.random(in: low..<ephemeralLow)
            guard handedOut.withLock({ $0.insert(candidate).inserted }) else { continue }
            if (try? bindable(candidate)) == candidate { return candidate }
        }
        return try bindable(0)
    }

    /// Ports ``freePort()`` has returned in this process.
    private static let handedOut = Mutex<Set<Int>>([])

    /// Binds `port` (0: any) on 127.0.0.1, releases it and returns the bound port (a listener on 0.0.0.0 holding the
    /// port makes this bind fail too).
    static func bindable(_ port: Int) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ProcessFailure("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The first port of the kernel's ephemeral range, if readable.
    static func ephemeralRangeStart() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8) else { return nil }
        return text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) }.flatMap { $0 > 1024 ? $0 : nil }
    }
}
