/// Reads a byte range of a sector file that another node serves at `/remote` — one of the URLs `StorageFindSector`
/// returns — as Lotus's `paths.Remote` reads a file this node does not hold. The markets node of a split reads the
/// mining node's unsealed copies this way when it shares no storage path with it.
///
/// Free of NIO: the node assembly gives the HTTP/2 implementation, carrying the token of `SectorIndexApiInfo`
/// (`/remote` needs admin).
public protocol RemoteSectorReader: Sendable {
    /// Whether the file at `url` holds all of `range` (Lotus checks a remote unsealed copy before it reads from it);
    /// `false` too when the node cannot be reached or refuses.
    func holds(_ url: String, range: Range<UInt64>) async -> Bool


    /// Bytes `range` of the file at `url` (`http://HOST:PORT/remote/unsealed/s-t01000-3`), streamed as they arrive.
    /// - Throws: ``APICore/RPCError`` when the node cannot be reached, refuses the token, or does not hold the whole
    ///   range; thrown before the first byte, so a caller can still choose another source.
    func read(_ url: String, range: Range<UInt64>) async throws -> AsyncThrowingStream<[UInt8], any Error>
}
