import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What a process does before it starts a child: every descriptor it holds above stderr is marked close-on-exec, so
/// the child gets only the standard streams it is handed (`dup2` copies clear the flag) — not a listener (it would
/// show up as listening on the port), a connection, or another child's pipe (whose reader would then never see its
/// end). Used by the Markets filter command and by every test that starts a process.
public enum DescriptorHygiene {
    /// Marks every open descriptor above stderr close-on-exec (`/proc/self/fd`).
    public static func markAllCloseOnExec() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for entry in entries {
            guard let fd = Int32(entry), fd > 2 else { continue }
            setCloseOnExec(fd)
        }
    }

    /// Marks one descriptor close-on-exec.
    public static func setCloseOnExec(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFD)
        if flags >= 0, flags & FD_CLOEXEC == 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
    }
}
