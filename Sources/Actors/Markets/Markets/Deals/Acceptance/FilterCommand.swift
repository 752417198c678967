import Foundation
import SubsystemSupport
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An operator's filter command (`[Dealmaking] Filter` / `RetrievalFilter`), run as Lotus runs it
/// (`markets/dealfilter/cli.go`): `sh -c "<command>"` with the deal as indented JSON on stdin; exit 0 accepts,
/// any other exit rejects with the command's combined output as the reason.
///
/// Unlike Lotus, a command that does not finish within ``timeout`` is killed (its whole process group, so a
/// `sleep` it started goes too) and the deal is rejected; the child starts with no descriptor of the node's but
/// its three standard streams (every other one is close-on-exec when it is spawned).
public struct FilterCommand: Sendable {
    /// The decision.
    public enum Verdict: Sendable, Equatable {
        case accept
        case reject(String)
    }

    public let command: String
    public let timeout: Duration
    /// At most this much of the command's output is kept as the reason.
    public static let maxOutput = 16 << 10

    public init(command: String, timeout: Duration = .seconds(30)) {
        self.command = command
        self.timeout = timeout
    }

    /// Runs the command with `input` on stdin.
    public func run(input: [UInt8]) async -> Verdict {
        let child: Child
        do {
            child = try Child.spawn(command)
        } catch {
            return .reject("filter cmd run error")
        }
        // The pipes block, so they are fed and drained on threads of their own: a blocking read on the cooperative
        // pool (two threads on a 2-core machine) would stall every task of the process while the filter runs.
        async let written: Void = Self.onThread { child.write(input) }
        async let read = Self.onThread { child.readOutput(limit: Self.maxOutput) }
        let status = await child.wait(timeout: timeout)
        child.killGroup()  // whatever it left running in the background
        await written
        let output = await read
        child.closeOutput()
        switch status {
        case .some(0): return .accept
        case .some: return .reject(output)
        case .none: return .reject("filter command timed out after \(timeout) and was killed")
        }
    }

    /// Runs blocking `work` on a new thread and returns its result.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }

    /// A spawned `sh -c`, in a process group of its own.
    final class Child: Sendable {
        let pid: pid_t
        let stdinFD: Int32
        let outputFD: Int32

        private init(pid: pid_t, stdinFD: Int32, outputFD: Int32) {
            self.pid = pid
            self.stdinFD = stdinFD
            self.outputFD = outputFD
        }

        struct SpawnFailed: Error {}

        static func spawn(_ command: String) throws -> Child {
            // A filter that exits without reading its input must not kill the node with SIGPIPE.
            signal(SIGPIPE, SIG_IGN)
            return try spawning.withLock { _ in try spawnLocked(command) }
        }

        /// One spawn at a time: the pipes are made and everything else is marked close-on-exec with no other spawn
        /// between, so no child holds another's pipe (Glibc's `pipe2` and `addclosefrom_np` are not visible to Swift).
        private static let spawning = Mutex(())

        private static func spawnLocked(_ command: String) throws -> Child {
            DescriptorHygiene.markAllCloseOnExec()
            var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
            guard pipe(&input) == 0 else { throw SpawnFailed() }
            guard pipe(&output) == 0 else {
                close(input[0]); close(input[1])
                throw SpawnFailed()
            }
            for fd in input + output { DescriptorHygiene.setCloseOnExec(fd) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_adddup2(&actions, input[0], 0)
            posix_spawn_file_actions_adddup2(&actions, output[1], 1)
            posix_spawn_file_actions_adddup2(&actions, output[1], 2)
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var defaults = sigset_t()
            sigemptyset(&defaults)
            sigaddset(&defaults, SIGPIPE)
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setpgroup(&attributes, 0)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
            var pid: pid_t = 0
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup("sh"), strdup("-c"), strdup(command), nil]
            defer { for arg in argv { free(arg) } }
            let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
            close(input[0])
            close(output[1])
            guard result == 0 else {
                close(input[1]); close(output[0])
                throw SpawnFailed()
            }
            return Child(pid: pid, stdinFD: input[1], outputFD: output[0])
        }

        /// Writes `bytes` to the child's stdin and closes it; a child that stops reading ends the write.
        func write(_ bytes: [UInt8]) {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(stdinFD, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
            close(stdinFD)
        }

        /// Reads stdout and stderr until every writer has closed them, keeping the first `limit` bytes.
        func readOutput(limit: Int) -> String {
            var kept: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(outputFD, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                if kept.count < limit { kept += buffer[0..<min(count, limit - kept.count)] }
            }
            return String(decoding: kept, as: UTF8.self)
        }

        /// The exit status, or `nil` when the child ran past `timeout` (it is then killed and reaped).
        func wait(timeout: Duration) async -> Int32? {
            let deadline = ContinuousClock.now + timeout
            while true {
                var status: Int32 = 0
                let reaped = waitpid(pid, &status, WNOHANG)
                if reaped == pid {
                    // WIFEXITED / WEXITSTATUS, spelt out (the C macros are not imported); a signal counts as a failure.
                    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                }
                if reaped < 0 && errno != EINTR { return -1 }
                if ContinuousClock.now >= deadline {
                    killGroup()
                    _ = waitpid(pid, &status, 0)
                    return nil
                }
                try? await Task.sleep(for: .milliseconds(10))
            }
        }

        func killGroup() { kill(-pid, SIGKILL) }

        func closeOutput() { close(outputFD) }
    }
}
