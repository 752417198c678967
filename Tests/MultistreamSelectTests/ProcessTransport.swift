import ChildProcesses
import Foundation
import InteropSupport
import MultistreamSelect
import NIOCore
import Synchronization

/// A Python script's stdin/stdout as a ``MultistreamTransport``: what we write goes to its stdin, what
/// it prints comes back from `read()`. Reads never block a thread: a readability handler feeds them.
final class ProcessTransport: MultistreamTransport {
    private let process = Process()
    private let input = ChildProcess.pipe(), output = ChildProcess.pipe(), errors = ChildProcess.pipe()
    private let inbox = Inbox()

    init(python: String, script: String, arguments: [String]) throws {
        InteropPython.prepare(process, python: python, script: script, arguments: arguments, input: input, output: output, errors: errors)
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
        try ChildProcess.start(process)
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
        return try await InteropPython.onThread { [process, errors] in
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
