import ChainTypes
import Multiformats
import StorageMarket

/// One value of every storage-market type, the same values `Tests/Interop/storagemarket_peer.py build` writes.
enum Samples {
    /// The CIDv1 dag-cbor sha2-256 CID the Python peer's `cid_of(text)` makes.
    static func cid(_ text: String) -> CID { CID(codec: .dagCBOR, multihash: .sha2_256(of: Array(text.utf8))) }

    /// A piece CID (fil-commitment-unsealed, sha2-256-trunc254-padded) with a digest of 32 × 0x11.
    static func pieceCID() throws -> CID {
        CID(codec: .filCommitmentUnsealed, multihash: try Multihash(code: .sha2_256_trunc254_padded, digest: [UInt8](repeating: 0x11, count: 32)))
    }

    /// A BLS signature: type 2, 96 × 0xAB.
    static let blsSignature = Signature(type: .bls, data: [UInt8](repeating: 0xAB, count: 96))
    /// A secp256k1 signature: type 1, 65 × 0xCD.
    static let secpSignature = Signature(type: .secp256k1, data: [UInt8](repeating: 0xCD, count: 65))

    static func dealProposal() throws -> DealProposal {
        DealProposal(
            pieceCID: try pieceCID(), pieceSize: 2048, verifiedDeal: false, client: Address(id: 1234), provider: Address(id: 1000),
            label: "a label", startEpoch: 100, endEpoch: 200, storagePricePerEpoch: 5, providerCollateral: 0, clientCollateral: 7)
    }

    static func proposal() throws -> DealProposalMessage {
        DealProposalMessage(
            dealProposal: ClientDealProposal(proposal: try dealProposal(), clientSignature: secpSignature),
            piece: DataRef(transferType: DataRef.transferTypeManual, root: cid("root"), pieceCID: nil, pieceSize: 2032, rawBlockSize: 1500),
            fastRetrieval: true)
    }

    static let signedResponse = SignedDealResponse(
        response: DealResponse(state: 3, message: "", proposal: cid("proposal"), publishMessage: cid("publish")), signature: nil)

    static let ask = StorageAsk(
        price: 500_000_000, verifiedPrice: 50_000_000, minPieceSize: 256, maxPieceSize: 34_359_738_368, miner: Address(id: 1000),
        timestamp: -3, expiry: 86_400, seqNo: 9)

    static let askResponse = AskResponse(ask: SignedStorageAsk(ask: ask, signature: blsSignature))

    static let askRequest = AskRequest(miner: Address(id: 1000))

    static let statusRequest = DealStatusRequest(proposal: cid("proposal"), signature: secpSignature)

    static func statusResponse() throws -> DealStatusResponse {
        DealStatusResponse(
            dealState: ProviderDealState(
                state: 7, message: "sealing", proposal: try dealProposal(), proposalCID: cid("proposal"), addFundsCID: nil,
                publishCID: cid("publish"), dealID: 42, fastRetrieval: false),
            signature: blsSignature)
    }

    /// Every sample message by the name the Python peer uses, encoded (canonical key order).
    static func encodedMessages() throws -> [(name: String, bytes: [UInt8])] {
        [
            ("proposal", try proposal().encoded), ("signed_response", signedResponse.encoded), ("ask_request", askRequest.encoded),
            ("ask_response", askResponse.encoded), ("status_request", statusRequest.encoded), ("status_response", try statusResponse().encoded),
        ]
    }

    /// Decodes `bytes` as the message type the Python peer's `name` stands for.
    static func decode(name: String, _ bytes: [UInt8]) throws -> any CBORMapEncoded {
        switch name {
        case "proposal": try DealProposalMessage.decode(bytes)
        case "signed_response": try SignedDealResponse.decode(bytes)
        case "ask_request": try AskRequest.decode(bytes)
        case "ask_response": try AskResponse.decode(bytes)
        case "status_request": try DealStatusRequest.decode(bytes)
        case "status_response": try DealStatusResponse.decode(bytes)
        default: throw WireFormatError("no sample named \(name)")
        }
    }
}
