import ChainState
import ChainTypes
import Testing

/// The message pool: nonce order, gaps, replace by fee, MaxFee, selection and bounds.
@Suite struct MessagePoolTests {
    static func message(_ net: TestNet, nonce: UInt64, premium: TokenAmount = 1_000, feeCap: TokenAmount = 2_000, value: TokenAmount = 1) -> Message {
        Message(
            to: net.wallets[1].address, from: net.wallets[0].address, nonce: nonce, value: value, gasLimit: 1_000_000,
            gasFeeCap: feeCap, gasPremium: premium)
    }

    @Test func gapsAreHeldBackUntilFilled() throws {
        var net = try TestNet(wallets: 2)
        let key = net.wallets[0]
        try net.pushRaw(key, Self.message(net, nonce: 0))
        let third = try net.pushRaw(key, Self.message(net, nonce: 2))
        #expect(net.pool.select(for: net.chain).map(\.message.nonce) == [0])
        #expect(try net.pool.nextNonce(for: key.address, chain: net.chain) == 1)

        var commit = try net.advance()
        #expect(commit.messages.map(\.message.nonce) == [0])
        #expect(net.pool.count == 1 && net.pool.contains(third.cid))
        try net.pushRaw(key, Self.message(net, nonce: 1))
        commit = try net.advance()
        #expect(commit.messages.map(\.message.nonce) == [1, 2])
        #expect(commit.receipts.allSatisfy { $0.exitCode == .ok })
        #expect(net.pool.count == 0)
        #expect(commit.removedPending.count == 2)
    }

    @Test func replaceByFeeNeedsAQuarterMore() throws {
        var net = try TestNet(wallets: 2)
        let key = net.wallets[0]
        let original = try net.pushRaw(key, Self.message(net, nonce: 0, premium: 1_000, feeCap: 2_000))
        #expect {
            try net.pushRaw(key, Self.message(net, nonce: 0, premium: 1_200, feeCap: 2_500))
        } throws: { error in
            (error as? MessagePoolError)?.message
                == "replace by fee of nonce 0 needs GasPremium ≥ 1250 and GasFeeCap ≥ 2500 (1.25× the pending message's), got 1200 and 2500"
        }
        #expect(throws: MessagePoolError(.duplicate, "message \(original.cid) is already pending")) {
            try net.pool.add(original, chain: net.chain)
        }
        let replacement = try key.sign(message: Self.message(net, nonce: 0, premium: 1_250, feeCap: 2_500))
        #expect(try net.pool.add(replacement, chain: net.chain) == .replaced(original.cid))
        #expect(net.pool.pending == [replacement])
        #expect(MessagePool.minimumReplacement(0) == 1)
    }

    @Test func nonceAlreadyUsedAndTooFarAheadAreRefused() throws {
        var net = try TestNet(wallets: 2)
        _ = try net.execute(net.wallets[0], to: net.wallets[1].address, value: 1)
        #expect {
            try net.pushRaw(net.wallets[0], Self.message(net, nonce: 0))
        } throws: { error in
            (error as? MessagePoolError)?.kind == .nonceTooLow
        }
        #expect {
            try net.pushRaw(net.wallets[0], Self.message(net, nonce: 500))
        } throws: { error in
            (error as? MessagePoolError)?.kind == .nonceGap
        }
    }

    @Test func pendingMessagesMustFitTheBalanceTogether() throws {
        var net = try TestNet(wallets: 2)
        let key = net.wallets[0]
        try net.pushRaw(key, Self.message(net, nonce: 0, value: TokenAmount(wholeFIL: 600)))
        #expect {
            try net.pushRaw(key, Self.message(net, nonce: 1, value: TokenAmount(wholeFIL: 600)))
        } throws: { error in
            (error as? MessagePoolError)?.message.hasPrefix("not enough funds including pending messages") == true
        }
    }

    @Test func feeCapBelowTheBaseFeeIsRefused() throws {
        var net = try TestNet(wallets: 2)
        #expect {
            try net.pushRaw(net.wallets[0], Self.message(net, nonce: 0, premium: 10, feeCap: 50))
        } throws: { error in
            (error as? MessagePoolError)?.kind == .feeCapTooLow
        }
    }

    @Test func prepareEstimatesGasAndHonoursMaxFee() throws {
        let net = try TestNet(wallets: 2)
        let message = Message(to: net.wallets[1].address, from: net.wallets[0].address, value: 1)
        let prepared = try net.pool.prepare(message, chain: net.chain)
        let estimate = net.chain.estimateGas(message)
        #expect(estimate.exitCode == .ok)
        #expect(prepared.gasLimit == estimate.gasUsed + (estimate.gasUsed + 3) / 4)
        #expect(prepared.gasPremium == NetworkParams().defaultGasPremium)
        #expect(prepared.gasFeeCap == NetworkParams().baseFee * 2 + prepared.gasPremium)
        #expect(prepared.nonce == 0)

        let maxFee = NetworkParams().baseFee * prepared.gasLimit * 2
        let capped = try net.pool.prepare(message, spec: MessageSendSpec(maxFee: maxFee), chain: net.chain)
        #expect(capped.requiredGasFunds <= maxFee)
        #expect(capped.gasFeeCap == maxFee / capped.gasLimit)
        #expect(capped.gasPremium <= capped.gasFeeCap)

        #expect {
            try net.pool.prepare(message, spec: MessageSendSpec(maxFee: 1_000), chain: net.chain)
        } throws: { error in
            (error as? MessagePoolError)?.kind == .maxFeeTooLow
        }
    }

    @Test("amounts and gas a caller chooses beyond what a message may hold are refused before any fee arithmetic")
    func prepareRefusesOutOfRangeChoices() throws {
        let net = try TestNet(wallets: 2)
        let base = Message(to: net.wallets[1].address, from: net.wallets[0].address, value: 1)
        var huge = [base, base, base, base, base]
        huge[0].gasPremium = TokenAmount(attoFIL: .max)
        huge[1].gasFeeCap = TokenAmount(attoFIL: .max)
        huge[1].gasLimit = 1_000_000
        huge[2].value = TokenAmount(attoFIL: .max)
        huge[3].gasLimit = .max
        huge[4].gasLimit = -1
        for message in huge {
            #expect {
                try net.pool.prepare(message, chain: net.chain)
            } throws: { error in
                (error as? MessagePoolError)?.kind == .invalid
            }
        }
        #expect {
            try net.pool.prepare(base, spec: MessageSendSpec(maxFee: TokenAmount(attoFIL: .max)), chain: net.chain)
        } throws: { error in
            (error as? MessagePoolError)?.message.contains("'MaxFee'") == true
        }
    }

    @Test func preparedMessagesChainTheirNoncesAndEstimateAfterPendingOnes() throws {
        var net = try TestNet(wallets: 2)
        let miner = try net.createMiner(owner: net.wallets[0])
        let first = try net.push(net.wallets[0], to: miner, method: MinerMethod.changePeerID.rawValue, params: ChangePeerIDParams(newID: [1]).encoded)
        let second = try net.push(net.wallets[0], to: net.wallets[1].address, value: 3)
        #expect(second.message.nonce == first.message.nonce + 1)
        let commit = try net.advance()
        #expect(commit.messages == [first, second])
    }

    @Test func selectionPrefersHigherPremiumsAndKeepsNonceOrder() throws {
        var net = try TestNet(wallets: 3)
        let (a, b) = (net.wallets[0], net.wallets[2])
        let a0 = try net.pushRaw(a, Self.message(net, nonce: 0, premium: 100, feeCap: 1_000))
        let a1 = try net.pushRaw(a, Self.message(net, nonce: 1, premium: 900, feeCap: 1_000))
        let b0 = try net.pushRaw(b, Message(to: a.address, from: b.address, nonce: 0, value: 1, gasLimit: 1_000_000, gasFeeCap: 1_000, gasPremium: 500))
        #expect(net.pool.select(for: net.chain) == [b0, a0, a1])
    }

    @Test func thePoolIsBounded() throws {
        var net = try TestNet(wallets: 2)
        net.pool = MessagePool(limits: MessagePool.Limits(maxMessages: 10, maxPerSender: 2))
        try net.pushRaw(net.wallets[0], Self.message(net, nonce: 0))
        try net.pushRaw(net.wallets[0], Self.message(net, nonce: 1))
        #expect {
            try net.pushRaw(net.wallets[0], Self.message(net, nonce: 2))
        } throws: { error in
            (error as? MessagePoolError)?.kind == .senderLimit
        }
    }

    @Test func restoreReadmitsValidMessagesAndDropsStaleOnes() throws {
        var net = try TestNet(wallets: 2)
        let stale = try net.wallets[0].sign(message: Self.message(net, nonce: 0))
        _ = try net.execute(net.wallets[0], to: net.wallets[1].address, value: 1)
        let fresh = try net.wallets[0].sign(message: Self.message(net, nonce: 1))
        var pool = MessagePool()
        #expect(pool.restore([fresh, stale], chain: net.chain) == [stale.cid])
        #expect(pool.pending == [fresh])
    }
}
