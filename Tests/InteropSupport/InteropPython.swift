import ChildProcesses
import Foundation

/// Where the interop tests find Python and their scripts, and how they run blocking work.
///
/// `scripts/install-test-deps` creates the py-libp2p venv at `<repo>/.venv-interop`; the scripts live in
/// `Tests/Interop`. An interpreter is looked up per module: `$LOTUS_TEST_PYTHON`, then the venv, then `python3` on
/// `PATH`; the first that can `import` the module wins. A test that finds none fails (interop tests never skip).
public enum InteropPython {
    /// The repository root (this file is `Tests/InteropSupport/InteropPython.swift`).
    public static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `Tests/Interop`, the Python peers' scripts.
    public static let scriptsDirectory = repoRoot.appendingPathComponent("Tests/Interop")

    /// The venv's interpreter, `<repo>/.venv-interop/bin/python`.
    public static let venvPython = repoRoot.appendingPathComponent(".venv-interop/bin/python").path

    /// What to tell a developer whose venv is missing.
    public static let setupHint = "run scripts/install-test-deps (it installs libp2p==0.8.1 into .venv-interop)"

    /// The first interpreter that can `import module`, or nil (looked up once per module and test run: starting
    /// Python costs seconds here).
    public static func interpreter(with module: String) async -> String? {
        await cache.interpreter(with: module)
    }

    /// Prepares `process` to run `python` on `Tests/Interop/<script>` with `arguments`, its stdin, stdout and stderr
    /// on the given pipes. The caller starts it (after installing any readability handler).
    public static func prepare(
        _ process: Process, python: String, script: String, arguments: [String], input: Pipe, output: Pipe, errors: Pipe
    ) {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, scriptsDirectory.appendingPathComponent(script).path] + arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
    }

    /// Runs blocking work (a pipe read, `waitUntilExit`) on a new thread: on Swift's cooperative pool it would
    /// starve other tests.
    public static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    private static let cache = Cache()

    private actor Cache {
        private var found: [String: String?] = [:]

        func interpreter(with module: String) async -> String? {
            if let known = found[module] { return known }
            let result = await InteropPython.search(module)
            found[module] = result
            return result
        }
    }

    private static func search(_ module: String) async -> String? {
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["LOTUS_TEST_PYTHON"], !configured.isEmpty {
            candidates.append(configured)
        }
        candidates += [venvPython, "python3"]
        for candidate in candidates {
            let status = try? await onThread { () -> Int32 in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = [candidate, "-c", "import \(module)"]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try ChildProcess.start(process)
                process.waitUntilExit()
                return process.terminationStatus
            }
            if status == 0 { return candidate }
        }
        return nil
    }
}
