import Foundation
import HTTP2Transport
import SubsystemSupport

/// Reads a sector file for ``RemoteSectorRoute``: the whole file or one byte range, in bounded chunks.
struct RemoteFileReader {
    /// Why a read cannot be served, as an HTTP status and a line of text.
    struct Failure: Error {
        var status: Int
        var message: String
    }

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
        return HTTPStreamResponse(status: status, headers: headers, body: try FileRangeReader(path: path, range: start..<end).chunks)
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
