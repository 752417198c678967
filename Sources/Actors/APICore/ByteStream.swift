import Foundation
import Synchronization

/// A byte payload passed as a method param without holding it whole in memory: Lotus's `io.Reader` params
/// (the piece of `SectorAddPieceToAny`).
///
/// On the wire it is `{"Type":"push","Info":"<uuid>"}` and the bytes follow as the body of
/// `POST /rpc/streams/v0/push/<uuid>` on the same node, sent by the client alongside the call. In a local
/// (monolith) call the chunks are handed over directly.
public struct ByteStream: Codable, Sendable {
    /// The push id, a UUID.
    public let id: String
    private let source: Source

    enum Source: Sendable {
        case local(AsyncThrowingStream<[UInt8], any Error>)
        case pushed(any ByteStreamResolver)
        case unresolved
    }

    /// A stream of `chunks` to send.
    public init(_ chunks: AsyncThrowingStream<[UInt8], any Error>) {
        id = UUID().uuidString.lowercased()
        source = .local(chunks)
    }

    /// A stream of `bytes`, sent in chunks of `chunkSize`.
    public init(bytes: [UInt8], chunkSize: Int = 1 << 16) {
        self.init(AsyncThrowingStream { continuation in
            var offset = 0
            while offset < bytes.count {
                continuation.yield(Array(bytes[offset..<min(offset + chunkSize, bytes.count)]))
                offset += chunkSize
            }
            continuation.finish()
        })
    }

    /// The chunks. On a server this waits for the client's push (up to the resolver's timeout).
    /// - Throws: ``RPCError`` when the bytes never arrive.
    public func chunks() async throws -> AsyncThrowingStream<[UInt8], any Error> {
        switch source {
        case .local(let chunks): return chunks
        case .pushed(let resolver): return try await resolver.stream(for: id)
        case .unresolved: throw RPCError(.methodError, "byte stream \(id) has no data source on this side")
        }
    }

    /// The chunks to upload when this value is encoded by a client (`nil` for a received stream).
    public var localChunks: AsyncThrowingStream<[UInt8], any Error>? {
        if case .local(let chunks) = source { return chunks }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case info = "Info"
    }

    /// `userInfo` key under which a server's decoder carries its ``ByteStreamResolver``.
    public static let resolverKey = CodingUserInfoKey(rawValue: "lotus.byteStream.resolver")!
    /// `userInfo` key under which a client's encoder carries a ``ByteStreamCollector``.
    public static let collectorKey = CodingUserInfoKey(rawValue: "lotus.byteStream.collector")!

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        guard type == "push" else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unsupported reader type '\(type)'; only \"push\" is served")
        }
        id = try container.decode(String.self, forKey: .info)
        guard UUID(uuidString: id) != nil else {
            throw DecodingError.dataCorruptedError(forKey: .info, in: container, debugDescription: "push id must be a UUID")
        }
        source = (decoder.userInfo[Self.resolverKey] as? any ByteStreamResolver).map(Source.pushed) ?? .unresolved
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("push", forKey: .type)
        try container.encode(id, forKey: .info)
        if let chunks = localChunks, let collector = encoder.userInfo[Self.collectorKey] as? ByteStreamCollector {
            collector.add(id: id, chunks: chunks)
        }
    }
}

/// Finds the bytes pushed for a stream id (implemented by the JSON-RPC server's push registry).
public protocol ByteStreamResolver: Sendable {
    func stream(for id: String) async throws -> AsyncThrowingStream<[UInt8], any Error>
}

/// Gathers the byte streams met while encoding a request, so the client can upload them.
public final class ByteStreamCollector: Sendable {
    private let collected = Mutex<[(id: String, chunks: AsyncThrowingStream<[UInt8], any Error>)]>([])

    public init() {}

    public var streams: [(id: String, chunks: AsyncThrowingStream<[UInt8], any Error>)] { collected.withLock { $0 } }

    public func add(id: String, chunks: AsyncThrowingStream<[UInt8], any Error>) {
        collected.withLock { $0.append((id, chunks)) }
    }
}
