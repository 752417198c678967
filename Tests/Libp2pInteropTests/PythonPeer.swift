import ChildProcesses
import Foundation
import InteropSupport
import Synchronization

/// A py-libp2p 0.8.1 peer (`Tests/Interop/libp2p_peer.py`) run as a child process with the project's venv
/// (`.venv-interop`, made by `scripts/install-test-deps`). Its stdout is one JSON event per line; a thread of
/// its own reads them (blocking reads must not run on Swift concurrency's few Dispatch threads).
final class PythonPeer: Sendable {
    static let script = InteropPython.scriptsDirectory.appendingPathComponent("libp2p_peer.py")
    static let python = URL(fileURLWithPath: InteropPython.venvPython)

    /// One line the peer printed.
    struct Event: Sendable, CustomStringConvertible {
        let name: String
        let json: Data

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(T.self, from: json)
        }

        var description: String { String(decoding: json, as: UTF8.self) }
    }

    /// The venv is part of the test setup: without it the interop tests fail (they never skip).
    struct SetupError: Error, CustomStringConvertible {
        let description: String
    }

    private let process: Process
    private let stdin: FileHandle
    private let events: AsyncStream<Event>
    private let stderrLines = Mutex<[String]>([])
    private let seen = Mutex<[String]>([])

    /// Starts `libp2p_peer.py <arguments>`.
    /// - Throws: ``SetupError`` saying to run `scripts/install-test-deps` when the venv is missing.
    init(_ arguments: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python.path) else {
            throw SetupError(description: "py-libp2p venv not found at \(Self.python.path): \(InteropPython.setupHint)")
        }
        let process = Process()
        process.executableURL = Self.python
        process.arguments = ["-u", Self.script.path] + arguments
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        let input = ChildProcess.pipe(), output = ChildProcess.pipe(), errors = ChildProcess.pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try ChildProcess.start(process)
        self.process = process
        self.stdin = input.fileHandleForWriting
        let (events, continuation) = AsyncStream<Event>.makeStream()
        self.events = events
        Self.readLines(output.fileHandleForReading) { line in
            guard let data = line.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let name = object["event"] as? String
            else { return }
            continuation.yield(Event(name: name, json: data))
        } onEnd: {
            continuation.finish()
        }
        Self.readLines(errors.fileHandleForReading) { [self] line in
            self.stderrLines.withLock { $0.append(line) }
        } onEnd: {}
    }

    /// Waits for the next event called `name` (earlier events of other names are kept for ``transcript``).
    /// - Throws: when the peer exits first or `timeout` passes, with its output.
    func next(_ name: String, timeout: Duration = .seconds(60)) async throws -> Event {
        let events = self.events
        let found = await withTaskGroup(of: Event?.self) { group in
            group.addTask {
                for await event in events {
                    self.seen.withLock { $0.append(event.description) }
                    if event.name == name { return event }
                }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let found else {
            throw SetupError(description: "py-libp2p peer gave no '\(name)' event within \(timeout)\n\(transcript)")
        }
        return found
    }

    /// Every event seen so far and the peer's stderr, for failure messages.
    var transcript: String {
        "stdout:\n" + seen.withLock { $0.joined(separator: "\n") } + "\nstderr:\n" + stderrLines.withLock { $0.suffix(40).joined(separator: "\n") }
    }

    /// Closes the peer's stdin (a listener exits on it) and waits for the process; kills it after `timeout`.
    @discardableResult
    func stop(timeout: Duration = .seconds(20)) async -> Int32 {
        try? stdin.close()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        }
        return process.terminationStatus
    }

    /// Kills the process at once (for `defer` on failure paths; ``stop(timeout:)`` is the orderly way).
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// Reads `handle` line by line on a thread of its own.
    private static func readLines(_ handle: FileHandle, _ body: @escaping @Sendable (String) -> Void, onEnd: @escaping @Sendable () -> Void) {
        let thread = Thread {
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    body(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...newline)
                }
            }
            if !buffer.isEmpty { body(String(decoding: buffer, as: UTF8.self)) }
            onEnd()
        }
        thread.start()
    }
}

/// The events of `libp2p_peer.py` (see its docstring).
enum PeerEvents {
    struct Ready: Decodable {
        let id: String
        let addrs: [String]
    }

    struct Echo: Decodable {
        let peer: String
        let bytes: Int
        let sha256: String
    }

    struct Ping: Decodable {
        let rttMs: Double
        let ok: Bool
        enum CodingKeys: String, CodingKey {
            case rttMs = "rtt_ms"
            case ok
        }
    }

    struct Identify: Decodable {
        let peerID: String
        let listenAddrs: [String]
        let observedAddr: String
        let protocols: [String]
        let protocolVersion: String
        let agentVersion: String
        enum CodingKeys: String, CodingKey {
            case peerID = "peer_id"
            case listenAddrs = "listen_addrs"
            case observedAddr = "observed_addr"
            case protocols
            case protocolVersion = "protocol_version"
            case agentVersion = "agent_version"
        }
    }

    struct EchoStream: Decodable {
        let index: Int
        let ok: Bool
        let sentSHA256: String
        let receivedSHA256: String
        let received: Int
        enum CodingKeys: String, CodingKey {
            case index, ok, received
            case sentSHA256 = "sent_sha256"
            case receivedSHA256 = "received_sha256"
        }
    }

    struct Done: Decodable {
        let ok: Bool
    }
}
