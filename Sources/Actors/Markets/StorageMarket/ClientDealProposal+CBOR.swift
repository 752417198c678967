import ChainTypes

extension ClientDealProposal {
    /// Appends go-state-types `market.ClientDealProposal`, a 2-tuple `[Proposal, ClientSignature]`.
    func write(to cbor: inout CBORWriter) {
        cbor.arrayHeader(2)
        cbor.raw(proposal.cborBytes)
        cbor.signature(clientSignature)
    }

    /// Reads what ``write(to:)`` writes.
    init(marketCBOR reader: inout CBORReader) throws(WireFormatError) {
        do {
            try reader.arrayHeader(count: 2, of: "ClientDealProposal")
        } catch {
            throw WireFormatError("\(error)")
        }
        let proposal: DealProposal
        do { proposal = try DealProposal(marketCBOR: &reader) } catch { throw error.inside("Proposal") }
        let signature = try field("ClientSignature") { try reader.signature() }
        self.init(proposal: proposal, clientSignature: signature)
    }
}
