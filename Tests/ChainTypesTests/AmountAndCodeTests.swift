import APICore
import ChainTypes
import Foundation
import Testing

/// Amounts, exit codes, receipts and the CBOR reader.
@Suite struct AmountAndCodeTests {
    @Test func tokenAmountJSONIsTheAttoFILString() throws {
        let amount = try TokenAmount(fil: "1.5")
        #expect(amount.attoFIL == 1_500_000_000_000_000_000)
        #expect(String(decoding: try JSONEncoder().encode([amount]), as: UTF8.self) == #"["1500000000000000000"]"#)
        #expect(try JSONDecoder().decode([TokenAmount].self, from: Data(#"["-7"]"#.utf8)) == [-7])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TokenAmount].self, from: Data(#"["1.5"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TokenAmount].self, from: Data("[15]".utf8)) }
    }

    @Test func tokenAmountFormatsAsFIL() throws {
        #expect(try TokenAmount(fil: "1.5 FIL").fil == "1.5 FIL")
        #expect(TokenAmount(attoFIL: 320_000_000).fil == "0.00000000032 FIL")
        #expect(TokenAmount.zero.fil == "0 FIL")
        #expect(try TokenAmount(fil: "1000 attofil") == 1000)
        #expect(throws: FILText.ParseError(detail: "more than 18 decimal places")) {
            try TokenAmount(fil: "0.0000000000000000001")
        }
        #expect(TokenAmount.totalSupply.fil == "2000000000 FIL")
    }

    @Test func bigIntBytesAreSignByteAndMagnitude() {
        #expect(TokenAmount.zero.bigIntBytes == [])
        #expect(TokenAmount(attoFIL: 255).bigIntBytes == [0, 0xFF])
        #expect(TokenAmount(attoFIL: 256).bigIntBytes == [0, 1, 0])
        #expect(TokenAmount(attoFIL: -1).bigIntBytes == [1, 1])
        #expect(TokenAmount(bigIntBytes: [1, 1]) == -1)
        #expect(TokenAmount(bigIntBytes: [2, 1]) == nil)
        #expect(TokenAmount(bigIntBytes: [0] + [UInt8](repeating: 0xFF, count: 17)) == nil)
    }

    @Test func exitCodesHaveFilecoinNumbers() throws {
        #expect(ExitCode.errForbidden.rawValue == 18 && ExitCode.errForbidden.description == "ErrForbidden(18)")
        #expect(ExitCode.sysErrSenderStateInvalid.rawValue == 2)
        #expect(ExitCode.sysErrInvalidReceiver.rawValue == 5)
        #expect(ExitCode.sysErrInsufficientFunds.rawValue == 6)
        #expect(ExitCode.sysErrOutOfGas.rawValue == 7)
        #expect(ExitCode.errSerialization.rawValue == 21)
        #expect(String(decoding: try JSONEncoder().encode([ExitCode.errNotFound]), as: UTF8.self) == "[17]")
    }

    @Test func receiptJSONHasLotusFieldsAndTheReason() throws {
        let receipt = MessageReceipt(exitCode: .errForbidden, gasUsed: 1500, error: "caller t0101 is not allowed")
        try expectSameJSON(
            try JSONEncoder().encode(receipt),
            #"{"ExitCode":18,"Return":null,"GasUsed":1500,"EventsRoot":null,"Error":"caller t0101 is not allowed"}"#)
        #expect(try JSONDecoder().decode(MessageReceipt.self, from: JSONEncoder().encode(receipt)) == receipt)
        #expect(hexString(MessageReceipt(exitCode: .ok, returnValue: [9], gasUsed: 100).cborBytes) == "830041091864")
    }

    @Test func cborReaderIsStrict() throws {
        var reader = CBORReader([0x18, 0x05])  // 5 in a one-byte head: not the shortest form
        #expect(throws: CBORReader.Failure.self) { try reader.unsigned() }
        reader = CBORReader([0x5F])  // indefinite-length byte string
        #expect(throws: CBORReader.Failure.self) { try reader.byteString() }
        reader = CBORReader([0x45, 1, 2])  // 5-byte string with 2 bytes
        #expect(throws: CBORReader.Failure.self) { try reader.byteString() }
        var writer = CBORWriter()
        writer.integer(-500)
        writer.unsigned(1 << 40)
        reader = CBORReader(writer.bytes)
        #expect(try reader.integer() == -500)
        #expect(try reader.unsigned() == 1 << 40)
        #expect(reader.isAtEnd)
    }

    @Test func cborReaderReadsMapsAndBoolsAndSkipsItems() throws {
        var reader = CBORReader([0xA2, 0x61, 0x61, 0xF5, 0x61, 0x62, 0xF4])
        #expect(try reader.mapHeader() == 2)
        #expect(try reader.textString() == "a")
        #expect(try reader.bool())
        try reader.skipItem()  // "b"
        #expect(try reader.bool() == false)
        #expect(reader.isAtEnd)
        reader = CBORReader([0xA3, 0x00])  // 3 pairs cannot fit 1 byte
        #expect(throws: CBORReader.Failure.self) { try reader.mapHeader() }
        reader = CBORReader([0xF6])
        #expect(throws: CBORReader.Failure.self) { try reader.bool() }
        // Any item: nested containers, a tag, a half and a double float, a simple value.
        reader = CBORReader([0x84, 0xA1, 0x61, 0x78, 0x81, 0xF9, 0x3C, 0x00, 0xD8, 0x2A, 0x41, 0x00, 0xFB, 0, 0, 0, 0, 0, 0, 0, 0, 0xF8, 0x20, 0x07])
        try reader.skipItem()
        #expect(try reader.unsigned() == 7)
        for bad: [UInt8] in [[0x82, 0x00], [0x5B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0x9F, 0xFF], [0xFB, 0x00], [0x1C]] {
            reader = CBORReader(bad)
            #expect(throws: CBORReader.Failure.self, "\(bad)") { try reader.skipItem() }
        }
        reader = CBORReader([UInt8](repeating: 0x81, count: 65) + [0x00])
        #expect(throws: CBORReader.Failure.self) { try reader.skipItem() }
        reader = CBORReader([UInt8](repeating: 0x81, count: 64) + [0x00])
        try reader.skipItem()
        #expect(reader.isAtEnd)
    }
}
