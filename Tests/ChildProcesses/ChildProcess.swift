import Foundation
import SubsystemSupport
import Synchronization

/// Where every test in the test binary starts a child process, so that no child inherits another child's pipe.
///
/// Swift Testing runs tests in parallel threads of one process, and Foundation's `Process.run()` on Linux is not
/// safe against that: it makes its exit-watch socket pair and the caller makes its pipes without close-on-exec,
/// and a `posix_spawn` on another thread at that moment hands copies of them to an unrelated child. A copy kept by
/// a long-lived node keeps the pipe open, so a `readDataToEndOfFile()` or `waitUntilExit()` on the first child
/// never returns while that node runs — and the test that would stop the node waits for it: a full CI run once hung
/// that way until its time limit. Starting every child under one lock, with pipes that are close-on-exec from birth
/// (``pipe()``) and every other descriptor marked close-on-exec first, closes that window.
public enum ChildProcess {
    private static let spawning = Mutex(())

    /// A pipe whose two ends are close-on-exec from the moment they exist; `Process` still gives its child the end
    /// it is attached to (as stdin, stdout or stderr — `dup2` clears the flag on the copy).
    public static func pipe() -> Pipe {
        spawning.withLock { _ in
            let pipe = Pipe()
            DescriptorHygiene.setCloseOnExec(pipe.fileHandleForReading.fileDescriptor)
            DescriptorHygiene.setCloseOnExec(pipe.fileHandleForWriting.fileDescriptor)
            return pipe
        }
    }

    /// Starts `process` with no other child being started at the same time, after marking every descriptor of
    /// this process close-on-exec (listeners and connections of nodes running in the test process included: a
    /// child holding a copy of a listener shows up as listening on its port).
    public static func start(_ process: Process) throws {
        try spawning.withLock { _ in
            DescriptorHygiene.markAllCloseOnExec()
            try process.run()
        }
    }
}
