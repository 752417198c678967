import ChainTypes

extension DealProposal {
    /// Reads the 11-field tuple ``DealProposal/cborBytes`` writes.
    ///
    /// On `/fil/storage/mk/1.1.0` go-fil-markets reads the proposal as specs-actors v0 `market.DealProposal`
    /// (`migrations.Proposal1`), whose label is a text string, and refuses a label that is not UTF-8
    /// (`checkDealLabel`); so only a text-string label is accepted here (the v9 `DealLabel` byte-string form
    /// belongs to `/fil/storage/mk/1.1.1`).
    init(marketCBOR reader: inout CBORReader) throws(WireFormatError) {
        do {
            try reader.arrayHeader(count: 11, of: "DealProposal")
        } catch {
            throw WireFormatError("\(error)")
        }
        let pieceCID = try field("PieceCID") { try reader.cid() }
        let pieceSize = try field("PieceSize") { try reader.unsigned() }
        let verifiedDeal = try field("VerifiedDeal") { try reader.bool() }
        let client = try field("Client") { try reader.address() }
        let provider = try field("Provider") { try reader.address() }
        let label = try field("Label") { try reader.boundedText() }
        let startEpoch = try field("StartEpoch") { try reader.integer() }
        let endEpoch = try field("EndEpoch") { try reader.integer() }
        let price = try field("StoragePricePerEpoch") { try reader.bigInt() }
        let providerCollateral = try field("ProviderCollateral") { try reader.bigInt() }
        let clientCollateral = try field("ClientCollateral") { try reader.bigInt() }
        self.init(
            pieceCID: pieceCID, pieceSize: pieceSize, verifiedDeal: verifiedDeal, client: client, provider: provider,
            label: label, startEpoch: startEpoch, endEpoch: endEpoch, storagePricePerEpoch: price,
            providerCollateral: providerCollateral, clientCollateral: clientCollateral)
    }
}
