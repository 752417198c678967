import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on `<repo>/repo.lock`, held until ``unlock()`` or deinit.
///
/// `flock` locks belong to the open file description, so a second ``Repo/lock()`` in the same process
/// conflicts just like one in another process. The kernel drops the lock if the process dies.
public final class RepoLock: Sendable {
    /// Path of the lock file.
    public let path: String
    private let descriptor: Mutex<Int32>

    /// Opens (creating if needed, mode 0644) and locks `path` without blocking.
    init(path: String, repoPath: String, type: RepoType) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 {
            let code = errno
            if code == ENOENT {
                throw RepoError(.notInitialized, "cannot lock repo at '\(repoPath)': the directory does not exist; "
                    + "initialize it first (\(type.initCommand))")
            }
            throw RepoError(.io, "cannot open lock file '\(path)': \(PosixFile.errorText(code))")
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(fd)
            if code == EWOULDBLOCK || code == EAGAIN {
                throw RepoError(.alreadyLocked, "repo is already locked by another process (\(path)); "
                    + "is \(type.processName) already running with this repo?")
            }
            throw RepoError(.io, "cannot lock '\(path)': \(PosixFile.errorText(code))")
        }
        self.path = path
        self.descriptor = Mutex(fd)
    }

    /// Whether this object still holds the lock.
    public var isLocked: Bool {
        descriptor.withLock { $0 >= 0 }
    }

    /// Releases the lock. Calling it again is harmless.
    public func unlock() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit {
        unlock()
    }
}
