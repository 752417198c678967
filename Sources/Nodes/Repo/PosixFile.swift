import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Small POSIX helpers: explicit modes (independent of the umask), atomic replace and exclusive create.
enum PosixFile {
    /// The last `errno` as text.
    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// `stat` result: permission bits and whether it is a directory; nil if the path does not exist.
    static func status(_ path: String) throws -> (mode: mode_t, isDirectory: Bool)? {
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw RepoError(.io, "cannot stat '\(path)': \(errorText(code))")
        }
        return (info.st_mode & 0o7777, (info.st_mode & S_IFMT) == S_IFDIR)
    }

    /// Whether anything exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Go's `%#o` rendering of a permission value: `0644`, `0755`, or `0` for zero.
    static func octal(_ mode: mode_t) -> String {
        mode == 0 ? "0" : "0" + String(mode, radix: 8)
    }

    /// Reads a whole file; nil if it does not exist.
    static func readFile(_ path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw RepoError(.io, "cannot open '\(path)': \(errorText(code))")
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw RepoError(.io, "cannot read '\(path)': \(errorText())")
            }
            if count == 0 { return out }
            out.append(contentsOf: chunk[0..<count])
        }
    }

    /// Creates a directory with exactly `mode` (then `chmod`, so the umask does not matter).
    /// With `intermediate`, missing parents are created with 0755. An existing directory is left as is.
    static func makeDirectory(_ path: String, mode: mode_t, intermediate: Bool = false) throws {
        if intermediate {
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, parent != path, try status(parent) == nil {
                try makeDirectory(parent, mode: 0o755, intermediate: true)
            }
        }
        if mkdir(path, mode) != 0 {
            let code = errno
            if code == EEXIST, try status(path)?.isDirectory == true { return }
            throw RepoError(.io, "cannot create directory '\(path)': \(errorText(code))")
        }
        if chmod(path, mode) != 0 {
            throw RepoError(.io, "cannot set mode \(octal(mode)) on '\(path)': \(errorText())")
        }
    }

    /// Writes `bytes` to a temporary file next to `path` with `mode`, fsyncs it, then either renames it over
    /// `path` (replace) or hard-links it to `path` so that an existing file is never overwritten
    /// (`exclusive`; returns false if `path` already exists). Readers never see a partial file.
    @discardableResult
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t, exclusive: Bool = false) throws -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temp = (directory as NSString).appendingPathComponent(
            ".\(name).tmp-\(UInt64.random(in: 0...UInt64.max))")
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 {
            throw RepoError(.io, "cannot create '\(temp)': \(errorText())")
        }
        var closed = false
        defer {
            if !closed { close(fd) }
            unlink(temp)
        }
        if fchmod(fd, mode) != 0 {
            throw RepoError(.io, "cannot set mode \(octal(mode)) on '\(temp)': \(errorText())")
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw RepoError(.io, "cannot write '\(temp)': \(errorText())")
            }
            offset += written
        }
        if fsync(fd) != 0 {
            throw RepoError(.io, "cannot sync '\(temp)': \(errorText())")
        }
        closed = true
        close(fd)
        if exclusive {
            if link(temp, path) != 0 {
                let code = errno
                if code == EEXIST { return false }
                throw RepoError(.io, "cannot create '\(path)': \(errorText(code))")
            }
        } else if rename(temp, path) != 0 {
            throw RepoError(.io, "cannot replace '\(path)': \(errorText())")
        }
        syncDirectory(directory)
        return true
    }

    /// Removes a file; a missing file is not an error. Returns whether something was removed.
    @discardableResult
    static func remove(_ path: String) throws -> Bool {
        if unlink(path) != 0 {
            let code = errno
            if code == ENOENT { return false }
            throw RepoError(.io, "cannot remove '\(path)': \(errorText(code))")
        }
        return true
    }

    /// Best-effort fsync of a directory so a rename/link survives a crash.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
