import Foundation
import HTTP2Transport
import Synchronization

/// Reads a sector file for ``RemoteSectorRoute``: the whole file or one byte range, in bounded chunks.
struct RemoteFileReader {
    /// Why a read cannot be served, as an HTTP status and a line of text.
    struct Failure: Error {
        var status: Int
        var message: String
    }

    static let chunkSize = 1 << 20
    let path: String
    let length: UInt64

    init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(status: 404, message: "\(path) is gone")
        }
        guard !isDirectory.boolValue else {
            throw Failure(status: 400, message: "\((path as NSString).lastPathComponent) is a directory (a cache); directories are not served")
        }
        self.path = path
        self.length = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.uint64Value ?? 0
    }

    /// Whether `[offset, offset + size)` lies within the file's data.
    func isAllocated(offset: UInt64, size: UInt64) -> Bool {
        let (end, overflow) = offset.addingReportingOverflow(size)
        return !overflow && size > 0 && end <= length
    }

    /// The response for `GET` with an optional `Range` header (`bytes=a-b`, `bytes=a-`, `bytes=-n`; one range).
    /// - Throws: ``Failure`` 416 for a range outside the file or one that does not parse.
    func response(range header: String?, headOnly: Bool) throws -> HTTPStreamResponse {
        var start: UInt64 = 0
        var end = length  // exclusive
        var status = 200
        var headers: [(name: String, value: String)] = [(name: "accept-ranges", value: "bytes"), (name: "content-type", value: "application/octet-stream")]
        if let header {
            guard let (first, last) = Self.parseRange(header, length: length) else {
                throw Failure(status: 416, message: "unsatisfiable range '\(header)' for a \(length)-byte file")
            }
            (start, end) = (first, last + 1)
            status = 206
            headers.append((name: "content-range", value: "bytes \(first)-\(last)/\(length)"))
        }
        headers.append((name: "content-length", value: String(end - start)))
        if headOnly { return HTTPStreamResponse(status: status, headers: headers, body: AsyncThrowingStream { $0.finish() }) }
        let source = ChunkSource(handle: try FileHandle(forReadingFrom: URL(fileURLWithPath: path)), path: path, remaining: end - start)
        try source.seek(to: start)
        let body = AsyncThrowingStream<[UInt8], any Error>(unfolding: { try source.next() })
        return HTTPStreamResponse(status: status, headers: headers, body: body)
    }

    /// The inclusive byte range `header` asks for, clamped to the file; `nil` when it does not parse or is empty.
    static func parseRange(_ header: String, length: UInt64) -> (UInt64, UInt64)? {
        guard header.hasPrefix("bytes="), length > 0 else { return nil }
        let spec = header.dropFirst("bytes=".count)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let left = spec[..<dash].trimmingCharacters(in: .whitespaces), right = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        if left.isEmpty {
            guard let suffix = UInt64(right), suffix > 0 else { return nil }
            return (length - min(suffix, length), length - 1)
        }
        guard let first = UInt64(left), first < length else { return nil }
        guard !right.isEmpty else { return (first, length - 1) }
        guard let last = UInt64(right), last >= first else { return nil }
        return (first, min(last, length - 1))
    }
}

/// The open file behind one response body: read in order, closed at the end.
final class ChunkSource: Sendable {
    private let state: Mutex<(handle: FileHandle?, remaining: UInt64)>
    private let path: String

    init(handle: FileHandle, path: String, remaining: UInt64) {
        self.state = Mutex((handle, remaining))
        self.path = path
    }

    func seek(to offset: UInt64) throws {
        try state.withLock { try $0.handle?.seek(toOffset: offset) }
    }

    /// The next chunk, or `nil` (and the file closed) once the range is read.
    func next() throws -> [UInt8]? {
        try state.withLock { state -> [UInt8]? in
            guard let handle = state.handle else { return nil }
            guard state.remaining > 0 else {
                try? handle.close()
                state.handle = nil
                return nil
            }
            let count = Int(min(UInt64(RemoteFileReader.chunkSize), state.remaining))
            guard let data = try handle.read(upToCount: count), !data.isEmpty else {
                try? handle.close()
                state.handle = nil
                throw RemoteFileReader.Failure(status: 500, message: "\(path) ended early")
            }
            state.remaining -= UInt64(data.count)
            return Array(data)
        }
    }
}
