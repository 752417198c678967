import ChainTypes
import Foundation
import Multiformats
import Testing

/// Messages: Lotus's own JSON/CID vectors (lotus `chain/types/message_test.go`) and a vector cross-checked
/// once with Python `cbor2` + `hashlib.blake2b(digest_size=32)`.
@Suite struct MessageTests {
    /// `TestMessageJson` in lotus: power actor f04 from system actor f00.
    static let lotusJSON = #"""
        {"Version":0,"To":"f04","From":"f00","Nonce":34,"Value":"0","GasLimit":123,"GasFeeCap":"234","GasPremium":"234","Method":6,"Params":"aGFp","CID":{"/":"bafy2bzaced5rdpz57e64sc7mdwjn3blicglhpialnrph2dlbufhf6iha63dmc"}}
        """#

    /// `json` with the vector's mainnet addresses in their testnet form.
    static func testnet(_ json: String) -> String {
        json.replacingOccurrences(of: #""f04""#, with: #""t04""#).replacingOccurrences(of: #""f00""#, with: #""t00""#)
    }

    static var lotusMessage: Message {
        Message(
            to: Address(id: 4), from: Address(id: 0), nonce: 34, value: .zero, gasLimit: 123, gasFeeCap: 234,
            gasPremium: 234, method: 6, params: Array("hai".utf8))
    }

    @Test func lotusMessageVector() throws {
        let message = Self.lotusMessage
        #expect(hexString(message.cborBytes) == "8a00420004420000182240187b4200ea4200ea0643686169")
        #expect(message.cid.description == "bafy2bzaced5rdpz57e64sc7mdwjn3blicglhpialnrph2dlbufhf6iha63dmc")

        let decoded = try JSONDecoder().decode(Message.self, from: Data(Self.lotusJSON.utf8))
        #expect(decoded == message)
        // Lotus's test runs on mainnet (f…); this devnet prints testnet addresses (t…).
        try expectSameJSON(try JSONEncoder().encode(message), Self.testnet(Self.lotusJSON))
        #expect(try Message(cborBytes: message.cborBytes) == message)
    }

    @Test func lotusSignedMessageVector() throws {
        // `TestSignedMessageJson`: an empty signature (Type 0, no data) is the CBOR byte string 0x00.
        let signed = SignedMessage(message: Self.lotusMessage, signature: Signature(type: .init(rawValue: 0), data: []))
        #expect(signed.cid.description == "bafy2bzacea5ainifngxj3rygaw2hppnyz2cw72x5pysqty2x6dxmjs5qg2uus")
        let expected = #"{"Message":"# + Self.lotusJSON
            + #","Signature":{"Type":0,"Data":null},"CID":{"/":"bafy2bzacea5ainifngxj3rygaw2hppnyz2cw72x5pysqty2x6dxmjs5qg2uus"}}"#
        try expectSameJSON(try JSONEncoder().encode(signed), Self.testnet(expected))
        #expect(try JSONDecoder().decode(SignedMessage.self, from: Data(expected.utf8)) == signed)
        #expect(try SignedMessage(cborBytes: signed.cborBytes) == signed)
    }

    @Test func transferVectorCheckedWithPython() throws {
        // cbor2.dumps([0, b'\x00\xe8\x07', from.bytes, 7, bigint(1.5e18), 1234567, bigint(100200), bigint(99800), 4,
        // b'\x01\x02\x03']) and 'b' + base32(0x01 0x71 0xa0e402 0x20 + blake2b-256).
        let from = Address(keyHashOf: AddressTests.secpPublicKey)
        let message = Message(
            to: Address(id: 1000), from: from, nonce: 7, value: try TokenAmount(fil: "1.5"), gasLimit: 1_234_567,
            gasFeeCap: 100_200, gasPremium: 99_800, method: 4, params: [1, 2, 3])
        #expect(
            hexString(message.cborBytes)
                == "8a004300e8075501ea0f0ea039b291a0f08fd179e0556a8c3277c0d307490014d1120d7b1600001a0012d68744000187"
                + "6844000185d80443010203")
        #expect(message.cid.description == "bafy2bzacebqvhkdapj5mqfwedlrek5i5onepczpy4za5kmvxjango7cmpwnvi")
    }

    @Test func missingFieldsDecodeAsZeroAndEmptyParamsAsNull() throws {
        let json = #"{"To":"t01000","From":"t01001","Value":"5"}"#
        let message = try JSONDecoder().decode(Message.self, from: Data(json.utf8))
        #expect(message.nonce == 0 && message.gasLimit == 0 && message.method == 0 && message.params.isEmpty)
        #expect(message.value == 5)
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(message)) as? [String: Any]
        #expect(encoded?["Params"] is NSNull)
    }

    @Test func malformedCBORIsRefused() {
        var bytes = Self.lotusMessage.cborBytes
        bytes[0] = 0x89  // 9 fields
        #expect(throws: CBORReader.Failure.self) { try Message(cborBytes: bytes) }
        #expect(throws: CBORReader.Failure.self) { try Message(cborBytes: Self.lotusMessage.cborBytes + [0]) }
        // Nonce 34 written in a two-byte head (0x19 0x0022) is not the shortest form.
        let nonMinimal = hexBytes("8a0042000442000019002240187b4200ea4200ea0643686169")
        #expect(throws: (any Error).self) { try Message(cborBytes: nonMinimal) }
    }
}
