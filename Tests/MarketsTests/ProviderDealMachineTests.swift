import ChainTypes
import Markets
import Multiformats
import StorageMarket
import Testing

/// The provider's deal transitions (go-fil-markets `provider_fsm.go`), edge by edge.
@Suite("Provider deal state machine")
struct ProviderDealMachineTests {
    static let message = CID.dagCBORBlake2b256(of: [1, 2, 3])

    /// Applies `events` in turn and returns each state reached.
    static func run(_ events: [ProviderDealEvent], from deal: MinerDeal) throws -> (MinerDeal, [StorageDealStatus]) {
        var deal = deal
        var states: [StorageDealStatus] = []
        for event in events {
            deal = try ProviderDealMachine.apply(event, to: deal)
            states.append(deal.state)
        }
        return (deal, states)
    }

    @Test("an offline deal goes from Validating to Active as go-fil-markets' happy path, recording what each event carries")
    func offlineHappyPath() throws {
        let (deal, states) = try Self.run(
            [
                .open, .dealDeciding, .dataRequested, .verifiedData(path: "/staging/a.car"), .fundingInitiated(Self.message),
                .funded(reserved: 5), .dealPublishInitiated(Self.message), .dealPublished(dealID: 42), .dealHandedOff(sector: 3),
                .dealPrecommitted, .dealActivated, .finalized,
            ], from: try DealFixtures.deal())
        #expect(
            states == [
                .validating, .acceptWait, .waitingForData, .reserveProviderFunds, .providerFunding, .publish, .publishing, .staged,
                .awaitingPreCommit, .sealing, .finalizing, .active,
            ])
        #expect(deal.piecePath == "/staging/a.car")
        #expect(deal.addFundsCid == Self.message && deal.publishCid == Self.message)
        #expect(deal.fundsReserved == 5 && deal.dealID == 42 && deal.sectorNumber == 3)
        #expect(deal.availableForRetrieval)
        #expect(StorageDealStatus.active.rawValue == 7 && deal.state.name == "StorageDealActive")
    }

    @Test("an online deal transfers, then verifies; a rejected one ends in Error with the reason as its message")
    func onlineAndRejected() throws {
        let (online, states) = try Self.run(
            [.open, .dealDeciding, .dataRequested, .dataTransferInitiated(channel: "c1"), .dataTransferCompleted(path: "/s/b.car"), .verifiedData(path: "/s/b.car")],
            from: try DealFixtures.deal(offline: false))
        #expect(states == [.validating, .acceptWait, .waitingForData, .transferring, .verifyData, .reserveProviderFunds])
        #expect(online.transferChannelId == "c1")

        let (rejected, path) = try Self.run(
            [.open, .dealRejected("miner is not accepting offline storage deals"), .rejectionSent, .failed], from: try DealFixtures.deal())
        #expect(path == [.validating, .rejecting, .failing, .error])
        #expect(rejected.message == "miner is not accepting offline storage deals")
        #expect(rejected.state.isFinal && StorageDealStatus.error.rawValue == 26)
    }

    @Test("events that do not apply are refused and leave the deal as it was")
    func refused() throws {
        let deal = try DealFixtures.deal()
        #expect(throws: ProviderDealMachine.RefusedTransition.self) { _ = try ProviderDealMachine.apply(.dealPublished(dealID: 1), to: deal) }
        let (waiting, _) = try Self.run([.open, .dealDeciding, .dataRequested], from: deal)
        #expect(throws: ProviderDealMachine.RefusedTransition.self) { _ = try ProviderDealMachine.apply(.dealHandedOff(sector: 1), to: waiting) }
        #expect(throws: ProviderDealMachine.RefusedTransition.self) { _ = try ProviderDealMachine.apply(.finalized, to: waiting) }
    }

    @Test("a restart fails a deal mid-conversation, parks a transfer for the client to resume, and leaves the rest where they were")
    func restart() throws {
        let base = try DealFixtures.deal()
        let (validating, _) = try Self.run([.open], from: base)
        let failed = try ProviderDealMachine.apply(.restart, to: validating)
        #expect(failed.state == .error)
        #expect(failed.message.contains("restarted"))

        let (transferring, _) = try Self.run(
            [.open, .dealDeciding, .dataRequested, .dataTransferInitiated(channel: "c")], from: try DealFixtures.deal(offline: false))
        #expect(try ProviderDealMachine.apply(.restart, to: transferring).state == .providerTransferAwaitRestart)

        let (publishing, _) = try Self.run(
            [.open, .dealDeciding, .dataRequested, .verifiedData(path: "p"), .funded(reserved: 0), .dealPublishInitiated(Self.message)], from: base)
        #expect(try ProviderDealMachine.apply(.restart, to: publishing) == publishing)

        // Killed after the batch went out but before the deal recorded it: on restart the deal finds itself on chain.
        let (publish, _) = try Self.run([.open, .dealDeciding, .dataRequested, .verifiedData(path: "p"), .funded(reserved: 0)], from: base)
        #expect(publish.state == .publish)
        let found = try ProviderDealMachine.apply(.dealPublished(dealID: 7), to: publish)
        #expect(found.state == .staged && found.dealID == 7)
    }

    @Test("the chain ends a deal: slashed from any sealed state, expired once past its end")
    func endings() throws {
        let (active, _) = try Self.run(
            [.open, .dealDeciding, .dataRequested, .verifiedData(path: "p"), .funded(reserved: 0), .dealPublishInitiated(Self.message),
             .dealPublished(dealID: 1), .dealHandedOff(sector: 0), .dealActivated, .finalized], from: try DealFixtures.deal())
        let slashed = try ProviderDealMachine.apply(.dealSlashed(epoch: 900), to: active)
        #expect(slashed.state == .slashed && slashed.slashEpoch == 900)
        #expect(try ProviderDealMachine.apply(.dealExpired, to: active).state == .expired)
        #expect(throws: ProviderDealMachine.RefusedTransition.self) { _ = try ProviderDealMachine.apply(.dealExpired, to: slashed) }
    }

    @Test("state names and numbers are go-fil-markets'")
    func names() {
        #expect(StorageDealStatus.allCases.count == 31)
        #expect(StorageDealStatus(rawValue: 18)?.name == "StorageDealWaitingForData")
        #expect(StorageDealStatus(rawValue: 29)?.name == "StorageDealAwaitingPreCommit")
        #expect(StorageDealStatus(name: "Active") == .active)
        #expect(StorageDealStatus(name: "StorageDealTransferQueued")?.rawValue == 30)
    }
}
