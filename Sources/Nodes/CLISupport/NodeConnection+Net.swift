import APICore
import NetAPI

extension NodeConnection {
    /// The Net API of the node this connection reaches (`lotus-miner net` resolves the markets node).
    public var net: SubsystemRef<NetMethods> { .remote(client) }
}
