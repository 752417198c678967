extension ConfigSchema {
    /// `[Storage]`, `[Fees]`, `[Addresses]` and `[DAGStore]`, in file order.
    static let storageSections: [ConfigSection<MinerConfig>] = [
        ConfigSection("Storage", [
            .init(
                "Storage", "ParallelFetchLimit", \.storage.parallelFetchLimit, goType: "int", comment: .typeOnly,
                doc: "Maximum number of sector fetches run in parallel."),
            .init(
                "Storage", "AllowSectorDownload", \.storage.allowSectorDownload, goType: "bool", comment: .typeOnly,
                doc: "Allow sectors to be downloaded from remote storage paths."),
            .init("Storage", "AllowAddPiece", \.storage.allowAddPiece, goType: "bool", comment: .typeOnly, doc: """
                Allow the builtin worker to run AddPiece tasks.
                """),
            .init("Storage", "AllowPreCommit1", \.storage.allowPreCommit1, goType: "bool", comment: .typeOnly, doc: """
                Allow the builtin worker to run PreCommit1 tasks.
                """),
            .init("Storage", "AllowPreCommit2", \.storage.allowPreCommit2, goType: "bool", comment: .typeOnly, doc: """
                Allow the builtin worker to run PreCommit2 tasks.
                """),
            .init("Storage", "AllowCommit", \.storage.allowCommit, goType: "bool", comment: .typeOnly, doc: """
                Allow the builtin worker to run Commit tasks.
                """),
            .init("Storage", "AllowUnseal", \.storage.allowUnseal, goType: "bool", comment: .typeOnly, doc: """
                Allow the builtin worker to run Unseal tasks.
                """),
            .init(
                "Storage", "AllowReplicaUpdate", \.storage.allowReplicaUpdate, goType: "bool", comment: .typeOnly,
                doc: "Allow the builtin worker to run ReplicaUpdate tasks."),
            .init(
                "Storage", "AllowProveReplicaUpdate2",
                \.storage.allowProveReplicaUpdate2, goType: "bool", comment: .typeOnly,
                doc: "Allow the builtin worker to run ProveReplicaUpdate2 tasks."),
            .init(
                "Storage", "AllowRegenSectorKey", \.storage.allowRegenSectorKey, goType: "bool", comment: .typeOnly,
                doc: "Allow the builtin worker to run RegenSectorKey tasks."),
            .init("Storage", "LocalWorkerName", \.storage.localWorkerName, goType: "string", doc: """
                LocalWorkerName specifies a custom name for the builtin worker.
                If set to an empty string (default) os hostname will be used
                """),
            .init("Storage", "Assigner", \.storage.assigner, goType: "string", doc: """
                Assigner specifies the worker assigner to use when scheduling tasks.
                "utilization" (default) - assign tasks to workers with lowest utilization.
                "spread" - assign tasks to as many distinct workers as possible.
                """),
            .init("Storage", "DisallowRemoteFinalize", \.storage.disallowRemoteFinalize, goType: "bool", doc: """
                DisallowRemoteFinalize when set to true will force all Finalize tasks to
                run on workers with local access to both long-term storage and the sealing
                path containing the sector.
                --
                WARNING: Only set this if all workers have access to long-term storage
                paths. If this flag is enabled, and there are workers without long-term
                storage access, sectors will not be moved from them, and Finalize tasks
                will appear to be stuck.
                --
                If you see stuck Finalize tasks after enabling this setting, check
                'lotus-miner sealing sched-diag' and 'lotus-miner storage find [sector num]'
                """),
            .init(
                "Storage", "ResourceFiltering", \.storage.resourceFiltering, goType: "sealer.ResourceFilteringStrategy",
                doc: """
                    ResourceFiltering instructs the system which resource filtering strategy
                    to use when evaluating tasks against this worker. An empty value defaults
                    to "hardware".
                    """),
        ]),
        ConfigSection("Fees", [
            .init(
                "Fees", "MaxPreCommitGasFee", \.fees.maxPreCommitGasFee, goType: "types.FIL", comment: .typeOnly,
                doc: "Maximum fee paid for a single PreCommitSector message."),
            .init("Fees", "MaxCommitGasFee", \.fees.maxCommitGasFee, goType: "types.FIL", comment: .typeOnly, doc: """
                Maximum fee paid for a single ProveCommitSector message.
                """),
            .init(
                "Fees", "MaxTerminateGasFee", \.fees.maxTerminateGasFee, goType: "types.FIL", comment: .typeOnly,
                doc: "Maximum fee paid for a TerminateSectors message."),
            .init("Fees", "MaxWindowPoStGasFee", \.fees.maxWindowPoStGasFee, goType: "types.FIL", doc: """
                WindowPoSt is a high-value operation, so the default fee should be high.
                """),
            .init(
                "Fees", "MaxPublishDealsFee", \.fees.maxPublishDealsFee, goType: "types.FIL", comment: .typeOnly,
                doc: "Maximum fee paid for a PublishStorageDeals message."),
            .init(
                "Fees", "MaxMarketBalanceAddFee",
                \.fees.maxMarketBalanceAddFee, goType: "types.FIL", comment: .typeOnly,
                doc: "Maximum fee paid for adding funds to the storage market actor."),
        ]),
        ConfigSection("Fees.MaxPreCommitBatchGasFee", [
            .init(
                "Fees.MaxPreCommitBatchGasFee", "Base",
                \.fees.maxPreCommitBatchGasFee.base, goType: "types.FIL", comment: .typeOnly,
                doc: "Fixed part of the maximum fee for a batch message (max fee = Base + PerSector * sectors)."),
            .init(
                "Fees.MaxPreCommitBatchGasFee", "PerSector",
                \.fees.maxPreCommitBatchGasFee.perSector, goType: "types.FIL", comment: .typeOnly,
                doc: "Per-sector part of the maximum fee for a batch message (max fee = Base + PerSector * sectors)."),
        ]),
        ConfigSection("Fees.MaxCommitBatchGasFee", [
            .init(
                "Fees.MaxCommitBatchGasFee", "Base",
                \.fees.maxCommitBatchGasFee.base, goType: "types.FIL", comment: .typeOnly,
                doc: "Fixed part of the maximum fee for a batch message (max fee = Base + PerSector * sectors)."),
            .init(
                "Fees.MaxCommitBatchGasFee", "PerSector",
                \.fees.maxCommitBatchGasFee.perSector, goType: "types.FIL", comment: .typeOnly,
                doc: "Per-sector part of the maximum fee for a batch message (max fee = Base + PerSector * sectors)."),
        ]),
        ConfigSection("Addresses", [
            .init("Addresses", "PreCommitControl", \.addresses.preCommitControl, goType: "[]string", doc: """
                Addresses to send PreCommit messages from
                """),
            .init("Addresses", "CommitControl", \.addresses.commitControl, goType: "[]string", doc: """
                Addresses to send Commit messages from
                """),
            .init(
                "Addresses", "TerminateControl", \.addresses.terminateControl, goType: "[]string", comment: .typeOnly,
                doc: "Addresses to send TerminateSectors messages from"),
            .init(
                "Addresses", "DealPublishControl",
                \.addresses.dealPublishControl, goType: "[]string", comment: .typeOnly,
                doc: "Addresses to send PublishStorageDeals messages from"),
            .init("Addresses", "DisableOwnerFallback", \.addresses.disableOwnerFallback, goType: "bool", doc: """
                DisableOwnerFallback disables usage of the owner address for messages
                sent automatically
                """),
            .init("Addresses", "DisableWorkerFallback", \.addresses.disableWorkerFallback, goType: "bool", doc: """
                DisableWorkerFallback disables usage of the worker address for messages
                sent automatically, if control addresses are configured.
                A control address that doesn't have enough funds will still be chosen
                over the worker address if this flag is set.
                """),
        ]),
        ConfigSection("DAGStore", [
            .init("DAGStore", "RootDir", \.dagstore.rootDir, goType: "string", doc: """
                Path to the dagstore root directory. This directory contains three
                subdirectories, which can be symlinked to alternative locations if
                need be:
                - ./transients: caches unsealed deals that have been fetched from the
                storage subsystem for serving retrievals.
                - ./indices: stores shard indices.
                - ./datastore: holds the KV store tracking the state of every shard
                known to the DAG store.
                Default value: <LOTUS_MARKETS_PATH>/dagstore (split deployment) or
                <LOTUS_MINER_PATH>/dagstore (monolith deployment)
                """),
            .init("DAGStore", "MaxConcurrentIndex", \.dagstore.maxConcurrentIndex, goType: "int", doc: """
                The maximum amount of indexing jobs that can run simultaneously.
                0 means unlimited.
                Default value: 5.
                """),
            .init(
                "DAGStore", "MaxConcurrentReadyFetches", \.dagstore.maxConcurrentReadyFetches, goType: "int",
                doc: """
                    The maximum amount of unsealed deals that can be fetched simultaneously
                    from the storage subsystem. 0 means unlimited.
                    Default value: 0 (unlimited).
                    """),
            .init("DAGStore", "MaxConcurrentUnseals", \.dagstore.maxConcurrentUnseals, goType: "int", doc: """
                The maximum amount of unseals that can be processed simultaneously
                from the storage subsystem. 0 means unlimited.
                Default value: 0 (unlimited).
                """),
            .init(
                "DAGStore", "MaxConcurrencyStorageCalls", \.dagstore.maxConcurrencyStorageCalls, goType: "int",
                doc: """
                    The maximum number of simultaneous inflight API calls to the storage
                    subsystem.
                    Default value: 100.
                    """),
            .init("DAGStore", "GCInterval", \.dagstore.gcInterval, goType: "Duration", doc: """
                The time between calls to periodic dagstore GC, in time.Duration string
                representation, e.g. 1m, 5m, 1h.
                Default value: 1 minute.
                """),
        ]),
    ]
}
