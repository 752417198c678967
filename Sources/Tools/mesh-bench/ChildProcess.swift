import Foundation

/// Runs external programs (h2load, nginx) without blocking a Swift concurrency thread: the servers
/// under test run their request tasks on the same two-thread cooperative pool.
struct ChildProcess: Sendable {
    let process: Process
    let exited: AsyncStream<Int32>

    /// The full path of `name` in `PATH` (plus `/usr/sbin` and `/sbin`, where nginx lives), if any.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/local/sbin"]
        return directories.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `executable`; stdout and stderr go to `output`.
    static func launch(_ executable: String, _ arguments: [String], output: String) throws -> ChildProcess {
        guard FileManager.default.createFile(atPath: output, contents: nil), let sink = FileHandle(forWritingAtPath: output) else {
            throw BenchError("cannot write \(output)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = sink
        process.standardError = sink
        let (exited, continuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished in
            continuation.yield(finished.terminationStatus)
            continuation.finish()
        }
        try process.run()
        return ChildProcess(process: process, exited: exited)
    }

    /// Runs `executable` to completion and returns its exit status and its combined output.
    static func run(_ executable: String, _ arguments: [String], output: String) async throws -> (status: Int32, output: String) {
        let child = try launch(executable, arguments, output: output)
        let status = await child.wait()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return (status, text)
    }

    /// Waits for the process to exit; returns its status.
    func wait() async -> Int32 {
        var status: Int32 = -1
        for await code in exited { status = code }
        return status
    }

    /// Sends SIGTERM and waits for the exit.
    func stop() async {
        if process.isRunning { process.terminate() }
        _ = await wait()
    }
}
