import ChainTypes
import Markets
import MinerConfig
import Multiformats
import StorageMarket
import Testing

/// The acceptance policy (Lotus `BasicDealFilter`) and the proposal checks (go-fil-markets `ValidateDealProposal`):
/// each reason string, in order.
@Suite("Deal acceptance")
struct DealAcceptanceTests {
    /// Head 100, 4 s epochs: ExpectedSealDuration 24 h is 21600 epochs, so a start at 500 is too early by default.
    static let facts = DealAcceptance.Facts(head: 100, blockDelaySeconds: 4, stagingBytes: 0)

    static func config(_ change: (inout DealmakingConfig) -> Void = { _ in }) -> DealmakingConfig {
        var config = DealmakingConfig()
        config.expectedSealDuration = .seconds(400)  // 100 epochs: the earliest start is epoch 200
        change(&config)
        return config
    }

    @Test("each built-in check rejects with Lotus's reason, in Lotus's order")
    func reasons() throws {
        let offline = try DealFixtures.deal(offline: true, start: 500)
        let online = try DealFixtures.deal(offline: false, start: 500)
        #expect(DealAcceptance.reject(offline, config: Self.config(), facts: Self.facts) == nil)
        #expect(DealAcceptance.reject(online, config: Self.config { $0.considerOnlineStorageDeals = false }, facts: Self.facts)
            == "miner is not considering online storage deals")
        #expect(DealAcceptance.reject(offline, config: Self.config { $0.considerOfflineStorageDeals = false }, facts: Self.facts)
            == "miner is not accepting offline storage deals")
        #expect(DealAcceptance.reject(offline, config: Self.config { $0.considerUnverifiedStorageDeals = false }, facts: Self.facts)
            == "miner is not accepting unverified storage deals")
        let blocked = Self.config { $0.pieceCidBlocklist = [offline.proposal.pieceCID.description] }
        #expect(DealAcceptance.reject(offline, config: blocked, facts: Self.facts) == "miner has blocklisted piece CID \(offline.proposal.pieceCID)")
        #expect(DealAcceptance.reject(offline, config: Self.config { $0.expectedSealDuration = .hours(24) }, facts: Self.facts)
            == "cannot seal a sector before 500")
        let staging = DealAcceptance.Facts(head: 100, blockDelaySeconds: 4, stagingBytes: 4096)
        #expect(DealAcceptance.reject(offline, config: Self.config { $0.maxStagingDealsBytes = 4096 }, facts: staging)
            == "cannot accept deal as miner is overloaded at the moment - there are too many staging deals being processed")
        #expect(DealAcceptance.reject(offline, config: Self.config { $0.maxStagingDealsBytes = 4097 }, facts: staging) == nil)
        #expect(DealAcceptance.reject(offline, config: Self.config { $0.maxDealStartDelay = .seconds(400) }, facts: Self.facts)
            == "deal start epoch is too far in the future: 500 > 300")
        // Order: the first failing check is the one reported.
        let both = Self.config {
            $0.considerOfflineStorageDeals = false
            $0.pieceCidBlocklist = [offline.proposal.pieceCID.description]
        }
        #expect(DealAcceptance.reject(offline, config: both, facts: Self.facts) == "miner is not accepting offline storage deals")
    }

    static func validation(head: ChainEpoch = 100, available: TokenAmount = .zero, price: TokenAmount = .zero) -> ProposalValidation.Facts {
        ProposalValidation.Facts(
            provider: DealFixtures.provider, providerAliases: [DealFixtures.provider], head: head, network: NetworkParams(),
            clientKey: DealFixtures.client.address, clientAvailable: available, askPrice: price, askVerifiedPrice: .zero, minPieceSize: 256,
            maxPieceSize: 2048)
    }

    @Test("proposal checks: signature, provider, label, sizes, epochs, price against the ask, client funds")
    func validation() throws {
        #expect(ProposalValidation.reject(try DealFixtures.signed(), facts: Self.validation()) == nil)
        let forged = try DealFixtures.signed(signer: WalletKey.generate())
        #expect(ProposalValidation.reject(forged, facts: Self.validation())?.hasPrefix("verifying StorageDealProposal: could not verify signature") == true)
        #expect(ProposalValidation.reject(try DealFixtures.signed(provider: Address(id: 1001)), facts: Self.validation()) == "incorrect provider for deal")
        #expect(ProposalValidation.reject(try DealFixtures.signed(label: String(repeating: "x", count: 257)), facts: Self.validation())
            == "deal label can be at most 256 bytes, is 257")
        #expect(ProposalValidation.reject(try DealFixtures.signed(pieceSize: 3000), facts: Self.validation())?.hasPrefix("proposal piece size is invalid") == true)
        #expect(ProposalValidation.reject(try DealFixtures.signed(start: 50), facts: Self.validation()) == "deal start epoch has already elapsed")
        #expect(ProposalValidation.reject(try DealFixtures.signed(duration: 10), facts: Self.validation())
            == "deal duration out of bounds (min, max, provided): 120, 1000000, 10")
        // Ask: 2^30 attoFIL per GiB per epoch is 2048 attoFIL per epoch for a 2 KiB piece.
        let ask = Self.validation(available: 1_000_000, price: TokenAmount(attoFIL: 1 << 30))
        #expect(ProposalValidation.reject(try DealFixtures.signed(price: 2047), facts: ask) == "storage price per epoch less than asking price: 2047 < 2048")
        #expect(ProposalValidation.reject(try DealFixtures.signed(pieceSize: 128, price: 4096), facts: ask) == "piece size less than minimum required size: 128 < 256")
        #expect(ProposalValidation.reject(try DealFixtures.signed(pieceSize: 4096, price: 4096), facts: ask) == "piece size more than maximum allowed size: 4096 > 2048")
        #expect(ProposalValidation.reject(try DealFixtures.signed(price: 2048), facts: Self.validation(available: 1000, price: TokenAmount(attoFIL: 1 << 30)))
            == "clientMarketBalance.Available too small: 1000 < 409600")
        #expect(ProposalValidation.reject(try DealFixtures.signed(price: 2048), facts: ask) == nil)
    }
}
