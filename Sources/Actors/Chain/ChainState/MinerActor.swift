import ChainTypes

/// The storage miner actor: dispatch, caller checks and the methods that change its keys, addresses and balance.
/// Sector methods are in `MinerActor+Sectors.swift`, proving in `MinerActor+PoSt.swift`, cron in
/// `MinerActor+Cron.swift`.
enum MinerActor {
    /// Longest peer ID accepted (builtin-actors `MAX_PEER_ID_LENGTH`).
    static let maxPeerIDLength = 128
    /// Most multiaddr bytes accepted (builtin-actors `MAX_MULTIADDR_DATA`).
    static let maxMultiaddrData = 1024
    /// Most control addresses (builtin-actors `MAX_CONTROL_ADDRESSES`).
    static let maxControlAddresses = 10

    /// Runs `call` on a miner.
    static func invoke(_ call: VM.Call, in vm: inout VM) throws(ActorError) -> [UInt8] {
        guard let method = MinerMethod(rawValue: call.method) else {
            throw ActorError(.sysErrInvalidMethod, "storage miner t0\(call.receiver) has no method \(call.method)")
        }
        switch method {
        case .controlAddresses: return try controlAddresses(call, &vm).encoded
        case .changeWorkerAddress: try changeWorkerAddress(call, &vm)
        case .changePeerID: try changePeerID(call, &vm)
        case .changeMultiaddrs: try changeMultiaddrs(call, &vm)
        case .withdrawBalance: return try withdrawBalance(call, &vm).encoded
        case .confirmChangeWorkerAddress: try confirmChangeWorkerAddress(call, &vm)
        case .preCommitSector:
            let info = try SectorPreCommitInfo.decode(call.params, method: method.name)
            try preCommit([info], call, &vm)
        case .preCommitSectorBatch:
            let params = try PreCommitSectorBatchParams.decode(call.params, method: method.name)
            try preCommit(params.sectors, call, &vm)
        case .proveCommitSector: try proveCommitSector(call, &vm)
        case .proveCommitAggregate: try proveCommitAggregate(call, &vm)
        case .terminateSectors: return try terminateSectors(call, &vm).encoded
        case .submitWindowedPoSt: try submitWindowedPoSt(call, &vm)
        case .declareFaults: try declareFaults(call, &vm)
        case .declareFaultsRecovered: try declareFaultsRecovered(call, &vm)
        }
        return []
    }

    // MARK: Callers

    /// Who may call a method.
    enum Callers {
        /// The owner only.
        case owner
        /// The owner, the worker or a control address.
        case ownerWorkerOrControl

        var description: String {
            switch self {
            case .owner: "the owner"
            case .ownerWorkerOrControl: "the owner, worker or a control address"
            }
        }
    }

    /// Checks that the caller is one of `callers` of the miner.
    /// - Throws: ``ActorError`` `ErrForbidden`: `caller t0105 is not the owner, worker or a control address of t01000`.
    static func requireCaller(_ callers: Callers, _ call: VM.Call, _ info: MinerInfoState) throws(ActorError) {
        let allowed: [ActorID] =
            switch callers {
            case .owner: [info.owner]
            case .ownerWorkerOrControl: [info.owner, info.worker] + info.controlAddresses
            }
        guard allowed.contains(call.caller) else {
            throw ActorError.forbidden("caller t0\(call.caller) is not \(callers.description) of t0\(call.receiver)")
        }
    }

    /// The miner's state, after checking the caller.
    static func state(_ call: VM.Call, _ vm: VM, callers: Callers?) throws(ActorError) -> MinerState {
        guard let state = vm.tree.minerState(call.receiver) else {
            throw ActorError.notFound("actor t0\(call.receiver) is not a storage miner")
        }
        if let callers { try requireCaller(callers, call, state.info) }
        return state
    }

    /// Resolves `address` to an account actor ID.
    static func resolveAccount(_ address: Address, role: String, _ vm: VM) throws(ActorError) -> ActorID {
        guard let id = vm.tree.lookupID(address) else {
            throw ActorError.illegalArgument("\(role) \(address) not found: send it FIL first so it exists on chain")
        }
        guard vm.tree[id]?.code == .account, id != BuiltinActor.burntFunds else {
            throw ActorError.illegalArgument("\(role) \(address) (t0\(id)) is not an account")
        }
        return id
    }

    // MARK: Methods

    static func controlAddresses(_ call: VM.Call, _ vm: inout VM) throws(ActorError) -> GetControlAddressesReturn {
        let info = try state(call, vm, callers: nil).info
        return GetControlAddressesReturn(
            owner: Address(id: info.owner), worker: Address(id: info.worker),
            controlAddrs: info.controlAddresses.map { Address(id: $0) })
    }

    static func changeWorkerAddress(_ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let params = try ChangeWorkerAddressParams.decode(call.params, method: MinerMethod.changeWorkerAddress.name)
        _ = try state(call, vm, callers: .owner)
        let worker = try resolveAccount(params.newWorker, role: "new worker", vm)
        guard params.newControlAddrs.count <= maxControlAddresses else {
            throw ActorError.illegalArgument("\(params.newControlAddrs.count) control addresses (at most \(maxControlAddresses))")
        }
        var controls: [ActorID] = []
        for address in params.newControlAddrs {
            let id = try resolveAccount(address, role: "control address", vm)
            if !controls.contains(id) { controls.append(id) }
        }
        let effectiveAt = vm.epoch + vm.network.workerKeyChangeDelay
        try vm.tree.withMiner(call.receiver) { (state, _) throws(ActorError) in
            state.info.controlAddresses = controls
            if worker == state.info.worker {
                state.info.pendingWorkerKey = nil
            } else if state.info.pendingWorkerKey?.newWorker != worker {
                state.info.pendingWorkerKey = WorkerKeyChange(newWorker: worker, effectiveAt: effectiveAt)
            }
        }
    }

    static func confirmChangeWorkerAddress(_ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let state = try state(call, vm, callers: .owner)
        guard let pending = state.info.pendingWorkerKey else {
            throw ActorError.illegalState("no worker change is pending for t0\(call.receiver)")
        }
        guard pending.effectiveAt <= vm.epoch else {
            throw ActorError.forbidden(
                "worker change of t0\(call.receiver) takes effect at epoch \(pending.effectiveAt), now \(vm.epoch)")
        }
        try vm.tree.withMiner(call.receiver) { (state, _) throws(ActorError) in
            state.info.worker = pending.newWorker
            state.info.pendingWorkerKey = nil
        }
    }

    static func changePeerID(_ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let params = try ChangePeerIDParams.decode(call.params, method: MinerMethod.changePeerID.name)
        _ = try state(call, vm, callers: .ownerWorkerOrControl)
        guard params.newID.count <= maxPeerIDLength else {
            throw ActorError.illegalArgument("peer ID is \(params.newID.count) bytes (at most \(maxPeerIDLength))")
        }
        try vm.tree.withMiner(call.receiver) { (state, _) throws(ActorError) in state.info.peerID = params.newID }
    }

    static func changeMultiaddrs(_ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let params = try ChangeMultiaddrsParams.decode(call.params, method: MinerMethod.changeMultiaddrs.name)
        _ = try state(call, vm, callers: .ownerWorkerOrControl)
        guard !params.newMultiaddrs.contains(where: \.isEmpty) else {
            throw ActorError.illegalArgument("a multiaddr is empty")
        }
        let total = params.newMultiaddrs.reduce(0) { $0 + $1.count }
        guard total <= maxMultiaddrData else {
            throw ActorError.illegalArgument("multiaddrs total \(total) bytes (at most \(maxMultiaddrData))")
        }
        try vm.tree.withMiner(call.receiver) { (state, _) throws(ActorError) in state.info.multiaddrs = params.newMultiaddrs }
    }

    static func withdrawBalance(_ call: VM.Call, _ vm: inout VM) throws(ActorError) -> TokenAmount {
        let params = try MinerWithdrawBalanceParams.decode(call.params, method: MinerMethod.withdrawBalance.name)
        let state = try state(call, vm, callers: .owner)
        guard !params.amountRequested.isNegative else {
            throw ActorError.illegalArgument("negative withdrawal \(params.amountRequested.fil)")
        }
        let available = TokenAmount.max(.zero, state.availableBalance(vm.tree[call.receiver]?.balance ?? .zero))
        let amount = TokenAmount.min(params.amountRequested, available)
        try vm.tree.transfer(amount, from: call.receiver, to: state.info.owner)
        return amount
    }
}
