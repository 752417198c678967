import ChainTypes

/// Collects the fields of a map-encoded struct in Go declaration order and writes them in the requested
/// ``CBORMapKeyOrder``.
struct CBORMapWriter {
    private var fields: [(key: String, value: [UInt8])] = []
    private let order: CBORMapKeyOrder

    /// A writer whose fields will come out in `order`.
    init(order: CBORMapKeyOrder) { self.order = order }

    /// Adds the field `key` (the Go field name), its value written by `write`; call in Go declaration order.
    mutating func field(_ key: String, _ write: (inout CBORWriter) -> Void) {
        var value = CBORWriter()
        write(&value)
        fields.append((key, value.bytes))
    }

    /// Writes the map head and the fields to `cbor`.
    func write(to cbor: inout CBORWriter) {
        var ordered = fields
        if order == .canonical {
            ordered.sort { a, b in
                let (x, y) = (Array(a.key.utf8), Array(b.key.utf8))
                return x.count != y.count ? x.count < y.count : x.lexicographicallyPrecedes(y)
            }
        }
        cbor.mapHeader(ordered.count)
        for field in ordered {
            cbor.textString(field.key)
            cbor.raw(field.value)
        }
    }
}
