import APICore
import Foundation
import Synchronization

/// A byte range of a local file, read in chunks of 1 MiB as the consumer asks for them and closed at the range's end:
/// the body of a `/remote` sector read, and the padded bytes a piece retrieval unpads. It throws when the file ends
/// before the range does.
public final class FileRangeReader: Sendable {
    public static let chunkSize: UInt64 = 1 << 20
    private let state: Mutex<(handle: FileHandle?, next: UInt64)>
    private let end: UInt64
    private let path: String

    /// Opens `path` to read `range`.
    /// - Throws: when the file cannot be opened. (Reads use `pread` at explicit offsets, so the handle is never sought.)
    public init(path: String, range: Range<UInt64>) throws {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        self.state = Mutex((handle, range.lowerBound))
        self.end = range.upperBound
        self.path = path
    }

    /// The next chunk, or `nil` (and the file closed) once the range is read.
    /// - Throws: ``APICore/RPCError`` when the file ends inside the range (the file is then closed).
    public func next() throws -> [UInt8]? {
        try state.withLock { state in
            guard let handle = state.handle, state.next < end else {
                try? state.handle?.close()
                state.handle = nil
                return nil
            }
            let count = min(end - state.next, Self.chunkSize)
            let bytes = try Self.read(Int(count), at: state.next, from: handle.fileDescriptor, path: path)
            guard bytes.count == Int(count) else {
                try? handle.close()
                state.handle = nil
                throw RPCError(.methodError, "\(path) ends at \(state.next + UInt64(bytes.count)), inside the range read (to \(end))")
            }
            state.next += count
            return bytes
        }
    }

    /// Up to `count` bytes at `offset` of the file open as `descriptor`, read straight into the array (`pread`, no
    /// intermediate `Data`); fewer only at the end of the file.
    private static func read(_ count: Int, at offset: UInt64, from descriptor: Int32, path: String) throws -> [UInt8] {
        guard let start = off_t(exactly: offset) else { throw RPCError(.methodError, "offset \(offset) is beyond what \(path) can hold") }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < count {
                let got = pread(descriptor, base + initialized, count - initialized, start + off_t(initialized))
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { return }
                initialized += got
            }
        }
        guard failure == 0 else { throw RPCError(.methodError, "cannot read \(path): \(String(cString: strerror(failure)))") }
        return bytes
    }

    /// The range as a stream of chunks.
    public var chunks: AsyncThrowingStream<[UInt8], any Error> { AsyncThrowingStream(unfolding: { try self.next() }) }
}
