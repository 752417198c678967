#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// A file opened for reading, read sequentially (``ByteSource``) or at offsets (``read(at:into:)``).
public final class FileSource: ByteSource {
    /// The path, for messages.
    public let path: String
    private let descriptor: Int32

    /// Opens `path` for reading.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when it cannot be opened.
    public init(path: String) throws(CARError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CARError(.io, "cannot open \(path): \(String(cString: strerror(errno)))") }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The file's size in bytes.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when `fstat` fails.
    public func size() throws(CARError) -> UInt64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw CARError(.io, "cannot stat \(path): \(String(cString: strerror(errno)))") }
        return UInt64(clamping: info.st_size)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(CARError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = systemRead(descriptor, base, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw CARError(.io, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Fills `buffer` from `offset`, or up to the end of the file; returns how many bytes were read.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when reading fails.
    public func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(CARError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let (sum, overflow) = offset.addingReportingOverflow(UInt64(done))
            guard !overflow, let position = off_t(exactly: sum) else { throw CARError(.io, "offset \(offset) is beyond what this system can read") }
            let count = pread(descriptor, base + done, buffer.count - done, position)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw CARError(.io, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            done += count
        }
        return done
    }

    /// Fills `buffer` completely unless the file ends first; returns how many bytes were read.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when reading fails.
    public func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(CARError) -> Int {
        var done = 0
        while done < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            if count == 0 { break }
            done += count
        }
        return done
    }
}
