#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MinerConfig

/// Replaces a file's contents all at once: writes a temporary file next to it, flushes it to disk, then renames it
/// over the target, so readers and crashes see either the old file or the new one, never half of it.
enum AtomicFileWriter {
    /// Writes `text` to `path` atomically. A new file gets mode `0644`; an existing file keeps its mode.
    /// - Throws: ``ConfigError`` naming `path` and the system error.
    static func write(_ text: String, to path: String) throws {
        var mode: mode_t = 0o644
        var info = stat()
        if stat(path, &info) == 0 { mode = info.st_mode & 0o7777 }

        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure(path, "cannot create \(temporary)") }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }

        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(fd, base + written, buffer.count - written)
            }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else {
                let error = failure(path, "cannot write \(temporary)")
                close(fd)
                throw error
            }
            written += result
        }
        guard fsync(fd) == 0 else {
            let error = failure(path, "cannot flush \(temporary)")
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw failure(path, "cannot close \(temporary)") }
        // open(2) applies the umask; set the intended mode explicitly.
        _ = chmod(temporary, mode)
        guard rename(temporary, path) == 0 else { throw failure(path, "cannot rename \(temporary) to \(path)") }
        renamed = true
        syncDirectory(of: path)
    }

    /// Flushes the directory entry of `path` (best effort), so the rename itself survives a crash.
    private static func syncDirectory(of path: String) {
        let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func failure(_ path: String, _ what: String) -> ConfigError {
        ConfigError(file: path, message: "\(what): \(String(cString: strerror(errno)))")
    }
}

/// POSIX `write(2)`, named so it cannot be confused with ``AtomicFileWriter/write(_:to:)``.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
