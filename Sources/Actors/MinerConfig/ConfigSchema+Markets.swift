extension ConfigSchema {
    /// `[Dealmaking]` (with `[Dealmaking.RetrievalPricing]`) and `[IndexProvider]`, in file order.
    static let marketsSections: [ConfigSection<MinerConfig>] = [
        ConfigSection("Dealmaking", [
            .init(
                "Dealmaking", "ConsiderOnlineStorageDeals", \.dealmaking.considerOnlineStorageDeals, goType: "bool",
                doc: "When enabled, the miner can accept online deals"),
            .init(
                "Dealmaking", "ConsiderOfflineStorageDeals", \.dealmaking.considerOfflineStorageDeals, goType: "bool",
                doc: "When enabled, the miner can accept offline deals"),
            .init(
                "Dealmaking", "ConsiderOnlineRetrievalDeals", \.dealmaking.considerOnlineRetrievalDeals, goType: "bool",
                doc: "When enabled, the miner can accept retrieval deals"),
            .init(
                "Dealmaking", "ConsiderOfflineRetrievalDeals",
                \.dealmaking.considerOfflineRetrievalDeals, goType: "bool",
                doc: "When enabled, the miner can accept offline retrieval deals"),
            .init(
                "Dealmaking", "ConsiderVerifiedStorageDeals", \.dealmaking.considerVerifiedStorageDeals, goType: "bool",
                doc: "When enabled, the miner can accept verified deals"),
            .init(
                "Dealmaking", "ConsiderUnverifiedStorageDeals",
                \.dealmaking.considerUnverifiedStorageDeals, goType: "bool",
                doc: "When enabled, the miner can accept unverified deals"),
            .init("Dealmaking", "PieceCidBlocklist", \.dealmaking.pieceCidBlocklist, goType: "[]cid.Cid", doc: """
                A list of Data CIDs to reject when making deals
                """),
            .init("Dealmaking", "ExpectedSealDuration", \.dealmaking.expectedSealDuration, goType: "Duration", doc: """
                Maximum expected amount of time getting the deal into a sealed sector will take
                This includes the time the deal will need to get transferred and published
                before being assigned to a sector
                """),
            .init("Dealmaking", "MaxDealStartDelay", \.dealmaking.maxDealStartDelay, goType: "Duration", doc: """
                Maximum amount of time proposed deal StartEpoch can be in future
                """),
            .init("Dealmaking", "PublishMsgPeriod", \.dealmaking.publishMsgPeriod, goType: "Duration", doc: """
                When a deal is ready to publish, the amount of time to wait for more
                deals to be ready to publish before publishing them all as a batch
                """),
            .init(
                "Dealmaking", "MaxDealsPerPublishMsg",
                \.dealmaking.maxDealsPerPublishMsg, goType: "uint64", unsigned: true,
                doc: """
                    The maximum number of deals to include in a single PublishStorageDeals
                    message
                    """),
            .init(
                "Dealmaking", "MaxProviderCollateralMultiplier",
                \.dealmaking.maxProviderCollateralMultiplier, goType: "uint64", unsigned: true,
                doc: """
                    The maximum collateral that the provider will put up against a deal,
                    as a multiplier of the minimum collateral bound
                    """),
            .init("Dealmaking", "MaxStagingDealsBytes", \.dealmaking.maxStagingDealsBytes, goType: "int64", doc: """
                The maximum allowed disk usage size in bytes of staging deals not yet
                passed to the sealing node by the markets service. 0 is unlimited.
                """),
            .init(
                "Dealmaking", "SimultaneousTransfersForStorage",
                \.dealmaking.simultaneousTransfersForStorage, goType: "uint64", unsigned: true,
                doc: "The maximum number of parallel online data transfers for storage deals"),
            .init(
                "Dealmaking", "SimultaneousTransfersForStoragePerClient",
                \.dealmaking.simultaneousTransfersForStoragePerClient, goType: "uint64", unsigned: true,
                doc: """
                    The maximum number of simultaneous data transfers from any single client
                    for storage deals.
                    Unset by default (0), and values higher than SimultaneousTransfersForStorage
                    will have no effect; i.e. the total number of simultaneous data transfers
                    across all storage clients is bound by SimultaneousTransfersForStorage
                    regardless of this number.
                    """),
            .init(
                "Dealmaking", "SimultaneousTransfersForRetrieval",
                \.dealmaking.simultaneousTransfersForRetrieval, goType: "uint64", unsigned: true,
                doc: "The maximum number of parallel online data transfers for retrieval deals"),
            .init(
                "Dealmaking", "StartEpochSealingBuffer",
                \.dealmaking.startEpochSealingBuffer, goType: "uint64", unsigned: true,
                doc: "Minimum start epoch buffer to give time for sealing of sector with deal."),
            .init("Dealmaking", "Filter", \.dealmaking.filter, goType: "string", doc: """
                A command used for fine-grained evaluation of storage deals
                see https://lotus.filecoin.io/storage-providers/advanced-configurations/market/#using-filters-for-fine-grained-storage-and-retrieval-deal-acceptance for more details
                """),
            .init("Dealmaking", "RetrievalFilter", \.dealmaking.retrievalFilter, goType: "string", doc: """
                A command used for fine-grained evaluation of retrieval deals
                see https://lotus.filecoin.io/storage-providers/advanced-configurations/market/#using-filters-for-fine-grained-storage-and-retrieval-deal-acceptance for more details
                """),
        ]),
        ConfigSection("Dealmaking.RetrievalPricing", [
            .init(
                "Dealmaking.RetrievalPricing", "Strategy",
                \.dealmaking.retrievalPricing.strategy, goType: "string", comment: .envOnly,
                doc: """
                    Retrieval pricing policy: "default" or "external".
                    """),
        ]),
        ConfigSection("Dealmaking.RetrievalPricing.Default", [
            .init(
                "Dealmaking.RetrievalPricing.Default", "VerifiedDealsFreeTransfer",
                \.dealmaking.retrievalPricing.default.verifiedDealsFreeTransfer, goType: "bool", comment: .envOnly,
                doc: "With the default strategy, charge nothing per byte when retrieving verified-deal data."),
        ]),
        ConfigSection("Dealmaking.RetrievalPricing.External", [
            .init(
                "Dealmaking.RetrievalPricing.External", "Path",
                \.dealmaking.retrievalPricing.external.path, goType: "string", comment: .envOnly,
                doc: """
                    Command run (via sh -c) to price retrievals when Strategy is "external".
                    """),
        ]),
        ConfigSection("IndexProvider", [
            .init("IndexProvider", "Enable", \.indexProvider.enable, goType: "bool", doc: """
                Enable set whether to enable indexing announcement to the network and expose endpoints that
                allow indexer nodes to process announcements. Enabled by default.
                """),
            .init(
                "IndexProvider", "EntriesCacheCapacity", \.indexProvider.entriesCacheCapacity, goType: "int",
                doc: """
                    EntriesCacheCapacity sets the maximum capacity to use for caching the indexing advertisement
                    entries. Defaults to 1024 if not specified. The cache is evicted using LRU policy. The
                    maximum storage used by the cache is a factor of EntriesCacheCapacity, EntriesChunkSize and
                    the length of multihashes being advertised. For example, advertising 128-bit long multihashes
                    with the default EntriesCacheCapacity, and EntriesChunkSize means the cache size can grow to
                    256MiB when full.
                    """),
            .init("IndexProvider", "EntriesChunkSize", \.indexProvider.entriesChunkSize, goType: "int", doc: """
                EntriesChunkSize sets the maximum number of multihashes to include in a single entries chunk.
                Defaults to 16384 if not specified. Note that chunks are chained together for indexing
                advertisements that include more multihashes than the configured EntriesChunkSize.
                """),
            .init("IndexProvider", "TopicName", \.indexProvider.topicName, goType: "string", doc: """
                TopicName sets the topic name on which the changes to the advertised content are announced.
                If not explicitly specified, the topic name is automatically inferred from the network name
                in following format: '/indexer/ingest/<network-name>'
                Defaults to empty, which implies the topic name is inferred from network name.
                """),
            .init("IndexProvider", "PurgeCacheOnStart", \.indexProvider.purgeCacheOnStart, goType: "bool", doc: """
                PurgeCacheOnStart sets whether to clear any cached entries chunks when the provider engine
                starts. By default, the cache is rehydrated from previously cached entries stored in
                datastore if any is present.
                """),
        ]),
    ]
}
