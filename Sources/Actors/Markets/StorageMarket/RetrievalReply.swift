import ChainTypes

/// The provider's answer on ``StorageMarketProtocol/retrieval`` before the bytes: the CAR's size, or why it is not
/// served (then no bytes follow).
///
/// CBOR: a map with keys `Size` (uint) and `Error` (text).
public struct RetrievalReply: CBORMapEncoded {
    public static let goTypeName = "RetrievalReply"

    public var size: UInt64
    public var error: String

    public init(size: UInt64, error: String = "") {
        self.size = size
        self.error = error
    }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("Size") { $0.unsigned(size) }
        map.field("Error") { $0.textString(error) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var size: UInt64 = 0
        var error = ""
        try reader.readMapFields { key, reader in
            switch key {
            case "Size": size = try reader.unsigned()
            case "Error": error = try reader.boundedText()
            default: return false
            }
            return true
        }
        self.init(size: size, error: error)
    }
}
