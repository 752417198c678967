import ChainState
import ChainTypes
import Testing

/// Market escrow and deal publishing.
@Suite struct MarketTests {
    static let market = Address(id: BuiltinActor.market)

    @Test func addAndWithdrawBalance() throws {
        var net = try TestNet(wallets: 2)
        let client = net.wallets[0]
        let add = try net.execute(
            client, to: Self.market, value: TokenAmount(wholeFIL: 3), method: MarketMethod.addBalance.rawValue,
            params: client.address.encoded)
        #expect(add.exitCode == .ok)
        #expect(try net.chain.marketBalance(client.address) == MarketBalance(escrow: TokenAmount(wholeFIL: 3), locked: .zero))

        let zero = try net.executeUnchecked(client, to: Self.market, method: MarketMethod.addBalance.rawValue, params: client.address.encoded)
        #expect(zero.exitCode == .errIllegalArgument)
        #expect(zero.error == "balance to add must be greater than zero")

        let byOther = try net.executeUnchecked(
            net.wallets[1], to: Self.market, method: MarketMethod.withdrawBalance.rawValue,
            params: MarketWithdrawBalanceParams(providerOrClientAddress: client.address, amount: 1).encoded)
        #expect(byOther.exitCode == .errForbidden)

        let before = net.chain.balance(of: client.address)
        let withdraw = try net.execute(
            client, to: Self.market, method: MarketMethod.withdrawBalance.rawValue,
            params: MarketWithdrawBalanceParams(providerOrClientAddress: client.address, amount: TokenAmount(wholeFIL: 5)).encoded)
        #expect(withdraw.exitCode == .ok)
        #expect(try TokenAmount.decode(withdraw.returnValue, method: "WithdrawBalance") == TokenAmount(wholeFIL: 3), "capped at the escrow")
        #expect(try net.chain.marketBalance(client.address).escrow == .zero)
        #expect(net.chain.balance(of: client.address) > before)
    }

    @Test func publishLocksFundsAndRefusesBadDeals() throws {
        var net = try TestNet(wallets: 3)
        let (client, provider) = (net.wallets[0], net.wallets[1])
        let miner = try net.createMiner(owner: provider)
        _ = try net.execute(client, to: Self.market, value: TokenAmount(wholeFIL: 2), method: MarketMethod.addBalance.rawValue, params: client.address.encoded)
        _ = try net.execute(provider, to: Self.market, value: TokenAmount(wholeFIL: 1), method: MarketMethod.addBalance.rawValue, params: miner.encoded)

        let start = net.height + 50
        let proposal = DealProposal(
            pieceCID: try pieceCID(1), pieceSize: 2048, client: client.address, provider: miner, label: "payload",
            startEpoch: start, endEpoch: start + 200, storagePricePerEpoch: 1_000, providerCollateral: 500, clientCollateral: 0)
        let good = ClientDealProposal(proposal: proposal, clientSignature: try client.sign(proposal.cborBytes))
        var tooBig = proposal
        tooBig.pieceSize = 4096
        let bad = ClientDealProposal(proposal: tooBig, clientSignature: try client.sign(tooBig.cborBytes))
        let forged = ClientDealProposal(proposal: proposal, clientSignature: try net.wallets[2].sign(proposal.cborBytes))

        let params = PublishStorageDealsParams(deals: [good, bad, forged]).encoded
        let byStranger = try net.executeUnchecked(net.wallets[2], to: Self.market, method: MarketMethod.publishStorageDeals.rawValue, params: params)
        #expect(byStranger.exitCode == .errForbidden)

        let receipt = try net.execute(provider, to: Self.market, method: MarketMethod.publishStorageDeals.rawValue, params: params)
        #expect(receipt.exitCode == .ok)
        let result = try PublishStorageDealsReturn.decode(receipt.returnValue, method: "PublishStorageDeals")
        #expect(result.ids == [0] && result.validDeals == [0])
        let deal = try net.chain.marketStorageDeal(0)
        #expect(deal.proposal == proposal && deal.state == .published)
        #expect(try net.chain.marketBalance(client.address).locked == 200_000)
        #expect(try net.chain.marketBalance(miner).locked == 500)
        #expect(net.chain.marketDeals().keys.sorted() == ["0"])

        let again = try net.executeUnchecked(
            provider, to: Self.market, method: MarketMethod.publishStorageDeals.rawValue,
            params: PublishStorageDealsParams(deals: [bad, forged]).encoded)
        #expect(again.exitCode == .errIllegalArgument)
        #expect(again.error?.contains("deal 0: piece size 4096 must be a power of two from 128 to the 2KiB sector size") == true)
        #expect(again.error?.contains("deal 1: invalid client signature") == true)
    }

    @Test func aDealWhoseDurationOverflowsIsRefused() throws {
        var net = try TestNet(wallets: 2)
        let (client, provider) = (net.wallets[0], net.wallets[1])
        let miner = try net.createMiner(owner: provider)
        let start = net.height + 50
        let proposal = DealProposal(
            pieceCID: try pieceCID(1), pieceSize: 2048, client: client.address, provider: miner, label: "payload",
            startEpoch: start, endEpoch: .min, storagePricePerEpoch: 1_000, providerCollateral: 500, clientCollateral: 0)
        let deal = ClientDealProposal(proposal: proposal, clientSignature: try client.sign(proposal.cborBytes))
        let receipt = try net.executeUnchecked(
            provider, to: Self.market, method: MarketMethod.publishStorageDeals.rawValue,
            params: PublishStorageDealsParams(deals: [deal]).encoded)
        #expect(receipt.exitCode == .errIllegalArgument)
        #expect(receipt.error?.contains("deal duration from \(start) to -9223372036854775808 must be") == true)
    }

    @Test func aDealNotActivatedByItsStartIsDroppedAndTheProviderCollateralBurnt() throws {
        var net = try TestNet(wallets: 2)
        let (client, provider) = (net.wallets[0], net.wallets[1])
        let miner = try net.createMiner(owner: provider)
        _ = try net.execute(client, to: Self.market, value: TokenAmount(wholeFIL: 1), method: MarketMethod.addBalance.rawValue, params: client.address.encoded)
        _ = try net.execute(provider, to: Self.market, value: 1_000, method: MarketMethod.addBalance.rawValue, params: miner.encoded)
        let start = net.height + 5
        let proposal = DealProposal(
            pieceCID: try pieceCID(2), pieceSize: 1024, client: client.address, provider: miner, startEpoch: start,
            endEpoch: start + 150, storagePricePerEpoch: 10, providerCollateral: 1_000, clientCollateral: 0)
        let signed = ClientDealProposal(proposal: proposal, clientSignature: try client.sign(proposal.cborBytes))
        #expect(try net.execute(provider, to: Self.market, method: MarketMethod.publishStorageDeals.rawValue, params: PublishStorageDealsParams(deals: [signed]).encoded).exitCode == .ok)
        let burntBefore = net.chain.balance(of: Address(id: BuiltinActor.burntFunds))
        try net.advance(to: start + 1)
        #expect(throws: ChainStateError.self) { try net.chain.marketStorageDeal(0) }
        #expect(try net.chain.marketBalance(client.address) == MarketBalance(escrow: TokenAmount(wholeFIL: 1), locked: .zero))
        #expect(try net.chain.marketBalance(miner) == MarketBalance(escrow: .zero, locked: .zero))
        #expect(net.chain.balance(of: Address(id: BuiltinActor.burntFunds)) - burntBefore >= 1_000)
    }
}
