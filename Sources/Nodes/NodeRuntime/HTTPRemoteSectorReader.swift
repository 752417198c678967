import APICore
import Foundation
import HTTP2Transport
import SectorStorageAPI
import Synchronization

/// Reads byte ranges of the sector files other nodes serve at `/remote` (``RemoteSectorRoute``), as Lotus's
/// `paths.Remote` does with `Range` requests, carrying the token of the API info the reader was made from (`/remote`
/// needs admin). The ranges themselves are read over plain HTTP/1.1, a connection per read
/// (``HTTP2Transport/HTTP1StreamClient``: a bulk body there costs a third of what it costs in HTTP/2 frames); the
/// `HEAD` probes, and every request to a node that serves TLS, go over the node's one HTTP/2 connection.
public final class HTTPRemoteSectorReader: RemoteSectorReader {
    private let token: String?
    private let transports = Mutex<[String: HTTP2ClientTransport]>([:])

    /// - Parameter token: the JWT of `SectorIndexApiInfo`.
    public init(token: String?) {
        self.token = token
    }

    public func holds(_ url: String, range: Range<UInt64>) async -> Bool {
        guard !range.isEmpty, let (endpoint, path) = try? Self.remote(url),
            let response = try? await request("HEAD", endpoint, path: path, range: range)
        else { return false }
        do { for try await _ in response.body {} } catch { return false }
        return response.status == 206
    }

    public func read(_ url: String, range: Range<UInt64>) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        guard !range.isEmpty else { return AsyncThrowingStream { $0.finish() } }
        let (endpoint, path) = try Self.remote(url)
        let response =
            endpoint.tls
            ? try await request("GET", endpoint, path: path, range: range)
            : try await HTTP1StreamClient.get(endpoint, path: path, headers: [Self.rangeHeader(range)], token: token)
        let asked = "bytes \(range.lowerBound)-\(range.upperBound - 1)"
        guard response.status == 206 else {
            var text: [UInt8] = []
            for try await chunk in response.body where text.count < 512 { text += chunk.prefix(512 - text.count) }
            let reason = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw RPCError(.methodError, "\(url) answered \(response.status) to \(asked): \(reason)")
        }
        guard response.headers.contains(where: { $0.name.lowercased() == "content-range" && $0.value.hasPrefix(asked + "/") }) else {
            throw RPCError(.methodError, "\(url) answered another range than \(asked)")
        }
        return response.body
    }

    /// The node and the path of a `/remote` URL.
    /// - Throws: ``APICore/RPCError`` when `url` is not one.
    static func remote(_ url: String) throws -> (APIEndpoint, String) {
        guard let endpoint = try? APIEndpoint.parse(url), let path = endpoint.path, path.hasPrefix(RemoteSectorRoute.prefix) else {
            throw RPCError(.methodError, "'\(url)' is not a /remote URL of a sector file")
        }
        return (endpoint, path)
    }

    /// `method` of `path` with `Range: bytes=…` for `range`, on the node's one HTTP/2 connection.
    private func request(_ method: String, _ endpoint: APIEndpoint, path: String, range: Range<UInt64>) async throws -> HTTPStreamResponse {
        let transport = transports.withLock { transports in
            if let known = transports[endpoint.httpURL] { return known }
            let made = HTTP2ClientTransport(endpoint: endpoint, path: path, token: token)
            transports[endpoint.httpURL] = made
            return made
        }
        return try await transport.request(method: method, path: path, headers: [Self.rangeHeader(range)])
    }

    /// `Range: bytes=FIRST-LAST` for `range` (not empty).
    static func rangeHeader(_ range: Range<UInt64>) -> (name: String, value: String) {
        (name: "range", value: "bytes=\(range.lowerBound)-\(range.upperBound - 1)")
    }
}
