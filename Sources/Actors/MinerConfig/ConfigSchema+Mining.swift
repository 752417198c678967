extension ConfigSchema {
    /// `[Proving]` and `[Sealing]`, in file order.
    static let miningSections: [ConfigSection<MinerConfig>] = [
        ConfigSection("Proving", [
            .init("Proving", "ParallelCheckLimit", \.proving.parallelCheckLimit, goType: "int", doc: """
                Maximum number of sector checks to run in parallel. (0 = unlimited)

                WARNING: Setting this value too high may make the node crash by running out of stack
                WARNING: Setting this value too low may make sector challenge reading much slower, resulting in failed PoSt due
                to late submission.

                After changing this option, confirm that the new value works in your setup by invoking
                'lotus-miner proving compute window-post 0'
                """),
            .init("Proving", "DisableBuiltinWindowPoSt", \.proving.disableBuiltinWindowPoSt, goType: "bool", doc: """
                Disable Window PoSt computation on the lotus-miner process even if no window PoSt workers are present.

                WARNING: If no windowPoSt workers are connected, window PoSt WILL FAIL resulting in faulty sectors which will need
                to be recovered. Before enabling this option, make sure your PoSt workers work correctly.

                After changing this option, confirm that the new value works in your setup by invoking
                'lotus-miner proving compute window-post 0'
                """),
            .init("Proving", "DisableBuiltinWinningPoSt", \.proving.disableBuiltinWinningPoSt, goType: "bool", doc: """
                Disable Winning PoSt computation on the lotus-miner process even if no winning PoSt workers are present.

                WARNING: If no WinningPoSt workers are connected, Winning PoSt WILL FAIL resulting in lost block rewards.
                Before enabling this option, make sure your PoSt workers work correctly.
                """),
            .init("Proving", "DisableWDPoStPreChecks", \.proving.disableWDPoStPreChecks, goType: "bool", doc: """
                Disable WindowPoSt provable sector readability checks.

                In normal operation, when preparing to compute WindowPoSt, lotus-miner will perform a round of reading challenges
                from all sectors to confirm that those sectors can be proven. Challenges read in this process are discarded, as
                we're only interested in checking that sector data can be read.

                When using builtin proof computation (no PoSt workers, and DisableBuiltinWindowPoSt is set to false), this process
                can save a lot of time and compute resources in the case that some sectors are not readable - this is caused by
                the builtin logic not skipping snark computation when some sectors need to be skipped.

                When using PoSt workers, this process is mostly redundant, with PoSt workers challenges will be read once, and
                if challenges for some sectors aren't readable, those sectors will just get skipped.

                Disabling sector pre-checks will slightly reduce IO load when proving sectors, possibly resulting in shorter
                time to produce window PoSt. In setups with good IO capabilities the effect of this option on proving time should
                be negligible.

                NOTE: It likely is a bad idea to disable sector pre-checks in setups with no PoSt workers.

                NOTE: Even when this option is enabled, recovering sectors will be checked before recovery declaration message is
                sent to the chain

                After changing this option, confirm that the new value works in your setup by invoking
                'lotus-miner proving compute window-post 0'
                """),
            .init(
                "Proving", "MaxPartitionsPerPoStMessage", \.proving.maxPartitionsPerPoStMessage, goType: "int",
                doc: """
                    Maximum number of partitions to prove in a single SubmitWindowPoSt messace. 0 = network limit (10 in nv16)

                    A single partition may contain up to 2349 32GiB sectors, or 2300 64GiB sectors.

                    The maximum number of sectors which can be proven in a single PoSt message is 25000 in network version 16, which
                    means that a single message can prove at most 10 partinions

                    In some cases when submitting PoSt messages which are recovering sectors, the default network limit may still be
                    too high to fit in the block gas limit; In those cases it may be necessary to set this value to something lower
                    than 10; Note that setting this value lower may result in less efficient gas use - more messages will be sent,
                    to prove each deadline, resulting in more total gas use (but each message will have lower gas limit)

                    Setting this value above the network limit has no effect
                    """),
            .init(
                "Proving", "MaxPartitionsPerRecoveryMessage", \.proving.maxPartitionsPerRecoveryMessage, goType: "int",
                doc: """
                    In some cases when submitting DeclareFaultsRecovered messages,
                    there may be too many recoveries to fit in a BlockGasLimit.
                    In those cases it may be necessary to set this value to something low (eg 1);
                    Note that setting this value lower may result in less efficient gas use - more messages will be sent than needed,
                    resulting in more total gas use (but each message will have lower gas limit)
                    """),
        ]),
        ConfigSection("Sealing", [
            .init(
                "Sealing", "MaxWaitDealsSectors", \.sealing.maxWaitDealsSectors, goType: "uint64", unsigned: true,
                doc: """
                    Upper bound on how many sectors can be waiting for more deals to be packed in it before it begins sealing at any given time.
                    If the miner is accepting multiple deals in parallel, up to MaxWaitDealsSectors of new sectors will be created.
                    If more than MaxWaitDealsSectors deals are accepted in parallel, only MaxWaitDealsSectors deals will be processed in parallel
                    Note that setting this number too high in relation to deal ingestion rate may result in poor sector packing efficiency
                    0 = no limit
                    """),
            .init(
                "Sealing", "MaxSealingSectors", \.sealing.maxSealingSectors, goType: "uint64", unsigned: true,
                doc: """
                    Upper bound on how many sectors can be sealing+upgrading at the same time when creating new CC sectors (0 = unlimited)
                    """),
            .init(
                "Sealing", "MaxSealingSectorsForDeals",
                \.sealing.maxSealingSectorsForDeals, goType: "uint64", unsigned: true,
                doc: """
                    Upper bound on how many sectors can be sealing+upgrading at the same time when creating new sectors with deals (0 = unlimited)
                    """),
            .init("Sealing", "PreferNewSectorsForDeals", \.sealing.preferNewSectorsForDeals, goType: "bool", doc: """
                Prefer creating new sectors even if there are sectors Available for upgrading.
                This setting combined with MaxUpgradingSectors set to a value higher than MaxSealingSectorsForDeals makes it
                possible to use fast sector upgrades to handle high volumes of storage deals, while still using the simple sealing
                flow when the volume of storage deals is lower.
                """),
            .init(
                "Sealing", "MaxUpgradingSectors", \.sealing.maxUpgradingSectors, goType: "uint64", unsigned: true,
                doc: """
                    Upper bound on how many sectors can be sealing+upgrading at the same time when upgrading CC sectors with deals (0 = MaxSealingSectorsForDeals)
                    """),
            .init(
                "Sealing", "MinUpgradeSectorExpiration",
                \.sealing.minUpgradeSectorExpiration, goType: "uint64", unsigned: true,
                doc: """
                    When set to a non-zero value, minimum number of epochs until sector expiration required for sectors to be considered
                    for upgrades (0 = DealMinDuration = 180 days = 518400 epochs)

                    Note that if all deals waiting in the input queue have lifetimes longer than this value, upgrade sectors will be
                    required to have expiration of at least the soonest-ending deal
                    """),
            .init(
                "Sealing", "MinTargetUpgradeSectorExpiration",
                \.sealing.minTargetUpgradeSectorExpiration, goType: "uint64", unsigned: true,
                doc: """
                    When set to a non-zero value, minimum number of epochs until sector expiration above which upgrade candidates will
                    be selected based on lowest initial pledge.

                    Target sector expiration is calculated by looking at the input deal queue, sorting it by deal expiration, and
                    selecting N deals from the queue up to sector size. The target expiration will be Nth deal end epoch, or in case
                    where there weren't enough deals to fill a sector, DealMaxDuration (540 days = 1555200 epochs)

                    Setting this to a high value (for example to maximum deal duration - 1555200) will disable selection based on
                    initial pledge - upgrade sectors will always be chosen based on longest expiration
                    """),
            .init(
                "Sealing", "CommittedCapacitySectorLifetime",
                \.sealing.committedCapacitySectorLifetime, goType: "Duration",
                doc: """
                    CommittedCapacitySectorLifetime is the duration a Committed Capacity (CC) sector will
                    live before it must be extended or converted into sector containing deals before it is
                    terminated. Value must be between 180-540 days inclusive
                    """),
            .init("Sealing", "WaitDealsDelay", \.sealing.waitDealsDelay, goType: "Duration", doc: """
                Period of time that a newly created sector will wait for more deals to be packed in to before it starts to seal.
                Sectors which are fully filled will start sealing immediately
                """),
            .init("Sealing", "AlwaysKeepUnsealedCopy", \.sealing.alwaysKeepUnsealedCopy, goType: "bool", doc: """
                Whether to keep unsealed copies of deal data regardless of whether the client requested that. This lets the miner
                avoid the relatively high cost of unsealing the data later, at the cost of more storage space
                """),
            .init("Sealing", "FinalizeEarly", \.sealing.finalizeEarly, goType: "bool", doc: """
                Run sector finalization before submitting sector proof to the chain
                """),
            .init("Sealing", "MakeNewSectorForDeals", \.sealing.makeNewSectorForDeals, goType: "bool", doc: """
                Whether new sectors are created to pack incoming deals
                When this is set to false no new sectors will be created for sealing incoming deals
                This is useful for forcing all deals to be assigned as snap deals to sectors marked for upgrade
                """),
            .init("Sealing", "MakeCCSectorsAvailable", \.sealing.makeCCSectorsAvailable, goType: "bool", doc: """
                After sealing CC sectors, make them available for upgrading with deals
                """),
            .init(
                "Sealing", "CollateralFromMinerBalance", \.sealing.collateralFromMinerBalance, goType: "bool",
                doc: """
                    Whether to use available miner balance for sector collateral instead of sending it with each message
                    """),
            .init("Sealing", "AvailableBalanceBuffer", \.sealing.availableBalanceBuffer, goType: "types.FIL", doc: """
                Minimum available balance to keep in the miner actor before sending it with messages
                """),
            .init("Sealing", "DisableCollateralFallback", \.sealing.disableCollateralFallback, goType: "bool", doc: """
                Don't send collateral with messages even if there is no available balance in the miner actor
                """),
            .init("Sealing", "BatchPreCommits", \.sealing.batchPreCommits, goType: "bool", doc: """
                enable / disable precommit batching (takes effect after nv13)
                """),
            .init("Sealing", "MaxPreCommitBatch", \.sealing.maxPreCommitBatch, goType: "int", doc: """
                maximum precommit batch size - batches will be sent immediately above this size
                """),
            .init("Sealing", "PreCommitBatchWait", \.sealing.preCommitBatchWait, goType: "Duration", doc: """
                how long to wait before submitting a batch after crossing the minimum batch size
                """),
            .init("Sealing", "PreCommitBatchSlack", \.sealing.preCommitBatchSlack, goType: "Duration", doc: """
                time buffer for forceful batch submission before sectors/deal in batch would start expiring
                """),
            .init("Sealing", "AggregateCommits", \.sealing.aggregateCommits, goType: "bool", doc: """
                enable / disable commit aggregation (takes effect after nv13)
                """),
            .init("Sealing", "MinCommitBatch", \.sealing.minCommitBatch, goType: "int", doc: """
                minimum batched commit size - batches above this size will eventually be sent on a timeout
                """),
            .init("Sealing", "MaxCommitBatch", \.sealing.maxCommitBatch, goType: "int", doc: """
                maximum batched commit size - batches will be sent immediately above this size
                """),
            .init("Sealing", "CommitBatchWait", \.sealing.commitBatchWait, goType: "Duration", doc: """
                how long to wait before submitting a batch after crossing the minimum batch size
                """),
            .init("Sealing", "CommitBatchSlack", \.sealing.commitBatchSlack, goType: "Duration", doc: """
                time buffer for forceful batch submission before sectors/deals in batch would start expiring
                """),
            .init(
                "Sealing", "BatchPreCommitAboveBaseFee", \.sealing.batchPreCommitAboveBaseFee, goType: "types.FIL",
                doc: """
                    network BaseFee below which to stop doing precommit batching, instead
                    sending precommit messages to the chain individually
                    """),
            .init("Sealing", "AggregateAboveBaseFee", \.sealing.aggregateAboveBaseFee, goType: "types.FIL", doc: """
                network BaseFee below which to stop doing commit aggregation, instead
                submitting proofs to the chain individually
                """),
            .init(
                "Sealing", "TerminateBatchMax",
                \.sealing.terminateBatchMax, goType: "uint64", unsigned: true, comment: .typeOnly,
                doc: "Maximum number of sectors terminated in one TerminateSectors message."),
            .init(
                "Sealing", "TerminateBatchMin",
                \.sealing.terminateBatchMin, goType: "uint64", unsigned: true, comment: .typeOnly,
                doc: "Minimum number of pending terminations before a TerminateSectors message is sent early."),
            .init(
                "Sealing", "TerminateBatchWait", \.sealing.terminateBatchWait, goType: "Duration", comment: .typeOnly,
                doc: "How long pending terminations wait for more before they are sent."),
        ]),
    ]
}
