import Foundation
import MultistreamSelect
import NIOCore
import Synchronization

/// A Python script's stdin/stdout as a ``MultistreamTransport``: what we write goes to its stdin, what
/// it prints comes back from `read()`. Reads never block a thread: a readability handler feeds them.
final class ProcessTransport: MultistreamTransport {
    private let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()
    private let inbox = Inbox()

    init(python: String, script: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, Interop.directory.appendingPathComponent(script).path] + arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let inbox = self.inbox
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                inbox.finish()
            } else {
                inbox.deliver(ByteBuffer(bytes: data))
            }
        }
        try process.run()
    }

    func read() async throws -> ByteBuffer? {
        await inbox.receive()
    }

    func write(_ buffer: ByteBuffer) async throws {
        try input.fileHandleForWriting.write(contentsOf: Array(buffer.readableBytesView))
    }

    /// Closes the script's stdin, waits for it on a thread of its own, returns its status and stderr.
    func finish() async throws -> (status: Int32, stderr: String) {
        try? input.fileHandleForWriting.close()
        return try await Interop.onThread { [process, errors] in
            let stderr = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
        }
    }

    /// Chunks from the script, and at most one reader waiting for them.
    final class Inbox: Sendable {
        private struct State {
            var chunks: [ByteBuffer] = []
            var finished = false
            var waiter: CheckedContinuation<ByteBuffer?, Never>?
        }
        private let state = Mutex(State())

        func deliver(_ chunk: ByteBuffer) {
            let waiter = state.withLock { state -> CheckedContinuation<ByteBuffer?, Never>? in
                if let waiter = state.waiter {
                    state.waiter = nil
                    return waiter
                }
                state.chunks.append(chunk)
                return nil
            }
            waiter?.resume(returning: chunk)
        }

        func finish() {
            let waiter = state.withLock { state -> CheckedContinuation<ByteBuffer?, Never>? in
                state.finished = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }

        func receive() async -> ByteBuffer? {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> ByteBuffer?? in
                    if !state.chunks.isEmpty { return .some(state.chunks.removeFirst()) }
                    if state.finished { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}

/// Finds Python for the interop scripts: `$LOTUS_TEST_PYTHON`, then the py-libp2p venv at
/// `<repo>/.venv-interop` (`scripts/install-test-deps`), then `python3` on `PATH`; the first that can import the module wins.
enum Interop {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Interop")

    static func python(with module: String) async -> String? {
        await cache.python(with: module)
    }

    private static let cache = Cache()

    /// Each module is looked up once per test run (starting Python costs seconds here).
    private actor Cache {
        private var found: [String: String?] = [:]

        func python(with module: String) async -> String? {
            if let known = found[module] { return known }
            let result = await Interop.search(module)
            found[module] = result
            return result
        }
    }

    private static func search(_ module: String) async -> String? {
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["LOTUS_TEST_PYTHON"], !configured.isEmpty {
            candidates.append(configured)
        }
        candidates += [
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".venv-interop/bin/python").path,
            "python3",
        ]
        for candidate in candidates {
            let status = try? await onThread { () -> Int32 in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = [candidate, "-c", "import \(module)"]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
                return process.terminationStatus
            }
            if status == 0 { return candidate }
        }
        return nil
    }

    /// Runs blocking work on a new thread, off Swift's cooperative pool.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
