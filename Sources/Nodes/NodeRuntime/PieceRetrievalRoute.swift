import APICore
import Foundation
import HTTP2Transport
import Markets
import Multiformats

/// `GET|HEAD /piece/<PieceCID>` on the markets node: the piece as a client stored it (its bytes, then the zeros that
/// fill the piece), unpadded from the unsealed sector file, with `Range: bytes=a-b` answered 206. Public, as a
/// retrieval is: no token. `ConsiderOnlineRetrievalDeals` and `RetrievalFilter` decide whether it is served; the
/// unsealed copy is read here, fetched from the mining node's `/remote`, or made by the mining node first
/// (``Markets/MarketsActor/locatePiece(_:)``).
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
            return HTTPStreamResponse(status: status, headers: headers, body: try await markets.pieceBytes(at: location, start: start, end: end))
        } catch let error as RPCError {
            return HTTPStreamResponse(status: 502, text: "cannot read \(location.source): \(error.message)\n")
        } catch {
            return HTTPStreamResponse(status: 500, text: "cannot read \(location.source): \(error)\n")
        }
    }
}
