import ChainTypes
import InteropSupport
import Multiformats
import StorageMarket
import Testing

/// A third-party DAG-CBOR codec (Python `dag-cbor` 0.3.3, strict: shortest heads, canonical key order) reads our
/// messages with the Go field names and values, and writes messages we must read.
@Suite("Storage market interop with Python dag-cbor")
struct PythonInteropTests {
    /// Runs `Tests/Interop/storagemarket_peer.py` with the Python that has `dag_cbor`; its stdout lines.
    static func runPeer(_ arguments: [String]) async throws -> [String] {
        guard let outcome = try await InteropFiles.run("storagemarket_peer.py", module: "dag_cbor", arguments: arguments) else {
            Issue.record("no Python with dag_cbor found: run scripts/install-test-deps (it installs dag-cbor==0.3.3)")
            return []
        }
        #expect(outcome.status == 0, "storagemarket_peer.py \(arguments.first ?? "") failed: \(outcome.errors)")
        return outcome.lines
    }

    static func cid(_ text: String) -> String { "cid:" + Hex.encode(Samples.cid(text).bytes) }

    /// What the peer prints for ``Samples/dealProposal()`` at `path`.
    static func dealProposalLines(_ path: String) throws -> [String] {
        [
            "\(path)[]=11", "\(path).0=cid:" + Hex.encode(try Samples.pieceCID().bytes), "\(path).1=int:2048", "\(path).2=bool:false",
            "\(path).3=bytes:00d209", "\(path).4=bytes:00e807", "\(path).5=str:a label", "\(path).6=int:100", "\(path).7=int:200",
            "\(path).8=bytes:0005", "\(path).9=bytes:", "\(path).10=bytes:0007",
        ]
    }

    static let bls = "bytes:02" + String(repeating: "ab", count: 96)
    static let secp = "bytes:01" + String(repeating: "cd", count: 65)

    static func expectedLines() throws -> [String: [String]] {
        [
            "proposal": [
                "proposal{}=Piece,DealProposal,FastRetrieval",
                "proposal.Piece{}=Root,PieceCid,PieceSize,RawBlockSize,TransferType",
                "proposal.Piece.Root=\(cid("root"))", "proposal.Piece.PieceCid=null", "proposal.Piece.PieceSize=int:2032",
                "proposal.Piece.RawBlockSize=int:1500", "proposal.Piece.TransferType=str:manual",
                "proposal.DealProposal[]=2",
            ] + (try dealProposalLines("proposal.DealProposal.0")) + ["proposal.DealProposal.1=\(secp)", "proposal.FastRetrieval=bool:true"],
            "signed_response": [
                "signed_response{}=Response,Signature",
                "signed_response.Response{}=State,Message,Proposal,PublishMessage",
                "signed_response.Response.State=int:3", "signed_response.Response.Message=str:",
                "signed_response.Response.Proposal=\(cid("proposal"))", "signed_response.Response.PublishMessage=\(cid("publish"))",
                "signed_response.Signature=null",
            ],
            "ask_request": ["ask_request{}=Miner", "ask_request.Miner=bytes:00e807"],
            "ask_response": [
                "ask_response{}=Ask", "ask_response.Ask{}=Ask,Signature",
                "ask_response.Ask.Ask{}=Miner,Price,SeqNo,Expiry,Timestamp,MaxPieceSize,MinPieceSize,VerifiedPrice",
                "ask_response.Ask.Ask.Miner=bytes:00e807", "ask_response.Ask.Ask.Price=bytes:001dcd6500", "ask_response.Ask.Ask.SeqNo=int:9",
                "ask_response.Ask.Ask.Expiry=int:86400", "ask_response.Ask.Ask.Timestamp=int:-3", "ask_response.Ask.Ask.MaxPieceSize=int:34359738368",
                "ask_response.Ask.Ask.MinPieceSize=int:256", "ask_response.Ask.Ask.VerifiedPrice=bytes:0002faf080",
                "ask_response.Ask.Signature=\(bls)",
            ],
            "status_request": ["status_request{}=Proposal,Signature", "status_request.Proposal=\(cid("proposal"))", "status_request.Signature=\(secp)"],
            "status_response": [
                "status_response{}=DealState,Signature",
                "status_response.DealState{}=State,DealID,Message,Proposal,PublishCid,AddFundsCid,ProposalCid,FastRetrieval",
                "status_response.DealState.State=int:7", "status_response.DealState.DealID=int:42", "status_response.DealState.Message=str:sealing",
            ] + (try dealProposalLines("status_response.DealState.Proposal")) + [
                "status_response.DealState.PublishCid=\(cid("publish"))", "status_response.DealState.AddFundsCid=null",
                "status_response.DealState.ProposalCid=\(cid("proposal"))", "status_response.DealState.FastRetrieval=bool:false",
                "status_response.Signature=\(bls)",
            ],
        ]
    }

    @Test("dag-cbor decodes our six messages with the Go field names and values, and re-encodes them to the same bytes")
    func pythonDecodesOurs() async throws {
        let messages = try Samples.encodedMessages()
        let lines = try await Self.runPeer(["decode"] + messages.map { "\($0.name)=\(Hex.encode($0.bytes))" })
        let expected = try Self.expectedLines()
        for (name, bytes) in messages {
            let fields = lines.filter { $0.hasPrefix(name + ".") || $0.hasPrefix(name + "{}") || $0.hasPrefix(name + "[]") }
            #expect(fields == expected[name], "\(name)")
            // dag-cbor writes DAG-CBOR's one canonical form: equal bytes mean ours is canonical too.
            #expect(lines.contains("\(name) reencoded=\(Hex.encode(bytes))"), "\(name) re-encoded differently")
        }
    }

    @Test("we decode what dag-cbor builds: keys in reverse Go field order and an unknown key in every map")
    func weDecodePythons() async throws {
        let lines = try await Self.runPeer(["build"])
        var built: [String: [UInt8]] = [:]
        for line in lines {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { built[parts[0]] = try hex(parts[1]) }
        }
        #expect(built.count == 6, "\(lines)")
        #expect(try DealProposalMessage.decode(try #require(built["proposal"])) == (try Samples.proposal()))
        #expect(try SignedDealResponse.decode(try #require(built["signed_response"])) == Samples.signedResponse)
        #expect(try AskRequest.decode(try #require(built["ask_request"])) == Samples.askRequest)
        #expect(try AskResponse.decode(try #require(built["ask_response"])) == Samples.askResponse)
        #expect(try DealStatusRequest.decode(try #require(built["status_request"])) == Samples.statusRequest)
        #expect(try DealStatusResponse.decode(try #require(built["status_response"])) == (try Samples.statusResponse()))
        for (name, bytes) in built {
            #expect(try mapKeys(bytes).first == "Extra", "\(name) starts with the unknown key")
            #expect(try CBORFraming.firstItemLength(bytes + [0xA0]) == bytes.count, "\(name)")
        }
    }
}
