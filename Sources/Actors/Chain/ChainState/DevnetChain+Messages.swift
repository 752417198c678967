import ChainTypes

extension DevnetChain {
    /// The record of the actor `address` names (ID or robust address), if it exists.
    public func actor(at address: Address) -> ActorRecord? {
        tree.lookupID(address).flatMap { tree[$0] }
    }

    /// The key address (`t1…`) behind `address` when it names an account; `nil` otherwise.
    public func keyAddress(of address: Address) -> Address? {
        tree.lookupID(address).flatMap { tree.keyAddress(of: $0) }
    }

    /// Bytes a signed message adds over its unsigned CBOR: the 2-array head and a 97-byte signature string.
    static let signatureOverhead = 100

    /// Runs `message` on a scratch copy of the state at the next epoch, after `prior` (the sender's pending
    /// messages, unsigned), with the block gas limit and zero fees, as Lotus's `GasEstimateGasLimit` does. The
    /// receipt's `GasUsed` is what the message needs; a non-zero exit code says it would fail and why.
    public func estimateGas(_ message: Message, after prior: [Message] = []) -> MessageReceipt {
        var vm = VM(tree: tree, network: network, verifier: verifier, randomness: randomness, epoch: head.height + 1)
        for earlier in prior {
            _ = vm.apply(earlier, signature: nil, size: earlier.cborBytes.count + DevnetChain.signatureOverhead)
        }
        var probe = message
        probe.gasLimit = network.blockGasLimit
        probe.gasFeeCap = .zero
        probe.gasPremium = .zero
        probe.nonce = vm.tree.lookupID(message.from).flatMap { vm.tree[$0]?.nonce } ?? message.nonce
        return vm.apply(probe, signature: nil, size: probe.cborBytes.count + DevnetChain.signatureOverhead).receipt
    }
}
