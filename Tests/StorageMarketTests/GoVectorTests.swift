import ChainTypes
import Multiformats
import StorageMarket
import Testing

/// Bytes written by go-fil-markets itself, in a release that wrote map keys in Go field order.
///
/// The hex comes from cpp-filecoin's interop tests (`test/core/markets/storage/protocol/*_v1_1_0_named_cbor_test.cpp`
/// and `status_protocol_named_cbor_test.cpp`), which say they were produced by go-fil-markets at commit b1a66cfd;
/// the values are the ones those tests build. We decode them, and ``CBORMapKeyOrder/goFieldOrder`` re-encodes them
/// byte for byte.
@Suite("go-fil-markets vectors")
struct GoVectorTests {
    /// CIDv0 `QmTTA2daxGqo5denp6SwLzzkLJm3fuisYEi9CoWsuHpzfb` (sha2-256 4bf5122f…).
    static func cid() throws -> CID { try CID(bytes: try hex("12204bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a")) }
    /// An actor (protocol 2) address.
    static func address() throws -> Address { try Address(bytes: try hex("024716b023b7fe84b6e7dcda303c3d754b1a8ff2fc")) }

    static func dealProposal() throws -> DealProposal {
        DealProposal(
            pieceCID: try cid(), pieceSize: 256, verifiedDeal: true, client: try address(), provider: try address(), label: "label",
            startEpoch: 101, endEpoch: 2002, storagePricePerEpoch: 22, providerCollateral: 333, clientCollateral: 4444)
    }

    static func ask() throws -> StorageAsk {
        StorageAsk(
            price: 123, verifiedPrice: 456, minPieceSize: 256, maxPieceSize: 1 << 20, miner: try address(), timestamp: 1234, expiry: 6789, seqNo: 42)
    }

    static func signature(_ text: String) throws -> Signature {
        try #require(Signature(bytes: try hex(text)))
    }

    static let askSignature =
        "0289564aca0dabd06015c1c87816f6aedec346c6c0dad93549503907d97e2147e0b07fb35d29da1477d5e946efbfd5b07708aa8d753060ffdbc244c117e3119d279510ba4b2e0423da649e751b9422cd6d7ee3bbf216a517de6fde0f6eb67640b7"
    static let storageAskHex =
        "a865507269636542007b6d56657269666965645072696365430001c86c4d696e506965636553697a651901006c4d6178506965636553697a651a00100000654d696e657255024716b023b7fe84b6e7dcda303c3d754b1a8ff2fc6954696d657374616d701904d266457870697279191a85655365714e6f182a"

    /// Checks that `hexText` decodes to `expected` and that the Go-field-order encoding reproduces it exactly.
    func check<Value: CBORMapEncoded>(_ hexText: String, _ expected: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = try hex(hexText)
        #expect(try Value.decode(bytes) == expected, sourceLocation: sourceLocation)
        #expect(Hex.encode(expected.encoded(keyOrder: .goFieldOrder)) == hexText, sourceLocation: sourceLocation)
        #expect(try CBORFraming.firstItemLength(bytes) == bytes.count, sourceLocation: sourceLocation)
    }

    @Test("ask protocol 1.1.0: StorageAsk, SignedStorageAsk, AskRequest, AskResponse")
    func askProtocol() throws {
        let ask = try Self.ask()
        try check(Self.storageAskHex, ask)
        let signed = SignedStorageAsk(ask: ask, signature: try Self.signature(Self.askSignature))
        try check("a26341736b" + Self.storageAskHex + "695369676e61747572655861" + Self.askSignature, signed)
        try check("a1654d696e657255024716b023b7fe84b6e7dcda303c3d754b1a8ff2fc", AskRequest(miner: try Self.address()))
        try check("a16341736ba26341736b" + Self.storageAskHex + "695369676e61747572655861" + Self.askSignature, AskResponse(ask: signed))
        // The v1.28 order is a different byte string of the same value.
        #expect(ask.encoded != (try hex(Self.storageAskHex)))
        #expect(try StorageAsk.decode(ask.encoded) == ask)
    }

    @Test("deal protocol 1.1.0: Proposal, Response, SignedResponse")
    func dealProtocol() throws {
        let cid = try Self.cid()
        let proposal = DealProposalMessage(
            dealProposal: ClientDealProposal(proposal: try Self.dealProposal(), clientSignature: Signature(type: .secp256k1, data: [UInt8](repeating: 0, count: 65))),
            piece: DataRef(transferType: "manual", root: cid, pieceCID: cid, pieceSize: 256, rawBlockSize: 42), fastRetrieval: true)
        try check(
            "a36c4465616c50726f706f73616c828bd82a58230012204bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a190100f555024716b023b7fe84b6e7dcda303c3d754b1a8ff2fc55024716b023b7fe84b6e7dcda303c3d754b1a8ff2fc656c6162656c18651907d24200164300014d4300115c5842010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000655069656365a56c5472616e7366657254797065666d616e75616c64526f6f74d82a58230012204bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a685069656365436964d82a58230012204bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a69506965636553697a651901006c526177426c6f636b53697a65182a6d4661737452657472696576616cf5",
            proposal)
        let responseHex =
            "a465537461746500674d657373616765676d6573736167656850726f706f73616cd82a58230012204bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a6e5075626c6973684d657373616765d82a58230012204bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a"
        let response = DealResponse(state: 0, message: "message", proposal: cid, publishMessage: cid)
        try check(responseHex, response)
        #expect(Hex.encode(response.encoded) == responseHex)  // same bytes in v1.28
        let signature =
            "02ac390db02d674db198c1c842a094f84ba4b4818fd9413f9e858a4fe3a98b7f82aea6279587aa43ac2ce4c958ba980b86103bed01ad6269a74263903778ef3c30e0c4c0c2d4d1860ebf54239b244f964242a49df1208867b7a582f5bad7d1f918"
        try check(
            "a268526573706f6e7365" + responseHex + "695369676e61747572655861" + signature,
            SignedDealResponse(response: response, signature: try Self.signature(signature)))
    }

    @Test("status protocol 1.1.0: DealStatusRequest, DealStatusResponse")
    func statusProtocol() throws {
        let cid = try Self.cid()
        let requestSignature =
            "02813f191c43c7a8d0822e8c5ec8cc9e8c8f01655e8e80e800087fa968e55b88919cebbdbb543e20ecc3f3a29b2a66fa2d0577ed97ea6892590f4a5b47da745d99b4b7882d04f744b0a6280f336579b8de3a3ca83fba16ed0ab6ce3d5242ee2a23"
        try check(
            "a26850726f706f73616cd82a58230012204bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a695369676e61747572655861" + requestSignature,
            DealStatusRequest(proposal: cid, signature: try Self.signature(requestSignature)))
        let responseSignature =
            "02a533b8cfcbd0725c731095ede28f8ea3927af07186ed87a6711eb3059fc86a5796143293f86842239026b8cef7f65f0f03e507e9a35a9ca2535bf71e442f1b16a49fd394b49dd33ba6d92561d4c9cf56b1fb9d7883a2eb4909096d9454d65143"
        let state = ProviderDealState(
            state: 0, message: "message", proposal: try Self.dealProposal(), proposalCID: cid, addFundsCID: cid, publishCID: cid, dealID: 42,
            fastRetrieval: true)
        try check(
            "a2694465616c5374617465a865537461746500674d657373616765676d6573736167656850726f706f73616c8bd82a58230012204bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a190100f555024716b023b7fe84b6e7dcda303c3d754b1a8ff2fc55024716b023b7fe84b6e7dcda303c3d754b1a8ff2fc656c6162656c18651907d24200164300014d4300115c6b50726f706f73616c436964d82a58230012204bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a6b41646446756e6473436964d82a58230012204bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a6a5075626c697368436964d82a58230012204bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a664465616c4944182a6d4661737452657472696576616cf5695369676e6174757265586102a533b8cfcbd0725c731095ede28f8ea3927af07186ed87a6711eb3059fc86a5796143293f86842239026b8cef7f65f0f03e507e9a35a9ca2535bf71e442f1b16a49fd394b49dd33ba6d92561d4c9cf56b1fb9d7883a2eb4909096d9454d65143",
            DealStatusResponse(dealState: state, signature: try Self.signature(responseSignature)))
    }
}
