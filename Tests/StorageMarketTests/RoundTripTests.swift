import ChainTypes
import Multiformats
import StorageMarket
import Testing

/// Every type survives encode → decode, with every optional field set and with each of them nil.
@Suite("Storage market round trips")
struct RoundTripTests {
    @Test("DataRef, with and without a piece CID")
    func dataRef() throws {
        try expectRoundTrip(DataRef(transferType: DataRef.transferTypeGraphsync, root: Samples.cid("root"), pieceCID: try Samples.pieceCID(), pieceSize: 127, rawBlockSize: 99))
        try expectRoundTrip(DataRef(transferType: DataRef.transferTypeManual, root: Samples.cid("root")))
        #expect(DataRef.transferTypeGraphsync == "graphsync" && DataRef.transferTypeManual == "manual")
    }

    @Test("Proposal, full and with nil deal proposal and piece")
    func proposal() throws {
        try expectRoundTrip(try Samples.proposal())
        try expectRoundTrip(DealProposalMessage(dealProposal: nil, piece: nil, fastRetrieval: false))
    }

    @Test("Response and SignedResponse, with and without the publish message and signature")
    func response() throws {
        try expectRoundTrip(Samples.signedResponse)
        try expectRoundTrip(Samples.signedResponse.response)
        let bare = DealResponse(state: 2, message: "rejected: price too low ✗", proposal: Samples.cid("p"))
        try expectRoundTrip(bare)
        try expectRoundTrip(SignedDealResponse(response: bare, signature: Samples.blsSignature))
    }

    @Test("StorageAsk, SignedStorageAsk, AskRequest and AskResponse, with nil ask and signature")
    func ask() throws {
        try expectRoundTrip(Samples.ask)
        try expectRoundTrip(Samples.askRequest)
        try expectRoundTrip(Samples.askResponse)
        try expectRoundTrip(AskResponse(ask: nil))
        try expectRoundTrip(AskResponse(ask: SignedStorageAsk(ask: nil, signature: nil)))
        try expectRoundTrip(SignedStorageAsk(ask: Samples.ask, signature: nil))
        var negative = Samples.ask
        negative.price = TokenAmount(attoFIL: -1)
        negative.expiry = .min
        negative.seqNo = .max
        try expectRoundTrip(negative)
    }

    @Test("DealStatusRequest, ProviderDealState and DealStatusResponse, with every optional nil")
    func status() throws {
        try expectRoundTrip(Samples.statusRequest)
        try expectRoundTrip(try Samples.statusResponse())
        let empty = ProviderDealState(state: 0, proposal: nil, proposalCID: nil)
        try expectRoundTrip(empty)
        try expectRoundTrip(DealStatusResponse(dealState: empty, signature: Samples.secpSignature))
    }

    @Test("keys come out in DAG-CBOR canonical order (v1.28) or Go field order (older releases)")
    func keyOrder() throws {
        let proposal = try Samples.proposal()
        #expect(try mapKeys(proposal.encoded) == ["Piece", "DealProposal", "FastRetrieval"])
        #expect(try mapKeys(proposal.encoded(keyOrder: .goFieldOrder)) == ["DealProposal", "Piece", "FastRetrieval"])
        #expect(try mapKeys(Samples.ask.encoded) == ["Miner", "Price", "SeqNo", "Expiry", "Timestamp", "MaxPieceSize", "MinPieceSize", "VerifiedPrice"])
        #expect(
            try mapKeys(Samples.ask.encoded(keyOrder: .goFieldOrder))
                == ["Price", "VerifiedPrice", "MinPieceSize", "MaxPieceSize", "Miner", "Timestamp", "Expiry", "SeqNo"])
        let piece = try #require(proposal.piece)
        #expect(try mapKeys(piece.encoded) == ["Root", "PieceCid", "PieceSize", "RawBlockSize", "TransferType"])
        let state = try Samples.statusResponse().dealState
        #expect(try mapKeys(state.encoded) == ["State", "DealID", "Message", "Proposal", "PublishCid", "AddFundsCid", "ProposalCid", "FastRetrieval"])
        #expect(try mapKeys(Samples.signedResponse.response.encoded) == ["State", "Message", "Proposal", "PublishMessage"])
        // Where both orders agree, the bytes are the same.
        #expect(Samples.signedResponse.encoded == Samples.signedResponse.encoded(keyOrder: .goFieldOrder))
        #expect(Samples.statusRequest.encoded == Samples.statusRequest.encoded(keyOrder: .goFieldOrder))
    }

    @Test("an AskRequest is exactly a1 65 'Miner' 43 00 e8 07")
    func exactAskRequest() throws {
        #expect(AskRequest(miner: Address(id: 1000)).encoded == (try hex("a1654d696e65724300e807")))
    }

    @Test("the signing bytes: Response CBOR, StorageAsk CBOR, ProviderDealState CBOR, the proposal CID as a CBOR link")
    func signingBytes() throws {
        let signed = SignedDealResponse(response: Samples.signedResponse.response, signature: Samples.blsSignature)
        let response = signed.response.signingBytes
        #expect(response == signed.response.encoded)
        // The signed bytes appear verbatim after the "Response" key in the message.
        let message = signed.encoded
        #expect(Array(message[10..<10 + response.count]) == response)
        #expect(Samples.ask.signingBytes == Samples.ask.encoded)
        #expect(try Samples.statusResponse().dealState.signingBytes == (try Samples.statusResponse().dealState.encoded))
        let proposal = Samples.cid("proposal")
        #expect(DealStatusRequest.signingBytes(proposal: proposal) == [0xD8, 0x2A, 0x58, 0x25, 0x00] + proposal.bytes)
        #expect(Samples.statusRequest.signingBytes == DealStatusRequest.signingBytes(proposal: proposal))
    }

    @Test("protocol IDs are the go-fil-markets 1.1.0 ones")
    func protocolIDs() {
        #expect(StorageMarketProtocol.deal == "/fil/storage/mk/1.1.0")
        #expect(StorageMarketProtocol.ask == "/fil/storage/ask/1.1.0")
        #expect(StorageMarketProtocol.dealStatus == "/fil/storage/status/1.1.0")
    }
}
