import ChildProcesses
import Foundation
import InteropSupport

final class FramedProcess {
    let process = Process()
    private let input = ChildProcess.pipe(), output = ChildProcess.pipe(), errors = ChildProcess.pipe()

    init(python: String, script: String, arguments: [String]) throws {
        InteropPython.prepare(process, python: python, script: script, arguments: arguments, input: input, output: output, errors: errors)
        try ChildProcess.start(process)
    }

    func send(_ frame: [UInt8]) throws {
        precondition(frame.count <= 65535)
        try input.fileHandleForWriting.write(contentsOf: [UInt8(frame.count >> 8), UInt8(frame.count & 0xff)] + frame)
    }

    /// The next frame, or nil if the script closed its output.
    func receive() throws -> [UInt8]? {
        guard let header = try readExactly(2) else { return nil }
        let length = Int(header[0]) << 8 | Int(header[1])
        return try readExactly(length) ?? []
    }

    /// Closes the script's stdin, waits for it, and returns its exit status and stderr.
    func finish() -> (status: Int32, stderr: String) {
        try? input.fileHandleForWriting.close()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    private func readExactly(_ count: Int) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        while bytes.count < count {
            guard let chunk = try output.fileHandleForReading.read(upToCount: count - bytes.count), !chunk.isEmpty else {
                return bytes.isEmpty && count > 0 ? nil : bytes
            }
            bytes += chunk
        }
        return bytes
    }
}

/// A running Python script that reports on stdout, one line at a time.
///
/// `@unchecked Sendable`: a test hands it between its own task and `InteropPython.onThread` closures that
/// run one after another, never at the same time; Process and the pipes are not touched concurrently.
final class LineProcess: @unchecked Sendable {
    let process = Process()
    private let input = ChildProcess.pipe(), output = ChildProcess.pipe(), errors = ChildProcess.pipe()

    init(python: String, script: String, arguments: [String]) throws {
        InteropPython.prepare(process, python: python, script: script, arguments: arguments, input: input, output: output, errors: errors)
        try ChildProcess.start(process)
    }

    /// The next line of stdout without its newline, or nil at the end (blocks: call it in `onThread`).
    func readLine() throws -> String? {
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first {
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
        return line.isEmpty ? nil : String(decoding: line, as: UTF8.self)
    }

    /// The value after `key` on the next line, which must read `key value`.
    func expect(_ key: String) throws -> String {
        guard let line = try readLine() else { throw ScriptError("the script ended before printing \"\(key) …\"") }
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == key else { throw ScriptError("expected \"\(key) …\" from the script, got \"\(line)\"") }
        return parts[1]
    }

    /// Waits for the script (blocks: call it in `onThread`); returns its status and stderr.
    func finish() -> (status: Int32, stderr: String) {
        try? input.fileHandleForWriting.close()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    /// Stops the script if it is still running.
    func kill() {
        if process.isRunning { process.terminate() }
    }
}

/// The script did not print what the test expected.
struct ScriptError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
