import ChainState
import ChainTypes
import Testing

/// Creating a miner and changing its keys, peer ID, addresses and balance, with caller checks.
@Suite struct MinerTests {
    @Test func createMinerGivesAnIDAndAMinerInfo() throws {
        var net = try TestNet(wallets: 2)
        let owner = net.wallets[0]
        let miner = try net.createMiner(owner: owner, worker: net.wallets[1])
        #expect(miner == Address(id: 1000))
        let info = try net.chain.minerInfo(miner)
        #expect(info.owner == Address(id: 100))
        #expect(info.worker == Address(id: 101))
        #expect(info.sectorSize == .kib2)
        #expect(info.windowPoStProofType == 10)
        #expect(info.windowPoStPartitionSectors == 2)
        #expect(info.newWorker == nil && info.workerChangeEpoch == -1)
        #expect(info.peerIDText?.hasPrefix("12D3KooW") == true)
        #expect(net.chain.balance(of: miner) == TokenAmount(wholeFIL: 10))
        let power = try net.chain.minerPower(miner)
        #expect(power.minerPower.rawBytePower == 0 && !power.hasMinPower)
        #expect(net.chain.tree.powerState.minerCount == 1)
        let deadline = try net.chain.minerProvingDeadline(miner)
        #expect(deadline.wPoStProvingPeriod == 40 && deadline.wPoStPeriodDeadlines == 4)
        #expect(deadline.open <= net.height && net.height < deadline.close)
    }

    @Test func createMinerRefusesASectorSizeTheNetworkDoesNotAllow() throws {
        var net = try TestNet(wallets: 1)
        let params = CreateMinerParams(owner: net.wallets[0].address, worker: net.wallets[0].address, windowPoStProofType: 13)
        let receipt = try net.executeUnchecked(
            net.wallets[0], to: Address(id: BuiltinActor.power), method: PowerMethod.createMiner.rawValue, params: params.encoded)
        #expect(receipt.exitCode == .errIllegalArgument)
        #expect(receipt.error == "Window PoSt proof type 13 is not allowed on this network (allowed: 10 (2KiB), 11 (8MiB))")
    }

    @Test func changePeerIDByTheWorkerSucceedsAndByAStrangerIsForbidden() throws {
        var net = try TestNet(wallets: 3)
        let miner = try net.createMiner(owner: net.wallets[0], worker: net.wallets[1])
        let newID: [UInt8] = [0, 36, 8, 1, 18, 32] + [UInt8](repeating: 9, count: 32)
        let params = ChangePeerIDParams(newID: newID).encoded

        let byWorker = try net.execute(net.wallets[1], to: miner, method: MinerMethod.changePeerID.rawValue, params: params)
        #expect(byWorker.exitCode == .ok)
        #expect(try net.chain.minerInfo(miner).peerID == newID)

        let byStranger = try net.executeUnchecked(
            net.wallets[2], to: miner, method: MinerMethod.changePeerID.rawValue, params: ChangePeerIDParams(newID: [1]).encoded)
        #expect(byStranger.exitCode == .errForbidden)
        #expect(byStranger.error == "caller t0102 is not the owner, worker or a control address of t01000")
        #expect(try net.chain.minerInfo(miner).peerID == newID, "a failed message changes nothing")
    }

    @Test func gasEstimationReportsAForbiddenCallBeforeItIsSent() throws {
        var net = try TestNet(wallets: 3)
        let miner = try net.createMiner(owner: net.wallets[0])
        #expect {
            try net.push(net.wallets[2], to: miner, method: MinerMethod.changePeerID.rawValue, params: ChangePeerIDParams(newID: [1]).encoded)
        } throws: { error in
            guard let error = error as? MessagePoolError else { return false }
            return error.kind == .executionFailed && error.message.contains("ErrForbidden(18)")
                && error.message.contains("caller t0102 is not the owner, worker or a control address of t01000")
        }
    }

    @Test func controlAddressesAreSetByTheOwnerAndMayThenChangeThePeerID() throws {
        var net = try TestNet(wallets: 3)
        let miner = try net.createMiner(owner: net.wallets[0])
        let control = net.wallets[2]
        let change = ChangeWorkerAddressParams(newWorker: net.wallets[0].address, newControlAddrs: [control.address])

        let byControlFirst = try net.executeUnchecked(
            control, to: miner, method: MinerMethod.changeWorkerAddress.rawValue, params: change.encoded)
        #expect(byControlFirst.exitCode == .errForbidden)
        #expect(byControlFirst.error == "caller t0102 is not the owner of t01000")

        #expect(try net.execute(net.wallets[0], to: miner, method: MinerMethod.changeWorkerAddress.rawValue, params: change.encoded).exitCode == .ok)
        #expect(try net.chain.minerInfo(miner).controlAddresses == [Address(id: 102)])
        let controls = try net.execute(control, to: miner, method: MinerMethod.controlAddresses.rawValue)
        let decoded = try GetControlAddressesReturn.decode(controls.returnValue, method: "ControlAddresses")
        #expect(decoded.controlAddrs == [Address(id: 102)] && decoded.owner == Address(id: 100))

        let byControl = try net.execute(
            control, to: miner, method: MinerMethod.changePeerID.rawValue, params: ChangePeerIDParams(newID: [1, 2]).encoded)
        #expect(byControl.exitCode == .ok)
    }

    @Test func aNewWorkerTakesEffectAfterTheDelay() throws {
        var net = try TestNet(wallets: 3)
        let miner = try net.createMiner(owner: net.wallets[0])
        let change = ChangeWorkerAddressParams(newWorker: net.wallets[1].address, newControlAddrs: [])
        #expect(try net.execute(net.wallets[0], to: miner, method: MinerMethod.changeWorkerAddress.rawValue, params: change.encoded).exitCode == .ok)
        let info = try net.chain.minerInfo(miner)
        #expect(info.worker == Address(id: 100))
        #expect(info.newWorker == Address(id: 101))
        #expect(info.workerChangeEpoch == net.height + NetworkParams().workerKeyChangeDelay)

        let early = try net.executeUnchecked(net.wallets[0], to: miner, method: MinerMethod.confirmChangeWorkerAddress.rawValue, params: [])
        #expect(early.exitCode == .errForbidden)
        try net.advance(to: info.workerChangeEpoch + NetworkParams().wPoStProvingPeriod)
        #expect(try net.chain.minerInfo(miner).worker == Address(id: 101), "applied by the miner's deadline cron")
        #expect(try net.chain.minerInfo(miner).newWorker == nil)
    }

    @Test func changeMultiaddrsChecksItsInput() throws {
        var net = try TestNet(wallets: 1)
        let miner = try net.createMiner(owner: net.wallets[0])
        let addrs: [[UInt8]] = [[4, 10, 0, 0, 1, 6, 0x04, 0xD2]]
        #expect(try net.execute(net.wallets[0], to: miner, method: MinerMethod.changeMultiaddrs.rawValue, params: ChangeMultiaddrsParams(newMultiaddrs: addrs).encoded).exitCode == .ok)
        #expect(try net.chain.minerInfo(miner).multiaddrs == addrs)
        let bad = try net.executeUnchecked(
            net.wallets[0], to: miner, method: MinerMethod.changeMultiaddrs.rawValue, params: Array(#"{"NewMultiaddrs":5}"#.utf8))
        #expect(bad.exitCode == .errSerialization)
        #expect(bad.error?.hasPrefix("invalid params for ChangeMultiaddrs") == true)
    }

    @Test func ownerWithdrawsTheAvailableBalance() throws {
        var net = try TestNet(wallets: 2)
        let miner = try net.createMiner(owner: net.wallets[0], worker: net.wallets[1])
        let params = MinerWithdrawBalanceParams(amountRequested: TokenAmount(wholeFIL: 100)).encoded
        let byWorker = try net.executeUnchecked(net.wallets[1], to: miner, method: MinerMethod.withdrawBalance.rawValue, params: params)
        #expect(byWorker.exitCode == .errForbidden)
        let before = net.chain.balance(of: net.wallets[0].address)
        let receipt = try net.execute(net.wallets[0], to: miner, method: MinerMethod.withdrawBalance.rawValue, params: params)
        #expect(receipt.exitCode == .ok)
        #expect(try TokenAmount.decode(receipt.returnValue, method: "WithdrawBalance") == TokenAmount(wholeFIL: 10))
        #expect(net.chain.balance(of: miner) == .zero)
        #expect(net.chain.balance(of: net.wallets[0].address) > before)
    }
}
