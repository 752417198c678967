import APICore
import ChainTypes
import Multiformats
import Testing

@testable import Client

/// What `ClientStartDeal` derives from its parameters, as Lotus derives it, and the refusals of values that do not fit.
@Suite("Client deal terms")
struct DealTermsTests {
    @Test("an unpadded piece size pads to its power of two; anything else is refused")
    func pieceSizes() throws {
        #expect(try DealTerms.paddedPieceSize(unpadded: 127) == 128)
        #expect(try DealTerms.paddedPieceSize(unpadded: 2032) == 2048)
        #expect(try DealTerms.paddedPieceSize(unpadded: 8_323_072) == 8 << 20)
        for bad: UInt64 in [0, 126, 2000, 2048, 127 * 3, UInt64.max, UInt64.max / 127 * 127] {
            #expect(throws: RPCError.self, "\(bad)") { _ = try DealTerms.paddedPieceSize(unpadded: bad) }
        }
    }

    @Test("the end epoch is Lotus's calcDealExpiration: the epoch before the proving period boundary after start + duration")
    func endEpoch() throws {
        let deadline = DeadlineInfo(periodStart: 5, index: 0, currentEpoch: 100, network: NetworkParams())
        #expect(deadline.wPoStProvingPeriod == 40)
        // 100 + 120 = 220; 220 + 40 − 220 % 40 + 5 % 40 − 1 = 244.
        #expect(try DealTerms.endEpoch(start: 100, minDuration: 120, deadline: deadline) == 244)
        // A boundary already passed moves on by whole periods (a miner created around genesis).
        let early = DeadlineInfo(periodStart: -35, index: 0, currentEpoch: 0, network: NetworkParams())
        let end = try DealTerms.endEpoch(start: 40, minDuration: 0, deadline: early)
        #expect(end >= 40 && (end + 1 - early.periodStart) % 40 == 0)
        #expect(throws: RPCError.self) { _ = try DealTerms.endEpoch(start: 100, minDuration: UInt64.max, deadline: deadline) }
        #expect(throws: RPCError.self) { _ = try DealTerms.endEpoch(start: ChainEpoch.max - 10, minDuration: 5, deadline: deadline) }
    }

    @Test("the default start is the head plus 8 days of epochs at the chain's block time")
    func defaultStart() {
        #expect(DealTerms.defaultStart(head: 10, blockDelayMillis: 30_000) == 10 + 192 * 120)
        #expect(DealTerms.defaultStart(head: 10, blockDelayMillis: 100) == 10 + 192 * 36_000)
        #expect(DealTerms.defaultStart(head: ChainEpoch.max - 1, blockDelayMillis: 0) == ChainEpoch.max, "saturates, never traps")
    }

    @Test("the label is the data root CID in multibase base64url, as go-fil-markets writes it")
    func label() throws {
        let root = try CID("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy")
        #expect(DealTerms.label(root: root) == "uAVUSIMfQFIkICFjFAAZYNsZY-EemymfEhkYZISvk-CAOS7rO")
    }

    @Test("the client's escrow requirement is price × duration; amounts outside 0…total supply are refused")
    func requirement() throws {
        let root = try CID("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy")
        var proposal = DealProposal(
            pieceCID: root, pieceSize: 2048, client: Address(id: 100), provider: Address(id: 1000), label: "", startEpoch: 100,
            endEpoch: 300, storagePricePerEpoch: 7, providerCollateral: .zero, clientCollateral: .zero)
        #expect(try DealTerms.clientRequirement(proposal) == 1400)
        proposal.storagePricePerEpoch = TokenAmount.totalSupply
        #expect(throws: RPCError.self) { _ = try DealTerms.clientRequirement(proposal) }
        #expect(throws: RPCError.self) { try DealTerms.checkAmount(TokenAmount(attoFIL: -1), "EpochPrice") }
        try DealTerms.checkAmount(.totalSupply, "EpochPrice")
    }
}
