import ChainTypes
import Multiformats

/// What the storage-market decoders read, with the limits go-fil-markets' generated code (cbor-gen) applies.
extension CBORReader {
    /// cbor-gen's `MaxLength`: the most pairs in a map struct and the most bytes in a text string.
    static let cborGenMaxLength = 8192
    /// go-state-types `crypto.SignatureMaxLength`: the most bytes in a signature (type byte included).
    static let signatureMaxLength = 200

    /// Reads a map-encoded struct: for every key, `field` reads the value of a known key and returns true, or
    /// returns false (reading nothing) for a key the type does not have, whose value is then skipped.
    ///
    /// As cbor-gen's generated `UnmarshalCBOR`: the item must be a map of at most 8192 pairs, keys are text
    /// strings, any order is accepted, and unknown keys are ignored (go-fil-markets regenerated its types in
    /// February 2021, commit 1002d0c2, "Update cbor-gen to ignore unknown map fields"; the value is skipped with
    /// `cbg.ScanForLinks`). Unlike cbor-gen, a key that appears twice is refused instead of the last one winning:
    /// DAG-CBOR forbids it and no go-fil-markets release writes one.
    mutating func readMapFields(_ field: (_ key: String, _ reader: inout CBORReader) throws -> Bool) throws(WireFormatError) {
        let count: Int
        do { count = try mapHeader() } catch { throw WireFormatError("\(error)") }
        guard count <= Self.cborGenMaxLength else { throw WireFormatError("map struct too large (\(count) pairs)") }
        var seen = Set<String>()
        for _ in 0..<count {
            let key: String
            do { key = try textString() } catch { throw WireFormatError("field name: \(error)") }
            guard seen.insert(key).inserted else { throw WireFormatError("field \(key) appears twice") }
            do {
                if try !field(key, &self) { try skipItem() }
            } catch {
                throw WireFormatError.wrapping(error, inside: key)
            }
        }
    }

    /// Reads a CID link (tag 42).
    mutating func cid() throws -> CID { try CID(bytes: cidLink()) }

    /// Reads `null` or a CID link.
    mutating func optionalCID() throws -> CID? { null() ? nil : try cid() }

    /// Reads an address (a byte string: protocol byte ‖ payload).
    mutating func address() throws -> Address { try Address(bytes: byteString()) }

    /// Reads a text string of at most 8192 bytes (cbor-gen's `ReadString` limit).
    mutating func boundedText() throws -> String {
        let text = try textString()
        guard text.utf8.count <= Self.cborGenMaxLength else {
            throw WireFormatError("text string of \(text.utf8.count) bytes is longer than \(Self.cborGenMaxLength)")
        }
        return text
    }

    /// Reads a go-state-types `crypto.Signature`: one byte string of 1…200 bytes, a type byte of 1 (secp256k1),
    /// 2 (BLS) or 3 (delegated) followed by the data — what its `UnmarshalCBOR` accepts.
    mutating func signature() throws -> Signature {
        let raw = try byteString()
        guard raw.count <= Self.signatureMaxLength else {
            throw WireFormatError("signature of \(raw.count) bytes is longer than \(Self.signatureMaxLength)")
        }
        guard let signature = Signature(bytes: raw) else { throw WireFormatError("signature is empty") }
        guard (1...3).contains(signature.type.rawValue) else {
            throw WireFormatError("signature type \(signature.type.rawValue) is not 1 (secp256k1), 2 (BLS) or 3 (delegated)")
        }
        return signature
    }

    /// Reads `null` or a signature.
    mutating func optionalSignature() throws -> Signature? { null() ? nil : try signature() }
}
