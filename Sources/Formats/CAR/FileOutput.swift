#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
private let systemClose = Glibc.close
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemClose = Darwin.close
#endif

/// A file created (or truncated) for writing, with a 1 MiB buffer.
public final class FileOutput {
    /// The path, for messages.
    public let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private static let capacity = 1 << 20

    /// Creates or truncates `path` (mode 0644).
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when it cannot be created.
    public init(path: String) throws(CARError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CARError(.io, "cannot create \(path): \(String(cString: strerror(errno)))") }
        self.path = path
        self.descriptor = descriptor
        buffer.reserveCapacity(Self.capacity)
    }

    deinit {
        if descriptor >= 0 { _ = systemClose(descriptor) }
    }

    /// Appends `bytes`.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when writing fails.
    public func write(_ bytes: some Collection<UInt8>) throws(CARError) {
        if buffer.count + bytes.count > Self.capacity { try flush() }
        if bytes.count >= Self.capacity {
            try writeAll(Array(bytes))
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Writes out what is buffered.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when writing fails.
    public func flush() throws(CARError) {
        guard !buffer.isEmpty else { return }
        let pending = buffer
        buffer.removeAll(keepingCapacity: true)
        try writeAll(pending)
    }

    /// Flushes, syncs and closes the file.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when writing or syncing fails.
    public func close() throws(CARError) {
        try flush()
        guard descriptor >= 0 else { return }
        let synced = fsync(descriptor) == 0
        let closed = systemClose(descriptor) == 0
        descriptor = -1
        guard synced && closed else { throw CARError(.io, "cannot finish writing \(path): \(String(cString: strerror(errno)))") }
    }

    private func writeAll(_ bytes: [UInt8]) throws(CARError) {
        let descriptor = descriptor
        let failed = bytes.withUnsafeBytes { raw -> Int32? in
            guard let base = raw.baseAddress else { return nil }
            var done = 0
            while done < raw.count {
                let count = systemWrite(descriptor, base + done, raw.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += count
            }
            return nil
        }
        if let failed { throw CARError(.io, "cannot write \(path): \(String(cString: strerror(failed)))") }
    }
}
