import APICore
import Libp2p
import NIOCore
import StorageMarket

extension Libp2pStream {
    /// Reads one raw CBOR item, the way go-fil-markets frames its storage-market messages (no length prefix: the item
    /// ends where its structure says), within `timeout`.
    /// - Throws: ``StorageMarketNetworkError`` when the item is malformed or over `maxBytes`, the stream ends first, or
    ///   the peer is slower than `timeout` (the stream is then reset).
    public func readCBORItem(maxBytes: Int = CBORFraming.defaultMaxItemBytes, timeout: Duration) async throws -> [UInt8] {
        guard let item = try await withTimeLimit(timeout, { try await self.readCBORItem(maxBytes: maxBytes) }) else {
            reset()
            throw StorageMarketNetworkError("\(protocolID) from \(remotePeer): no complete message within \(timeout)")
        }
        return item
    }

    private func readCBORItem(maxBytes: Int) async throws -> [UInt8] {
        var buffer: [UInt8] = []
        while true {
            let length: Int?
            do {
                length = try CBORFraming.firstItemLength(buffer[...], maxItemBytes: maxBytes)
            } catch {
                throw StorageMarketNetworkError("\(protocolID) from \(remotePeer): \(error)")
            }
            if let length { return Array(buffer.prefix(length)) }
            guard let more = try await read() else {
                throw StorageMarketNetworkError(
                    "\(protocolID) from \(remotePeer): the stream ended \(buffer.isEmpty ? "before a message" : "inside a message (\(buffer.count) bytes)")")
            }
            buffer += more.readableBytesView
        }
    }

    /// The next bytes from the peer (nil at its end of stream), or a reset stream and a thrown error when none come
    /// within `timeout`.
    public func readChunk(timeout: Duration) async throws -> ByteBuffer? {
        guard let chunk = try await withTimeLimit(timeout, { try await self.read() }) else {
            reset()
            throw StorageMarketNetworkError("\(protocolID) from \(remotePeer): nothing sent for \(timeout)")
        }
        return chunk
    }

    /// Writes `message` as one CBOR item.
    public func writeCBOR(_ message: some CBORMapEncoded) async throws {
        try await write(ByteBuffer(bytes: message.encoded))
    }
}
