import ChainTypes
import Multiformats

/// The storage power actor: creates miners and keeps the power table in step with their active sectors.
enum PowerActor {
    /// Runs `call` on the power actor.
    static func invoke(_ call: VM.Call, in vm: inout VM) throws(ActorError) -> [UInt8] {
        guard let method = PowerMethod(rawValue: call.method) else {
            throw ActorError(.sysErrInvalidMethod, "storage power actor has no method \(call.method)")
        }
        switch method {
        case .createMiner: return try createMiner(call, &vm).encoded
        }
    }

    /// `CreateMiner`: a new miner whose sector size follows from the Window PoSt proof type; the message value
    /// becomes its balance.
    static func createMiner(_ call: VM.Call, _ vm: inout VM) throws(ActorError) -> CreateMinerReturn {
        let params = try CreateMinerParams.decode(call.params, method: PowerMethod.createMiner.name)
        guard let creator = vm.tree.keyAddress(of: call.caller) else {
            throw ActorError.forbidden("CreateMiner must be sent by an account, not t0\(call.caller)")
        }
        let allowed = vm.network.sectorSizes.sorted().map { "\($0.windowPoStProof) (\($0))" }.joined(separator: ", ")
        guard let size = SectorSize(windowPoStProof: params.windowPoStProofType), vm.network.sectorSizes.contains(size) else {
            throw ActorError.illegalArgument(
                "Window PoSt proof type \(params.windowPoStProofType) is not allowed on this network (allowed: \(allowed))")
        }
        let owner = try MinerActor.resolveAccount(params.owner, role: "owner", vm)
        let worker = try MinerActor.resolveAccount(params.worker, role: "worker", vm)
        guard params.peer.count <= MinerActor.maxPeerIDLength else {
            throw ActorError.illegalArgument("peer ID is \(params.peer.count) bytes (at most \(MinerActor.maxPeerIDLength))")
        }
        let multiaddrBytes = params.multiaddrs.reduce(0) { $0 + $1.count }
        guard multiaddrBytes <= MinerActor.maxMultiaddrData, !params.multiaddrs.contains(where: \.isEmpty) else {
            throw ActorError.illegalArgument(
                "multiaddrs must be non-empty and total at most \(MinerActor.maxMultiaddrData) bytes")
        }
        try vm.gas.charge(vm.network.gas.actorCreation, for: "miner creation")

        // The robust address: blake2b-160 of the creator's address and the nonce of this message.
        let nonce = (vm.tree[call.caller]?.nonce ?? 1) - 1
        let robust = Address(actorDataHashOf: creator.bytes + (0..<8).map { UInt8(truncatingIfNeeded: nonce >> (56 - 8 * $0)) })
        let id = vm.tree.allocateID(for: robust)
        let period = vm.network.wPoStProvingPeriod
        let offset = provingPeriodOffset(of: Address(id: id), period: period)
        let progress = ((vm.epoch % period) - offset + period) % period
        let periodStart = vm.epoch - progress
        let deadline = UInt64((vm.epoch - periodStart) / vm.network.wPoStChallengeWindow)
        let info = MinerInfoState(
            owner: owner, worker: worker, peerID: params.peer, multiaddrs: params.multiaddrs,
            windowPoStProofType: params.windowPoStProofType, sectorSize: size)
        let state = MinerState(
            info: info, provingPeriodStart: periodStart, currentDeadline: deadline,
            deadlineCount: vm.network.wPoStPeriodDeadlines)
        vm.tree.set(ActorRecord(id: id, state: .miner(state)))
        try vm.tree.transfer(call.value, from: BuiltinActor.power, to: id)
        var power = vm.tree.powerState
        power.claims[id] = Claim(windowPoStProofType: params.windowPoStProofType)
        power.minerCount += 1
        vm.tree.powerState = power
        return CreateMinerReturn(idAddress: Address(id: id), robustAddress: robust)
    }

    /// Where in the proving period a miner's periods start: blake2b of its address, modulo the period (Lotus
    /// `assignProvingPeriodOffset`), so miners' deadlines are spread out.
    static func provingPeriodOffset(of miner: Address, period: ChainEpoch) -> ChainEpoch {
        let digest = BLAKE2b.hash(miner.bytes, digestLength: 8)
        let value = digest.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return ChainEpoch(value % UInt64(period))
    }

    /// Sets miner `id`'s claim to the power of its active sectors and adjusts the totals.
    static func updateClaim(miner id: ActorID, in tree: inout StateTree) {
        guard let miner = tree.minerState(id) else { return }
        var power = tree.powerState
        var claim = power.claims[id] ?? Claim(windowPoStProofType: miner.info.windowPoStProofType)
        let newPower = miner.power
        guard claim.rawBytePower != newPower else { return }
        power.totalRawBytePower = power.totalRawBytePower - claim.rawBytePower + newPower
        power.totalQualityAdjPower = power.totalQualityAdjPower - claim.qualityAdjPower + newPower
        claim.rawBytePower = newPower
        claim.qualityAdjPower = newPower
        power.claims[id] = claim
        tree.powerState = power
    }
}
