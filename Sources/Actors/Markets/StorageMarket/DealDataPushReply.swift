import ChainTypes

/// The provider's answers on ``StorageMarketProtocol/dataPush``: first the offset the client resumes from (the bytes
/// the provider already holds), then, after the data, how many bytes it holds in all. A non-empty ``error`` refuses.
///
/// CBOR: a map with keys `Offset` (uint) and `Error` (text).
public struct DealDataPushReply: CBORMapEncoded {
    public static let goTypeName = "DealDataPushReply"

    public var offset: UInt64
    public var error: String

    public init(offset: UInt64, error: String = "") {
        self.offset = offset
        self.error = error
    }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("Offset") { $0.unsigned(offset) }
        map.field("Error") { $0.textString(error) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var offset: UInt64 = 0
        var error = ""
        try reader.readMapFields { key, reader in
            switch key {
            case "Offset": offset = try reader.unsigned()
            case "Error": error = try reader.boundedText()
            default: return false
            }
            return true
        }
        self.init(offset: offset, error: error)
    }
}
