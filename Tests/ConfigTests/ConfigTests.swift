import MinerConfig
import Testing

/// `MinerConfig.defaults` against Lotus v1.17.2 `DefaultStorageMiner()` (reference §1.2).
struct DefaultsTests {
    let config = MinerConfig.defaults

    @Test func apiDefaults() {
        #expect(config.api.listenAddress == "/ip4/127.0.0.1/tcp/2345/http")
        #expect(config.api.remoteListenAddress == "127.0.0.1:2345")
        #expect(config.api.timeout == .seconds(30))
        #expect(config.api.tlsCertFile.isEmpty && config.api.tlsKeyFile.isEmpty && !config.api.tlsEnabled)
        #expect(config.api.maxRequestSize == 104_857_600)
    }

    @Test func commonSectionDefaults() {
        #expect(config.backup.disableMetadataLog)
        #expect(config.logging.subsystemLevels == ["example-subsystem": "INFO"])
        #expect(config.libp2p.listenAddresses == ["/ip4/0.0.0.0/tcp/0", "/ip6/::/tcp/0"])
        #expect(config.libp2p.announceAddresses.isEmpty)
        #expect(config.libp2p.bootstrapPeers == nil)
        #expect(config.libp2p.connMgrLow == 150 && config.libp2p.connMgrHigh == 180)
        #expect(config.libp2p.connMgrGrace == .seconds(20))
        #expect(config.pubsub.remoteTracer.isEmpty && !config.pubsub.bootstrapper)
    }

    @Test func subsystemsDefaultToMonolith() {
        let s = config.subsystems
        #expect(s.enableMining && s.enableSealing && s.enableSectorStorage && s.enableMarkets)
        #expect(s.sealerApiInfo.isEmpty && s.sectorIndexApiInfo.isEmpty)
    }

    @Test func dealmakingDefaults() {
        let d = config.dealmaking
        #expect(d.considerOnlineStorageDeals && d.considerOfflineStorageDeals && d.considerVerifiedStorageDeals)
        #expect(d.pieceCidBlocklist.isEmpty)
        #expect(d.expectedSealDuration.description == "24h0m0s")
        #expect(d.maxDealStartDelay.description == "336h0m0s")
        #expect(d.publishMsgPeriod.description == "1h0m0s")
        #expect(d.maxDealsPerPublishMsg == 8)
        #expect(d.maxProviderCollateralMultiplier == 2)
        #expect(d.simultaneousTransfersForStorage == 20 && d.simultaneousTransfersForRetrieval == 20)
        #expect(d.startEpochSealingBuffer == 480)
        #expect(d.retrievalPricing.strategy == "default")
        #expect(d.retrievalPricing.default.verifiedDealsFreeTransfer)
        #expect(d.retrievalPricing.external.path.isEmpty)
    }

    @Test func miningSectionDefaults() {
        #expect(config.indexProvider.enable && config.indexProvider.entriesChunkSize == 16384)
        #expect(config.proving.parallelCheckLimit == 128)
        #expect(config.sealing.maxWaitDealsSectors == 2)
        #expect(config.sealing.committedCapacitySectorLifetime.description == "12960h0m0s")
        #expect(config.sealing.waitDealsDelay.description == "6h0m0s")
        #expect(config.sealing.maxPreCommitBatch == 256 && config.sealing.maxCommitBatch == 819)
        #expect(config.sealing.availableBalanceBuffer.description == "0 FIL")
        #expect(config.sealing.batchPreCommitAboveBaseFee.description == "0.00000000032 FIL")
        #expect(config.sealing.terminateBatchWait.description == "5m0s")
        #expect(config.storage.parallelFetchLimit == 10 && config.storage.allowRegenSectorKey)
        #expect(config.storage.assigner == "utilization" && config.storage.resourceFiltering == "hardware")
    }

    @Test func feeAddressAndDAGStoreDefaults() {
        #expect(config.fees.maxPreCommitGasFee.description == "0.025 FIL")
        #expect(config.fees.maxWindowPoStGasFee.description == "5 FIL")
        #expect(config.fees.maxMarketBalanceAddFee.description == "0.007 FIL")
        #expect(config.fees.maxPreCommitBatchGasFee.perSector.description == "0.02 FIL")
        #expect(config.fees.maxCommitBatchGasFee.perSector.description == "0.03 FIL")
        #expect(config.fees.maxCommitBatchGasFee.maxFee(sectors: 10).description == "0.3 FIL")
        #expect(config.addresses.dealPublishControl.isEmpty && !config.addresses.disableOwnerFallback)
        #expect(config.dagstore.maxConcurrentIndex == 5 && config.dagstore.maxConcurrentUnseals == 5)
        #expect(config.dagstore.maxConcurrencyStorageCalls == 100)
        #expect(config.dagstore.gcInterval.description == "1m0s")
    }

    @Test func schemaCoversEveryKeyOnce() {
        let names = ConfigSchema.fields.map(\.displayName)
        #expect(Set(names).count == names.count)
        #expect(names.count == 129)
        #expect(ConfigSchema.sections.map(\.name).filter { !$0.contains(".") } == [
            "API", "Backup", "Logging", "Libp2p", "Pubsub", "Subsystems", "Dealmaking", "IndexProvider", "Proving",
            "Sealing", "Storage", "Fees", "Addresses", "DAGStore",
        ])
        #expect(ConfigSchema.field(environmentVariable: "LOTUS_SUBSYSTEMS_ENABLEMARKETS")?.key == "EnableMarkets")
        #expect(
            ConfigSchema.field(section: "Dealmaking.RetrievalPricing", key: "Strategy")?.environmentVariable
                == "LOTUS_DEALMAKING_RETRIEVALPRICING_STRATEGY")
        for field in ConfigSchema.fields {
            #expect(!field.doc.isEmpty, "\(field.displayName) has no doc")
            #expect(field.value(in: .defaults) != nil || field.isOptional)
        }
    }
}
