import Crypto
import PieceCommitment

/// The devnet's stand-in for PoRep's replication: a sector's unsealed bytes (Fr32-padded pieces) encoded into a
/// replica keyed by the seal ticket, the miner and the sector number. Each 32-byte node is XORed with a key derived
/// from the ticket, the node's index and the previous replica node, so the replica depends on all the data before
/// it, and decoding it (unsealing) means reading it and redoing the key derivation node by node — real work, as in
/// Filecoin, though nothing like its cost. Keys keep the top two bits of every node clear, so a replica node is a
/// valid tree node and the replica has a commitment (CommR, ``ReplicaTree``).
public enum MockReplica {
    /// The node size.
    public static let nodeSize = 32

    /// Where a replica is keyed: the ticket and the sector.
    public struct Key: Sendable, Equatable {
        public var ticket: [UInt8]
        public var miner: UInt64
        public var sector: UInt64

        public init(ticket: [UInt8], miner: UInt64, sector: UInt64) {
            self.ticket = ticket
            self.miner = miner
            self.sector = sector
        }
    }

    /// The replica of `unsealed` (a whole number of 32-byte nodes, each with its top two bits clear).
    /// - Throws: ``PieceCommitmentError`` when the length is not a multiple of 32 or a node is not a field element.
    public static func seal(_ unsealed: [UInt8], key: Key) throws(PieceCommitmentError) -> [UInt8] {
        try check(unsealed)
        return transform(unsealed, key: key, chainOnInput: false)
    }

    /// The unsealed bytes of `replica`.
    /// - Throws: as ``seal(_:key:)``.
    public static func unseal(_ replica: [UInt8], key: Key) throws(PieceCommitmentError) -> [UInt8] {
        try check(replica)
        return transform(replica, key: key, chainOnInput: true)
    }

    /// XORs each node of `bytes` with its key; the key chains on the previous *replica* node, which is the input
    /// when unsealing and the output when sealing.
    static func transform(_ bytes: [UInt8], key: Key, chainOnInput: Bool) -> [UInt8] {
        var output = bytes
        var previous = [UInt8](repeating: 0, count: nodeSize)
        for node in 0..<(bytes.count / nodeSize) {
            let mask = nodeKey(key, node: node, previous: previous)
            let start = node * nodeSize
            for offset in 0..<nodeSize { output[start + offset] ^= mask[offset] }
            previous = Array((chainOnInput ? bytes : output)[start..<start + nodeSize])
        }
        return output
    }

    /// The key of node `node`: SHA-256 of ticket ‖ miner ‖ sector ‖ node index ‖ previous replica node, top two
    /// bits of the last byte cleared.
    static func nodeKey(_ key: Key, node: Int, previous: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: key.ticket)
        hasher.update(data: littleEndian(key.miner))
        hasher.update(data: littleEndian(key.sector))
        hasher.update(data: littleEndian(UInt64(node)))
        hasher.update(data: previous)
        var mask = Array(hasher.finalize())
        mask[31] &= 0x3F
        return mask
    }

    static func check(_ bytes: [UInt8]) throws(PieceCommitmentError) {
        guard bytes.count % nodeSize == 0, !bytes.isEmpty else {
            throw PieceCommitmentError(.invalidCommitment, "sector data of \(bytes.count) bytes is not a whole number of 32-byte nodes")
        }
        for node in stride(from: nodeSize - 1, to: bytes.count, by: nodeSize) where bytes[node] & 0xC0 != 0 {
            throw PieceCommitmentError(.invalidCommitment, "node \(node / nodeSize) is not a field element (top bits set); is the data Fr32-padded?")
        }
    }

    static func littleEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
