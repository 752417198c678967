import ChildProcesses
import Foundation

/// What the interop tests hand to a Python script: deterministic input bytes, a scratch directory for the files
/// both sides read, and a run of a script to completion.
public enum InteropFiles {
    /// `count` deterministic bytes (xorshift64 from `seed`), so a failing case reproduces.
    public static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        var out = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            var word = state
            let end = min(count, index + 8)
            while index < end {
                out[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
        return out
    }

    /// The outcome of ``run(_:module:arguments:)``.
    public struct Outcome: Sendable {
        /// The exit status.
        public let status: Int32
        /// Standard output, split into lines.
        public let lines: [String]
        /// Standard error.
        public let errors: String
    }

    /// Runs `Tests/Interop/<script>` with the first Python that can import `module`, to completion, on a thread
    /// of its own; nil when no such Python exists (the caller records the failure with ``InteropPython/setupHint``).
    public static func run(_ script: String, module: String, arguments: [String]) async throws -> Outcome? {
        guard let python = await InteropPython.interpreter(with: module) else { return nil }
        return try await InteropPython.onThread { () -> Outcome in
            let process = Process()
            let output = ChildProcess.pipe()
            let errors = ChildProcess.pipe()
            InteropPython.prepare(process, python: python, script: script, arguments: arguments, input: ChildProcess.pipe(), output: output, errors: errors)
            try ChildProcess.start(process)
            let stdout = output.fileHandleForReading.readDataToEndOfFile()
            let stderr = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Outcome(
                status: process.terminationStatus,
                lines: String(decoding: stdout, as: UTF8.self).split(separator: "\n").map(String.init),
                errors: String(decoding: stderr, as: UTF8.self))
        }
    }
}

/// A directory under the system temporary directory, removed when released.
public final class ScratchDirectory {
    /// The directory.
    public let url: URL

    /// Creates a fresh directory named `<prefix>-<UUID>`.
    public init(prefix: String = "interop") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` and returns its path.
    public func write(_ bytes: [UInt8], to name: String) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
