import ChainTypes
import Multiformats

/// What the storage-market encoders write, as cbor-gen does.
extension CBORWriter {
    /// A CID link (tag 42).
    mutating func cid(_ cid: CID) { cidLink(binary: cid.bytes) }

    /// `null` or a CID link.
    mutating func optionalCID(_ cid: CID?) {
        if let cid { self.cid(cid) } else { null() }
    }

    /// A signature: one byte string, type byte ‖ data.
    mutating func signature(_ signature: Signature) { byteString(signature.bytes) }

    /// `null` or a signature.
    mutating func optionalSignature(_ signature: Signature?) {
        if let signature { self.signature(signature) } else { null() }
    }
}
