import ChainTypes

extension MinerActor {
    /// `SubmitWindowedPoSt`: proves partitions of the deadline open now. Skipped sectors become faulty, declared
    /// recoveries and unproven sectors that the proof covers become active.
    static func submitWindowedPoSt(_ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let params = try SubmitWindowedPoStParams.decode(call.params, method: MinerMethod.submitWindowedPoSt.name)
        let state = try state(call, vm, callers: .ownerWorkerOrControl)
        let deadline = state.currentDeadlineInfo(at: vm.epoch, network: vm.network)
        guard params.deadline == deadline.index, deadline.isOpen else {
            throw ActorError.illegalArgument(
                "invalid deadline \(params.deadline) at epoch \(vm.epoch): deadline \(deadline.index) is open "
                    + "(epochs \(deadline.open)–\(deadline.last))")
        }
        guard !params.partitions.isEmpty else { throw ActorError.illegalArgument("Window PoSt proves no partitions") }
        try vm.chargeItems(params.partitions.count, "Window PoSt")
        guard params.proofs.count == 1 else {
            throw ActorError.illegalArgument("expected exactly one Window PoSt proof, got \(params.proofs.count)")
        }
        guard params.proofs[0].postProof == state.info.windowPoStProofType else {
            throw ActorError.illegalArgument(
                "proof type \(params.proofs[0].postProof) does not match the miner's \(state.info.windowPoStProofType)")
        }
        guard params.chainCommitEpoch >= deadline.challenge, params.chainCommitEpoch < vm.epoch else {
            throw ActorError.illegalArgument(
                "chain commit epoch \(params.chainCommitEpoch) must be from the challenge epoch \(deadline.challenge) "
                    + "to before the current epoch \(vm.epoch)")
        }
        guard let commitRand = vm.randomness.draw(.poStChainCommit, at: params.chainCommitEpoch, entropy: []),
            commitRand == params.chainCommitRand
        else {
            throw ActorError.illegalArgument(
                "chain commit randomness does not match the chain at epoch \(params.chainCommitEpoch)")
        }
        let entropy = Address(id: call.receiver).bytes
        guard let challenge = vm.randomness.draw(.windowedPoStChallengeSeed, at: deadline.challenge, entropy: entropy) else {
            throw ActorError.illegalState("challenge randomness for epoch \(deadline.challenge) is not available")
        }

        var dl = state.deadlines[Int(deadline.index)]
        var challenged: [ChallengedSector] = []
        var seen = Set<UInt64>()
        for entry in params.partitions {
            guard entry.index < UInt64(dl.partitions.count) else {
                throw ActorError.notFound(
                    "deadline \(deadline.index) of t0\(call.receiver) has no partition \(entry.index) (it has \(dl.partitions.count))")
            }
            guard seen.insert(entry.index).inserted, !dl.postSubmissions.contains(entry.index) else {
                throw ActorError.illegalArgument("partition \(entry.index) of deadline \(deadline.index) is already proven")
            }
            var partition = dl.partitions[Int(entry.index)]
            let live = partition.liveSectors
            guard entry.skipped.isSubset(of: live) else {
                throw ActorError.illegalArgument(
                    "skipped sectors \(entry.skipped.subtracting(live)) are not live in partition \(entry.index)")
            }
            // Skipped sectors become faulty; recovering and unproven sectors that are proven become active.
            partition.faults.formUnion(entry.skipped)
            partition.recoveries.subtract(entry.skipped)
            let recovered = partition.recoveries
            partition.faults.subtract(recovered)
            partition.recoveries = BitField()
            partition.unproven.subtract(live.subtracting(partition.faults))
            for number in live.subtracting(partition.faults) {
                guard let sector = state.sectors[number] else { continue }
                challenged.append(
                    ChallengedSector(sectorNumber: number, sealProof: sector.sealProof, sealedCID: sector.sealedCID))
            }
            dl.partitions[Int(entry.index)] = partition
            dl.postSubmissions.insert(entry.index)
        }
        if !challenged.isEmpty {
            let info = WindowPoStVerifyInfo(
                randomness: challenge, proofs: params.proofs, challengedSectors: challenged, prover: call.receiver)
            if let reason = vm.verifier.verifyWindowPoSt(info) {
                throw ActorError.illegalArgument("invalid Window PoSt for deadline \(deadline.index): \(reason)")
            }
        }
        try vm.tree.withMiner(call.receiver) { (state, _) throws(ActorError) in state.deadlines[Int(deadline.index)] = dl }
        PowerActor.updateClaim(miner: call.receiver, in: &vm.tree)
    }

    /// `DeclareFaults`: live sectors stop counting for power until recovered.
    static func declareFaults(_ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let params = try DeclareFaultsParams.decode(call.params, method: MinerMethod.declareFaults.name)
        try declare(params.faults, recovered: false, call, &vm)
    }

    /// `DeclareFaultsRecovered`: faulty sectors are proven again at their deadline's next Window PoSt.
    static func declareFaultsRecovered(_ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let params = try DeclareFaultsRecoveredParams.decode(call.params, method: MinerMethod.declareFaultsRecovered.name)
        try declare(params.recoveries, recovered: true, call, &vm)
    }

    private static func declare(_ declarations: [SectorDeclaration], recovered: Bool, _ call: VM.Call, _ vm: inout VM)
        throws(ActorError)
    {
        let state = try state(call, vm, callers: .ownerWorkerOrControl)
        guard !declarations.isEmpty else { throw ActorError.illegalArgument("no sectors declared") }
        try vm.chargeItems(declarations.reduce(0) { $0 + $1.sectors.count }, recovered ? "recovery declaration" : "fault declaration")
        var deadlines = state.deadlines
        for declaration in declarations {
            var partition = try state.partition(
                deadline: declaration.deadline, partition: declaration.partition, miner: call.receiver)
            let target = state.declarationDeadlineInfo(index: declaration.deadline, at: vm.epoch, network: vm.network)
            guard !target.faultCutoffPassed else {
                throw ActorError.illegalArgument(
                    "late \(recovered ? "recovery" : "fault") declaration for deadline \(declaration.deadline): the cutoff "
                        + "was epoch \(target.faultCutoff) (now \(vm.epoch)); declare it after the deadline closes")
            }
            let location = "deadline \(declaration.deadline) partition \(declaration.partition)"
            guard !declaration.sectors.isEmpty, declaration.sectors.isSubset(of: partition.liveSectors) else {
                throw ActorError.illegalArgument(
                    "sectors \(declaration.sectors.subtracting(partition.liveSectors)) are not live in \(location)")
            }
            if recovered {
                guard declaration.sectors.isSubset(of: partition.faults) else {
                    throw ActorError.illegalArgument(
                        "sectors \(declaration.sectors.subtracting(partition.faults)) in \(location) are not faulty")
                }
                partition.recoveries.formUnion(declaration.sectors)
            } else {
                partition.faults.formUnion(declaration.sectors)
                partition.recoveries.subtract(declaration.sectors)
                partition.unproven.subtract(declaration.sectors)
            }
            deadlines[Int(declaration.deadline)].partitions[Int(declaration.partition)] = partition
        }
        try vm.tree.withMiner(call.receiver) { (state, _) throws(ActorError) in state.deadlines = deadlines }
        PowerActor.updateClaim(miner: call.receiver, in: &vm.tree)
    }
}
