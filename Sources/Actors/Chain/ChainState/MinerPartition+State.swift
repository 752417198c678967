import ChainTypes

extension MinerPartition {
    /// What `StateMinerPartitions` reports of `partition`.
    public init(_ partition: PartitionState) {
        self.init(
            allSectors: partition.sectors, faultySectors: partition.faults, recoveringSectors: partition.recoveries,
            liveSectors: partition.liveSectors, activeSectors: partition.activeSectors)
    }
}
