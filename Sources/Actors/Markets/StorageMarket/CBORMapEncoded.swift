import ChainTypes

/// A go-fil-markets storage-market type that cbor-gen encodes as a map keyed by Go field names: a wire message
/// (``DealProposalMessage``, ``SignedDealResponse``, ``AskRequest``, …) or a struct inside one (``DataRef``,
/// ``StorageAsk``, ``ProviderDealState``, …).
///
/// go-fil-markets writes each message on its libp2p stream as one raw CBOR item, with no length prefix;
/// ``CBORFraming/firstItemLength(_:maxDepth:maxItemBytes:)`` finds where an item ends in the bytes read so far, and
/// ``decode(_:)`` decodes exactly that item.
///
/// ```swift
/// let request = AskRequest(miner: try Address(parsing: "t01000"))
/// let bytes = request.encoded                      // a1 65 "Miner" 43 00 e8 07
/// let back = try AskRequest.decode(bytes)
/// ```
public protocol CBORMapEncoded: Sendable, Hashable {
    /// The Go type's name, used in error messages (`"Proposal"`, `"SignedResponse"`, …).
    static var goTypeName: String { get }

    /// Appends the map encoding, its keys in `keyOrder`, to `cbor`.
    func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder)

    /// Reads one map-encoded value from `reader`, as cbor-gen's `UnmarshalCBOR` reads it: keys in any order,
    /// unknown keys skipped, omitted optional or scalar fields left at their Go zero value (`nil`, 0, `""`,
    /// `false`). Where cbor-gen would leave a zero value that has no wire form (an undefined CID or address, an
    /// empty signature, a struct holding one), the omitted field is an error; a Go peer could not write it back.
    /// - Throws: ``WireFormatError`` saying which field was wrong.
    init(cbor reader: inout CBORReader) throws(WireFormatError)
}

extension CBORMapEncoded {
    /// The encoding go-fil-markets v1.28 writes (keys in DAG-CBOR canonical order).
    public var encoded: [UInt8] { encoded(keyOrder: .canonical) }

    /// The encoding with its map keys (and those of the structs inside it) in `keyOrder`.
    public func encoded(keyOrder: CBORMapKeyOrder) -> [UInt8] {
        var cbor = CBORWriter()
        write(to: &cbor, keyOrder: keyOrder)
        return cbor.bytes
    }

    /// Decodes `bytes`, which must hold exactly one item (a stream reader cuts it out with ``CBORFraming``).
    /// Hostile input gives a thrown error, never a crash.
    /// - Throws: ``WireFormatError`` naming the type, the field path and what was wrong, also for trailing bytes.
    public static func decode(_ bytes: [UInt8]) throws(WireFormatError) -> Self {
        var reader = CBORReader(bytes)
        let value: Self
        do { value = try Self(cbor: &reader) } catch { throw error.inside(goTypeName) }
        guard reader.isAtEnd else {
            throw WireFormatError("\(goTypeName): \(bytes.count - reader.offset) trailing bytes after the item")
        }
        return value
    }
}
