import ChainTypes
import Foundation
import Multiformats
import Testing

/// Amounts, exit codes, receipts, block headers and tipsets in Lotus's JSON shapes.
@Suite struct ChainObjectTests {
    @Test func tipSetJSONHasCidsBlocksAndHeight() throws {
        let root = CID.dagCBORBlake2b256(of: [0x80])
        let header = BlockHeader(
            miner: Address(id: 1000), ticket: Ticket(vrfProof: [1]), electionProof: ElectionProof(winCount: 1, vrfProof: [2]),
            parents: TipSetKey([root]), parentWeight: 4, height: 5, parentStateRoot: root, parentMessageReceipts: root,
            messages: root, timestamp: 1_700_000_000, parentBaseFee: 100)
        let tipSet = TipSet(blocks: [header])
        let json = try JSONEncoder().encode(tipSet)
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        #expect(object?["Height"] as? Int == 5)
        #expect((object?["Cids"] as? [[String: String]])?.first?["/"] == header.cid.description)
        let block = (object?["Blocks"] as? [[String: Any]])?.first
        #expect(block?["Miner"] as? String == "t01000")
        #expect((block?["ElectionProof"] as? [String: Any])?["WinCount"] as? Int == 1)
        #expect(block?["ParentBaseFee"] as? String == "100")
        #expect(try JSONDecoder().decode(TipSet.self, from: json) == tipSet)
        #expect(header.cid.description.hasPrefix("bafy2bzace"))
        // The CID covers every field: a different ticket is a different block.
        var other = header
        other.ticket = Ticket(vrfProof: [3])
        #expect(other.cid != header.cid)
    }

    @Test func msgLookupJSON() throws {
        let cid = CID.dagCBORBlake2b256(of: [0x80])
        let lookup = MsgLookup(message: cid, receipt: MessageReceipt(exitCode: .ok, gasUsed: 10), tipSet: TipSetKey([cid]), height: 9)
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(lookup)) as? [String: Any]
        #expect(Set(object?.keys.map { $0 } ?? []) == ["Message", "Receipt", "ReturnDec", "TipSet", "Height"])
        #expect(try JSONDecoder().decode(MsgLookup.self, from: JSONEncoder().encode(lookup)) == lookup)
    }

}
