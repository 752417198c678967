import ChainTypes
import Foundation
import Multiformats
import Testing

/// Filecoin addresses against go-address's vectors (formats-and-peers.md §4).
@Suite struct AddressTests {
    static let secpPublicKey = hexBytes(
        "049402fac37e6432a416a3a0ca5426b5185ab3b24f6134efa25ce487c82d2e4e13bf452511e0d2245421f8613bc10d72fa216666"
            + "a96c3bc13920d3ff233fd0bc05")

    @Test func secp256k1KeyHashMatchesGoAddress() throws {
        let address = Address(keyHashOf: Self.secpPublicKey)
        #expect(address.description == "t15ihq5ibzwki2b4ep2f46avlkrqzhpqgtga7pdrq")
        #expect(address.string(network: .mainnet) == "f15ihq5ibzwki2b4ep2f46avlkrqzhpqgtga7pdrq")
        #expect(try Address(parsing: "f15ihq5ibzwki2b4ep2f46avlkrqzhpqgtga7pdrq") == address)
        #expect(try Address(bytes: address.bytes) == address)
        #expect(address.bytes.count == 21 && address.bytes[0] == 1)
    }

    @Test func idAddressBinaryAndText() throws {
        let address = Address(id: 1000)
        #expect(address.bytes == [0x00, 0xE8, 0x07])
        #expect(address.description == "t01000")
        #expect(address.id == 1000)
        #expect(try Address(bytes: [0x00, 0xE8, 0x07]) == address)
        #expect(try Address(parsing: "f01000") == address)
        #expect(Address(id: 0).description == "t00")
        #expect(try Address(parsing: "t09223372036854775807").id == UInt64(Int64.max))
    }

    @Test func delegatedAddressMatchesGoAddress() throws {
        let address = try Address(delegatedNamespace: 32, subaddress: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(address.string(network: .mainnet) == "f432f77777777x32lpna")
        #expect(try Address(parsing: "f432f77777777x32lpna") == address)
        #expect(address.delegatedNamespace == 32)
    }

    @Test func actorAddressOfSatoshi() throws {
        let address = Address(actorDataHashOf: Array("satoshi".utf8))
        #expect(address.description == "t2i4llai5x72clnz643iydyplvjmni74x4vyme7ny")
        #expect(try Address(parsing: address.description) == address)
    }

    @Test func blsAddressRoundTrips() throws {
        let key = [UInt8](repeating: 7, count: 48)
        let address = try Address(blsPublicKey: key)
        #expect(address.description.count == 86)
        #expect(try Address(parsing: address.description) == address)
        #expect(throws: AddressError.self) { try Address(blsPublicKey: [1, 2, 3]) }
    }

    @Test func jsonIsTheTextForm() throws {
        let address = Address(id: 1234)
        let json = try JSONEncoder().encode([address])
        #expect(String(decoding: json, as: UTF8.self) == #"["t01234"]"#)
        #expect(try JSONDecoder().decode([Address].self, from: Data(#"["f01234"]"#.utf8)) == [address])
        let bad = Data(#"["t01x"]"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Address].self, from: bad) }
    }

    @Test(arguments: [
        ("x01000", AddressError.Kind.unknownNetwork, "unknown network \"x\""),
        ("t91000", .unknownProtocol, "unknown protocol \"9\""),
        ("t0", .invalidLength, "2 characters"),
        ("t15ihq5ibzwki2b4ep2f46avlkrqzhpqgtga7pdra", .invalidChecksum, "bad checksum"),
        ("t15ihq5ibzwki2b4ep2f46avlkrqzhpqgtga7pdr1", .invalidEncoding, "base32"),
        ("t09223372036854775808", .idOutOfRange, "larger than 2^63 - 1"),
        ("t0-5", .invalidPayload, "decimal number"),
        ("t4f77777777x32lpna", .invalidPayload, "namespace must be a decimal number"),
        ("t1aaaa", .invalidLength, "too short"),
    ])
    func invalidTextSaysWhy(text: String, kind: AddressError.Kind, fragment: String) {
        #expect {
            try Address(parsing: text)
        } throws: { error in
            guard let error = error as? AddressError else { return false }
            return error.kind == kind && error.message.contains(fragment) && error.message.contains(text)
        }
    }

    @Test func keyHashOfWrongLengthIsRefused() {
        let text = "t1" + Base32.lowercase.encode([UInt8](repeating: 1, count: 23))  // 19-byte payload + 4
        #expect {
            try Address(parsing: text)
        } throws: { error in
            (error as? AddressError)?.message == "invalid address \"\(text)\": protocol 1 payload is 19 bytes (expected a 20-byte hash)"
        }
    }

    @Test func invalidBytesSayWhy() {
        #expect(throws: AddressError(.invalidLength, "invalid address bytes: empty (expected a protocol byte and a payload)")) {
            try Address(bytes: [UInt8]())
        }
        #expect(throws: AddressError(.unknownProtocol, "invalid address bytes: unknown protocol byte 7 (expected 0–4)")) {
            try Address(bytes: [7, 1, 2])
        }
        #expect(throws: AddressError.self) { try Address(bytes: [0, 0xE8, 0x07, 0x00]) }  // trailing byte
        #expect(throws: AddressError.self) { try Address(bytes: [0, 0x80, 0x00]) }  // non-minimal varint
        #expect(throws: AddressError.self) { try Address(bytes: [1] + [UInt8](repeating: 0, count: 19)) }
    }

    @Test func orderIsByBytes() {
        let sorted = [Address(id: 1000), Address(keyHashOf: Self.secpPublicKey), Address(id: 5)].sorted()
        #expect(sorted.map(\.description).prefix(2) == ["t05", "t01000"])
    }
}
