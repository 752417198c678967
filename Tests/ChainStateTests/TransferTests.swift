import ChainState
import ChainTypes
import Testing

/// Plain sends and the VM's checks, each with its exit code and reason.
@Suite struct TransferTests {
    @Test func transferCreatesTheReceiverAndConservesFIL() throws {
        var net = try TestNet(wallets: 2)
        let total = net.totalBalance
        let newcomer = WalletKey.generate()
        let receipt = try net.execute(net.wallets[0], to: newcomer.address, value: TokenAmount(wholeFIL: 5))
        #expect(receipt.exitCode == .ok)
        #expect(receipt.gasUsed > 0)
        #expect(try net.chain.lookupID(newcomer.address) == Address(id: 1000), "first actor after genesis is t01000")
        #expect(net.chain.balance(of: newcomer.address) == TokenAmount(wholeFIL: 5))
        #expect(try net.chain.accountKey(Address(id: 1000)) == newcomer.address)
        #expect(net.totalBalance == total, "fees are burnt to t099, not destroyed")
        let sender = try #require(net.chain.actor(at: net.wallets[0].address))
        #expect(sender.nonce == 1)
        let burnt = net.chain.balance(of: Address(id: BuiltinActor.burntFunds))
        #expect(burnt + net.chain.balance(of: net.wallets[0].address) + TokenAmount(wholeFIL: 5) == TestNet.walletFunds)
        #expect(burnt == NetworkParams().baseFee * receipt.gasUsed + net.burntTips)
    }

    @Test func wrongNonceIsRefusedWithTheExpectedNonce() throws {
        let net = try TestNet(wallets: 2)
        let key = net.wallets[0]
        let message = Message(
            to: net.wallets[1].address, from: key.address, nonce: 3, value: 1, gasLimit: 10_000_000, gasFeeCap: 1_000,
            gasPremium: 100)
        var next = net.chain
        let commit = try next.advance(messages: [try key.sign(message: message)], timestamp: 1)
        #expect(commit.receipts[0].exitCode == .sysErrSenderStateInvalid)
        #expect(commit.receipts[0].error == "wrong nonce: message has nonce 3 but sender \(key.address) expects 0")
        #expect(next.actor(at: key.address)?.nonce == 0, "a refused message does not use the nonce")
        #expect(next.balance(of: key.address) == TestNet.walletFunds, "nor any gas")
    }

    @Test func valueBeyondTheBalanceFailsButPaysGas() throws {
        // The pool would refuse this message; a block that includes it anyway gets a failure receipt.
        let net = try TestNet(wallets: 2)
        let key = net.wallets[0]
        let message = Message(
            to: net.wallets[1].address, from: key.address, nonce: 0, value: TokenAmount(wholeFIL: 5_000),
            gasLimit: 10_000_000, gasFeeCap: 1_000, gasPremium: 100)
        var next = net.chain
        let commit = try next.advance(messages: [try key.sign(message: message)], timestamp: 1)
        let receipt = commit.receipts[0]
        #expect(receipt.exitCode == .sysErrInsufficientFunds)
        #expect(receipt.error?.hasPrefix("insufficient funds: t0100 has") == true)
        #expect(receipt.gasUsed > 0)
        #expect(next.actor(at: key.address)?.nonce == 1)
        #expect(next.balance(of: net.wallets[1].address) == TestNet.walletFunds)
        #expect(next.balance(of: key.address) == TestNet.walletFunds - NetworkParams().baseFee * receipt.gasUsed - 100 * 10_000_000)
    }

    @Test func gasBeyondTheBalanceIsRefused() throws {
        let net = try TestNet(wallets: 2)
        let key = net.wallets[0]
        let message = Message(
            to: net.wallets[1].address, from: key.address, nonce: 0, value: 1, gasLimit: 10_000_000,
            gasFeeCap: TokenAmount(wholeFIL: 1), gasPremium: 100)
        var next = net.chain
        let commit = try next.advance(messages: [try key.sign(message: message)], timestamp: 1)
        #expect(commit.receipts[0].exitCode == .sysErrSenderStateInvalid)
        #expect(commit.receipts[0].error?.hasPrefix("insufficient funds for gas") == true)
    }

    @Test func sendToAnUnknownIDAddressFails() throws {
        var net = try TestNet(wallets: 1)
        let receipt = try net.executeUnchecked(net.wallets[0], to: Address(id: 4242), value: 1, method: 0, params: [])
        #expect(receipt.exitCode == .sysErrInvalidReceiver)
        #expect(receipt.error == "actor t04242 not found")
    }

    @Test func unknownSenderAndForgedSignatureAreRefused() throws {
        let net = try TestNet(wallets: 2)
        let stranger = WalletKey.generate()
        let fromStranger = Message(to: net.wallets[0].address, from: stranger.address, gasLimit: 10_000_000, gasFeeCap: 1_000)
        var next = net.chain
        var commit = try next.advance(messages: [try stranger.sign(message: fromStranger)], timestamp: 1)
        #expect(commit.receipts[0].exitCode == .sysErrSenderInvalid)
        #expect(commit.receipts[0].error == "sender \(stranger.address) not found: it has never received FIL")

        let forged = Message(to: stranger.address, from: net.wallets[0].address, value: 5, gasLimit: 10_000_000, gasFeeCap: 1_000)
        next = net.chain
        commit = try next.advance(messages: [try stranger.sign(message: forged)], timestamp: 1)
        #expect(commit.receipts[0].exitCode == .sysErrSenderInvalid)
        #expect(commit.receipts[0].error?.hasPrefix("invalid signature") == true)
    }

    @Test func gasLimitBelowTheInclusionCostIsOutOfGas() throws {
        let net = try TestNet(wallets: 2)
        let key = net.wallets[0]
        let message = Message(to: net.wallets[1].address, from: key.address, value: 1, gasLimit: 1_000, gasFeeCap: 1_000)
        var next = net.chain
        let commit = try next.advance(messages: [try key.sign(message: message)], timestamp: 1)
        #expect(commit.receipts[0].exitCode == .sysErrOutOfGas)
    }

    @Test func unknownMethodOnAnAccountIsInvalidMethod() throws {
        var net = try TestNet(wallets: 2)
        let receipt = try net.executeUnchecked(net.wallets[0], to: net.wallets[1].address, method: 7, params: [])
        #expect(receipt.exitCode == .sysErrInvalidMethod)
        #expect(receipt.error == "account actor t0101 has no method 7")
    }
}

extension TestNet {
    /// Tips paid by messages in blocks without a winning miner (burnt, like the base fee).
    var burntTips: TokenAmount {
        commits.dropFirst().reduce(TokenAmount.zero) { total, commit in
            total + zip(commit.messages, commit.receipts).reduce(TokenAmount.zero) { sum, pair in
                let message = pair.0.message
                let baseFee = TokenAmount.min(chain.network.baseFee, message.gasFeeCap)
                let rate = TokenAmount.max(.zero, TokenAmount.min(message.gasPremium, message.gasFeeCap - baseFee))
                return sum + (pair.1.exitCode == .sysErrSenderStateInvalid || pair.1.exitCode == .sysErrSenderInvalid
                    ? .zero : rate * message.gasLimit)
            }
        }
    }
}
