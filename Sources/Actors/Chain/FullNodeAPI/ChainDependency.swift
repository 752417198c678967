import APICore

/// The chain daemon as a miner subsystem holds it: a `SubsystemRef<FullNodeMethods>` injected at assembly (remote
/// from `FULLNODE_API_INFO` in `lotus-miner run`, local in tests), or `nil` on a node started without one.
public enum ChainDependency {
    /// `chain`, or the error that tells the operator how to give the node one.
    /// - Parameter method: the API method that needs the chain, for the message.
    /// - Throws: ``APICore/RPCError`` when the node has no chain.
    public static func require(_ chain: SubsystemRef<FullNodeMethods>?, for method: String) throws -> SubsystemRef<FullNodeMethods> {
        guard let chain else {
            throw RPCError(
                .methodError,
                "\(method) needs the chain daemon, and this node was started without one; set FULLNODE_API_INFO "
                    + "(`lotus auth api-info --perm=admin`) and restart `lotus-miner run`")
        }
        return chain
    }
}
