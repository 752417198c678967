import APICore
import Foundation
import HTTP2Transport
import Markets
import Multiformats
import PieceCommitment
import Synchronization

/// `GET|HEAD /piece/<PieceCID>` on the markets node: the piece as a client stored it (its bytes, then the zeros that
/// fill the piece), unpadded from the unsealed sector file, with `Range: bytes=a-b` answered 206. Public, as a
/// retrieval is: no token. `ConsiderOnlineRetrievalDeals` and `RetrievalFilter` decide whether it is served; a
/// missing unsealed copy is made by the mining node first (``Markets/MarketsActor/locatePiece(_:)``).
public struct PieceRetrievalRoute: HTTPStreamRoute {
    public static let prefix = "/piece/"
    let markets: MarketsActor

    public init(markets: MarketsActor) {
        self.markets = markets
    }

    public func matches(method: String, path: String) -> Bool {
        (method == "GET" || method == "HEAD") && path.hasPrefix(Self.prefix)
    }

    public func respond(to request: HTTPStreamRequest, body: AsyncThrowingStream<[UInt8], any Error>) async -> HTTPStreamResponse {
        let text = String(request.path.dropFirst(Self.prefix.count))
        let cid: CID
        do {
            cid = try CID(text)
        } catch {
            return HTTPStreamResponse(status: 400, text: "'\(text)' is not a piece CID: \(error)\n")
        }
        if let refusal = await markets.retrievalRefusal(piece: cid) { return HTTPStreamResponse(status: 403, text: refusal + "\n") }
        let location: PieceLocation
        do {
            location = try await markets.locatePiece(cid)
        } catch let error as RPCError {
            return HTTPStreamResponse(status: 404, text: error.message + "\n")
        } catch {
            return HTTPStreamResponse(status: 500, text: "\(error)\n")
        }
        let length = location.unpaddedLength
        var (start, end) = (UInt64(0), length)  // end exclusive
        var status = 200
        var headers: [(name: String, value: String)] = [(name: "accept-ranges", value: "bytes"), (name: "content-type", value: "application/vnd.ipld.car")]
        if let range = request.header("range") {
            guard let (first, last) = RemoteFileReader.parseRange(range, length: length) else {
                return HTTPStreamResponse(status: 416, headers: [(name: "content-range", value: "bytes */\(length)")], bytes: [])
            }
            (start, end, status) = (first, last + 1, 206)
            headers.append((name: "content-range", value: "bytes \(first)-\(last)/\(length)"))
        }
        headers.append((name: "content-length", value: String(end - start)))
        if request.method == "HEAD" { return HTTPStreamResponse(status: status, headers: headers, body: AsyncThrowingStream { $0.finish() }) }
        do {
            let reader = try UnpaddedPieceReader(location: location, start: start, end: end)
            return HTTPStreamResponse(status: status, headers: headers, body: AsyncThrowingStream(unfolding: { try reader.next() }))
        } catch {
            return HTTPStreamResponse(status: 500, text: "cannot read \(location.file): \(error)\n")
        }
    }
}

/// Reads bytes `start..<end` of a piece unpadded from its Fr32-padded copy: whole 128-byte blocks in chunks of 1 MiB
/// padded, each unpadded to 127 bytes per block and cut to the range.
final class UnpaddedPieceReader: Sendable {
    private let state: Mutex<(handle: FileHandle?, next: UInt64)>
    private let end: UInt64
    private let base: UInt64

    init(location: PieceLocation, start: UInt64, end: UInt64) throws {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: location.file))
        self.state = Mutex((handle, start))
        self.end = end
        self.base = location.offset
    }

    /// The next chunk, or `nil` (and the file closed) once the range is read.
    func next() throws -> [UInt8]? {
        try state.withLock { state in
            guard let handle = state.handle, state.next < end else {
                try? state.handle?.close()
                state.handle = nil
                return nil
            }
            let firstBlock = state.next / 127
            let lastBlock = min((end - 1) / 127, firstBlock + 8191)
            try handle.seek(toOffset: base + firstBlock * 128)
            let padded = [UInt8](try handle.read(upToCount: Int((lastBlock - firstBlock + 1) * 128)) ?? Data())
            guard padded.count == Int((lastBlock - firstBlock + 1) * 128) else {
                throw RPCError(.methodError, "the unsealed copy ends inside the piece")
            }
            let unpadded = try Fr32.unpad(padded)
            let from = Int(state.next - firstBlock * 127)
            let upTo = Int(min(end, (lastBlock + 1) * 127) - firstBlock * 127)
            state.next = firstBlock * 127 + UInt64(upTo)
            return Array(unpadded[from..<upTo])
        }
    }
}
