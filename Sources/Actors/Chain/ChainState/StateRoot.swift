import ChainTypes
import Foundation
import Multiformats

/// The devnet's commitments to state, messages and receipts (not Filecoin's HAMT/AMT roots, which need an IPLD
/// store): each is a CIDv1 dag-cbor blake2b-256 of a small CBOR document.
///
/// - State: `[[id, blake2b-256(actor JSON)], …]` in ID order, where the actor JSON is the record's sorted-key
///   encoding — so equal states have equal roots across runs and restarts.
/// - Messages: `[[], [CID, …]]` — Lotus's `MsgMeta` shape (BLS list, secp list) with the lists inline.
/// - Receipts: `[[ExitCode, Return, GasUsed], …]`.
public enum StateRoot {
    /// The digest of one actor record.
    static func digest(of record: ActorRecord) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Records are plain values; encoding cannot fail.
        let json = (try? encoder.encode(record)) ?? Data()
        return BLAKE2b.hash(json, digestLength: 32)
    }

    /// The state root over per-actor digests.
    static func state(_ digests: [ActorID: [UInt8]]) -> CID {
        var cbor = CBORWriter()
        cbor.arrayHeader(digests.count)
        for id in digests.keys.sorted() {
            cbor.arrayHeader(2)
            cbor.unsigned(id)
            cbor.byteString(digests[id]!)
        }
        return CID.dagCBORBlake2b256(of: cbor.bytes)
    }

    /// The messages root.
    public static func messages(_ cids: [CID]) -> CID {
        var cbor = CBORWriter()
        cbor.arrayHeader(2)
        cbor.arrayHeader(0)
        cbor.arrayHeader(cids.count)
        for cid in cids { cbor.cidLink(binary: cid.bytes) }
        return CID.dagCBORBlake2b256(of: cbor.bytes)
    }

    /// The receipts root.
    public static func receipts(_ receipts: [MessageReceipt]) -> CID {
        var cbor = CBORWriter()
        cbor.arrayHeader(receipts.count)
        for receipt in receipts { receipt.write(to: &cbor) }
        return CID.dagCBORBlake2b256(of: cbor.bytes)
    }
}
