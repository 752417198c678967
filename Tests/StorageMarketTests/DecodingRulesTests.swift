import ChainTypes
import Multiformats
import StorageMarket
import Testing

/// The reader follows cbor-gen's map rules (any key order, unknown keys skipped, omitted fields at their zero
/// value) and refuses what a Go peer would refuse.
@Suite("Storage market decoding rules")
struct DecodingRulesTests {
    /// A map written pair by pair: `(key, encoded value)`.
    static func map(_ pairs: [(String, [UInt8])]) -> [UInt8] {
        var cbor = CBORWriter()
        cbor.mapHeader(pairs.count)
        for (key, value) in pairs {
            cbor.textString(key)
            cbor.raw(value)
        }
        return cbor.bytes
    }

    static func encode(_ write: (inout CBORWriter) -> Void) -> [UInt8] {
        var cbor = CBORWriter()
        write(&cbor)
        return cbor.bytes
    }

    static let proposalLink = encode { $0.cidLink(binary: Samples.cid("proposal").bytes) }

    @Test("keys in any order, unknown keys (of any shape) skipped")
    func anyOrderUnknownKeys() throws {
        let unknown = try hex("83a1617882f6fb3ff8000000000000d82a4500017100001bffffffffffffffff")  // [{"x": [null, 1.5]}, tag 42, 2^64-1]
        let bytes = Self.map([
            ("PublishMessage", [0xF6]), ("Zzz", unknown), ("Proposal", Self.proposalLink), ("Message", Self.encode { $0.textString("hi") }),
            ("State", [0x07]), ("", [0xF5]),
        ])
        let response = try DealResponse.decode(bytes)
        #expect(response == DealResponse(state: 7, message: "hi", proposal: Samples.cid("proposal"), publishMessage: nil))
    }

    @Test("omitted scalar and optional fields take the Go zero value; omitted CIDs, addresses and signatures are errors")
    func omittedFields() throws {
        let response = try DealResponse.decode(Self.map([("Proposal", Self.proposalLink)]))
        #expect(response == DealResponse(state: 0, message: "", proposal: Samples.cid("proposal"), publishMessage: nil))
        #expect(try DealProposalMessage.decode(Self.map([])) == DealProposalMessage(dealProposal: nil, piece: nil, fastRetrieval: false))
        #expect(try AskResponse.decode([0xA0]) == AskResponse(ask: nil))
        #expect(wireError { _ = try DealResponse.decode(Self.map([("State", [0x01])])) } == "Response: field Proposal is missing")
        #expect(wireError { _ = try AskRequest.decode([0xA0]) } == "AskRequest: field Miner is missing")
        #expect(wireError { _ = try DealStatusRequest.decode(Self.map([("Proposal", Self.proposalLink)])) } == "DealStatusRequest: field Signature is missing")
        #expect(wireError { _ = try StorageAsk.decode([0xA0]) } == "StorageAsk: field Miner is missing")
    }

    @Test("a key that appears twice is refused")
    func duplicateKey() {
        let bytes = Self.map([("Proposal", Self.proposalLink), ("State", [0x01]), ("State", [0x02])])
        #expect(wireError { _ = try DealResponse.decode(bytes) } == "Response: field State appears twice")
    }

    @Test("wrong shapes are refused with the field path")
    func wrongShapes() throws {
        #expect(wireError { _ = try DealResponse.decode([0x80]) }.hasPrefix("Response: CBOR at byte 0: expected a map"))
        // A key that is not a text string.
        #expect(wireError { _ = try DealResponse.decode([0xA1, 0x01, 0x01]) }.hasPrefix("Response: field name: CBOR at byte 1: expected a text string"))
        // null where Go has a value, not a pointer.
        #expect(wireError { _ = try DealResponse.decode(Self.map([("Proposal", [0xF6])])) }.hasPrefix("Response: Proposal: "))
        #expect(wireError { _ = try SignedDealResponse.decode(Self.map([("Response", [0xF6])])) }.hasPrefix("SignedResponse: Response: "))
        #expect(wireError { _ = try DealStatusRequest.decode(Self.map([("Proposal", Self.proposalLink), ("Signature", [0xF6])])) }.hasPrefix("DealStatusRequest: Signature: "))
        // A negative number in a uint field; a bool that is not a bool.
        #expect(wireError { _ = try DealResponse.decode(Self.map([("State", [0x20]), ("Proposal", Self.proposalLink)])) }.hasPrefix("Response: State: "))
        #expect(wireError { _ = try DealProposalMessage.decode(Self.map([("FastRetrieval", [0x01])])) }.hasPrefix("Proposal: FastRetrieval: "))
        // A nested error names the whole path.
        var bad = try Samples.statusResponse()
        bad.dealState.proposal?.label = "x"
        var bytes = bad.encoded
        let label = try #require(bytes.firstRange(of: [0x61, 0x78]))  // "x"
        bytes[label.lowerBound] = 0x41  // now a 1-byte byte string: mk/1.1.0 labels are text
        #expect(wireError { _ = try DealStatusResponse.decode(bytes) }.hasPrefix("DealStatusResponse: DealState: Proposal: Label: "))
    }

    @Test("trailing bytes after the item are refused")
    func trailingBytes() {
        #expect(wireError { _ = try AskRequest.decode(Samples.askRequest.encoded + [0x00]) } == "AskRequest: 1 trailing bytes after the item")
    }

    @Test("signatures: 1 to 200 bytes, type 1, 2 or 3 (go-state-types crypto.Signature)")
    func signatures() {
        func status(_ signature: [UInt8]) -> [UInt8] {
            Self.map([("Proposal", Self.proposalLink), ("Signature", Self.encode { $0.byteString(signature) })])
        }
        #expect((try? DealStatusRequest.decode(status([3] + [UInt8](repeating: 1, count: 199))))?.signature.type == .delegated)
        #expect(wireError { _ = try DealStatusRequest.decode(status([])) }.contains("signature is empty"))
        #expect(wireError { _ = try DealStatusRequest.decode(status([0, 1, 2])) }.contains("signature type 0"))
        #expect(wireError { _ = try DealStatusRequest.decode(status([4, 1, 2])) }.contains("signature type 4"))
        #expect(wireError { _ = try DealStatusRequest.decode(status([1] + [UInt8](repeating: 1, count: 200))) }.contains("longer than 200"))
    }

    @Test("cbor-gen limits: text strings up to 8192 bytes, maps up to 8192 pairs")
    func cborGenLimits() {
        let long = String(repeating: "m", count: 8193)
        let ok = Self.map([("Message", Self.encode { $0.textString(String(long.dropLast())) }), ("Proposal", Self.proposalLink)])
        #expect((try? DealResponse.decode(ok))?.message.utf8.count == 8192)
        let tooLong = Self.map([("Message", Self.encode { $0.textString(long) }), ("Proposal", Self.proposalLink)])
        #expect(wireError { _ = try DealResponse.decode(tooLong) }.contains("longer than 8192"))
        var many = CBORWriter()
        many.mapHeader(8193)
        for index in 0..<8193 {
            many.textString("k\(index)")
            many.unsigned(0)
        }
        #expect(wireError { _ = try DealResponse.decode(many.bytes) }.contains("map struct too large (8193 pairs)"))
    }

    @Test("declared lengths far beyond the input throw, never trap")
    func hugeLengths() {
        let huge: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        for head: UInt8 in [0x5B, 0x7B, 0x9B, 0xBB] {
            #expect(!wireError { _ = try DealResponse.decode(Self.map([("Message", [head] + huge), ("Proposal", Self.proposalLink)])) }.isEmpty)
            #expect(!wireError { _ = try DealResponse.decode(Self.map([("Unknown", [head] + huge), ("Proposal", Self.proposalLink)])) }.isEmpty)
        }
        #expect(!wireError { _ = try DealResponse.decode([0xBB] + huge) }.isEmpty)
        #expect(!wireError { _ = try DealResponse.decode([0xA1, 0x7B] + huge) }.isEmpty)
    }

    @Test("an unknown field nested deeper than 64 levels is refused")
    func deepUnknownField() {
        let deep = [UInt8](repeating: 0x81, count: 10_000) + [0x00]
        #expect(wireError { _ = try DealResponse.decode(Self.map([("Deep", deep), ("Proposal", Self.proposalLink)])) }.contains("deeper than 64"))
        let fine = [UInt8](repeating: 0x81, count: 63) + [0x00]
        #expect((try? DealResponse.decode(Self.map([("Deep", fine), ("Proposal", Self.proposalLink)]))) != nil)
    }
}
