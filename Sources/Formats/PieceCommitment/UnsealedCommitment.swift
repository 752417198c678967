import Multiformats

/// A sector's unsealed commitment (CommD) from the pieces it holds, as go-commp-utils `GenerateUnsealedCID`:
/// each piece is aligned to its own size by zero padding pieces placed before it, the sector is filled with
/// padding pieces after the last one, and the pieces' commitments are combined up the tree. A sector with no
/// pieces has the zero commitment of its size.
public enum UnsealedCommitment {
    /// The padding pieces that bring `offset` to a multiple of `alignment` (Lotus `GetRequiredPadding`),
    /// smallest first.
    public static func padding(from offset: UInt64, to alignment: PaddedPieceSize) -> [PaddedPieceSize] {
        let remainder = offset % alignment.rawValue
        var toFill = remainder == 0 ? 0 : alignment.rawValue - remainder
        var pads: [PaddedPieceSize] = []
        while toFill != 0 {
            let size = UInt64(1) << UInt64(toFill.trailingZeroBitCount)
            toFill ^= size
            pads.append(PaddedPieceSize(unchecked: size))
        }
        return pads
    }

    /// The CommD of a sector of `sectorSize` holding `pieces` in order.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/doesNotFit`` when the pieces (with their
    ///   alignment padding) exceed the sector.
    public static func compute(pieces: [PieceInfo], sectorSize: PaddedPieceSize) throws(PieceCommitmentError) -> Commitment {
        var stack: [PieceInfo] = []
        var offset: UInt64 = 0
        func add(_ piece: PieceInfo) throws(PieceCommitmentError) {
            let (end, overflow) = offset.addingReportingOverflow(piece.size.rawValue)
            guard !overflow, end <= sectorSize.rawValue else {
                throw PieceCommitmentError(
                    .doesNotFit, "pieces need more than the \(sectorSize.rawValue)-byte sector (a \(piece.size)-byte piece at offset \(offset))")
            }
            offset = end
            var node = piece
            while let top = stack.last, top.size == node.size {
                stack.removeLast()
                node = PieceInfo(size: PaddedPieceSize(unchecked: top.size.rawValue * 2), commitment: Commitment.parent(top.commitment, node.commitment))
            }
            stack.append(node)
        }
        for piece in pieces {
            for pad in padding(from: offset, to: piece.size) { try add(.zero(pad)) }
            try add(piece)
        }
        for pad in padding(from: offset, to: sectorSize) { try add(.zero(pad)) }
        guard let root = stack.first else { return ZeroCommitments.piece(sectorSize) }
        return root.commitment
    }

    /// The unsealed CID (v1 form, `baga6ea4seaq…`) of a sector holding `pieces`.
    ///
    /// - Throws: as ``compute(pieces:sectorSize:)``.
    public static func cid(pieces: [PieceInfo], sectorSize: PaddedPieceSize) throws(PieceCommitmentError) -> CID {
        PieceCID.v1(try compute(pieces: pieces, sectorSize: sectorSize))
    }
}
