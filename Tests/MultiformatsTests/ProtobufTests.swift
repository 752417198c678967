import Multiformats
import Testing

/// Vectors from the protobuf encoding guide (protobuf.dev/programming-guides/encoding) and the libp2p key
/// messages.
@Suite struct ProtobufTests {
    @Test func encodingGuideExamples() throws {
        var writer = ProtobufWriter()
        writer.writeVarint(150, field: 1)
        #expect(writer.bytes == [0x08, 0x96, 0x01])

        var text = ProtobufWriter()
        text.writeString("testing", field: 2)
        #expect(TestHex.encode(text.bytes) == "120774657374696e67")

        var outer = ProtobufWriter()
        outer.writeMessage(writer, field: 3)
        #expect(TestHex.encode(outer.bytes) == "1a03089601")
    }

    @Test func readsEveryWireTypeAndSkipsUnknownFields() throws {
        // field 1 varint 150, field 9 fixed64, field 2 bytes "hi", field 10 fixed32, field 3 bool true
        let bytes = TestHex.decode("089601 4901020304050607 08 12026869 55 0a0b0c0d 1801")
        var reader = try ProtobufReader(bytes)
        var fields: [ProtobufReader.Field] = []
        while let field = try reader.next() { fields.append(field) }
        #expect(fields.map(\.number) == [1, 9, 2, 10, 3])
        #expect(fields[0].value == .varint(150))
        #expect(fields[1].value == .fixed64(0x0807_0605_0403_0201))
        #expect(fields[2].value == .bytes(Array("hi".utf8)))
        #expect(fields[3].value == .fixed32(0x0d0c_0b0a))
        #expect(fields[4].value == .varint(1))
    }

    @Test func acceptsTenByteVarints() throws {
        var writer = ProtobufWriter()
        writer.writeVarint(.max, field: 1)
        #expect(writer.bytes.count == 11)
        var reader = try ProtobufReader(writer.bytes)
        #expect(try reader.next()?.value == .varint(.max))
        #expect(try reader.next() == nil)
    }

    @Test func rejectsTruncatedAndMalformedInput() throws {
        let cases: [(String, MultiformatsError.Kind)] = [
            ("08", .truncated),                         // tag without value
            ("0896", .truncated),                       // varint cut short
            ("1205616263", .truncated),                 // length 5, 3 bytes follow
            ("12ffffffff0f", .truncated),               // length 2^32-1
            ("49010203", .truncated),                   // fixed64 cut short
            ("55aabb", .truncated),                     // fixed32 cut short
            ("0b", .unsupported),                       // wire type 3 (group start)
            ("0f", .unsupported),                       // wire type 7
            ("00", .invalidValue),                      // field number 0
            ("08ffffffffffffffffff02", .invalidVarint),  // varint over 64 bits
            ("8080808080808080808001", .invalidVarint),  // tag over 10 bytes
        ]
        for (hex, kind) in cases {
            var reader = try ProtobufReader(TestHex.decode(hex))
            let error = #expect(throws: MultiformatsError.self, "\(hex)") {
                while try reader.next() != nil {}
            }
            #expect(error?.kind == kind, "\(hex): \(error?.message ?? "")")
        }
    }

    @Test func boundsTheMessageSize() {
        let error = #expect(throws: MultiformatsError.self) {
            try ProtobufReader([UInt8](repeating: 0, count: 101), maxLength: 100)
        }
        #expect(error?.kind == .invalidValue)
    }
}
