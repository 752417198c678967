import ConfigFile
import MinerConfig
import Testing

/// `config default` / `config updated` output and round trips.
struct ConfigRenderTests {
    let commented = ConfigFile.commentedDefault()

    @Test func subsystemsBlockMatchesLotus() {
        let block = """
            [Subsystems]
              # type: bool
              # env var: LOTUS_SUBSYSTEMS_ENABLEMINING
              #EnableMining = true

              # type: bool
              # env var: LOTUS_SUBSYSTEMS_ENABLESEALING
              #EnableSealing = true

              # type: bool
              # env var: LOTUS_SUBSYSTEMS_ENABLESECTORSTORAGE
              #EnableSectorStorage = true

              # type: bool
              # env var: LOTUS_SUBSYSTEMS_ENABLEMARKETS
              #EnableMarkets = true

              # type: string
              # env var: LOTUS_SUBSYSTEMS_SEALERAPIINFO
              #SealerApiInfo = ""

              # type: string
              # env var: LOTUS_SUBSYSTEMS_SECTORINDEXAPIINFO
              #SectorIndexApiInfo = ""


            [Dealmaking]
            """
        #expect(commented.contains(block))
    }

    @Test func fileStartsWithDocumentedAPISection() {
        let start = """
            [API]
              # Binding address for the Lotus API
              #
              # type: string
              # env var: LOTUS_API_LISTENADDRESS
              #ListenAddress = "/ip4/127.0.0.1/tcp/2345/http"

              # type: string
              # env var: LOTUS_API_REMOTELISTENADDRESS
              #RemoteListenAddress = "127.0.0.1:2345"

              # type: Duration
              # env var: LOTUS_API_TIMEOUT
              #Timeout = "30s"

            """
        #expect(commented.hasPrefix(start))
        #expect(commented.contains("  # env var: LOTUS_API_TLSCERTFILE\n  #TLSCertFile = \"\"\n"))
        #expect(
            commented.contains("  # type: int\n  # env var: LOTUS_API_MAXREQUESTSIZE\n  #MaxRequestSize = 104857600\n"))
        #expect(commented.hasSuffix("  # env var: LOTUS_DAGSTORE_GCINTERVAL\n  #GCInterval = \"1m0s\"\n\n"))
    }

    @Test func nestedTablesAreIndentedLikeLotus() {
        #expect(commented.contains("""
            [Logging]
              [Logging.SubsystemLevels]
                # env var: LOTUS_LOGGING_SUBSYSTEMLEVELS_EXAMPLE-SUBSYSTEM
                #example-subsystem = "INFO"


            [Libp2p]
            """))
        #expect(commented.contains("""
              [Dealmaking.RetrievalPricing]
                # env var: LOTUS_DEALMAKING_RETRIEVALPRICING_STRATEGY
                #Strategy = "default"

                [Dealmaking.RetrievalPricing.Default]
                  # env var: LOTUS_DEALMAKING_RETRIEVALPRICING_DEFAULT_VERIFIEDDEALSFREETRANSFER
                  #VerifiedDealsFreeTransfer = true

            """))
        #expect(commented.contains("""
              [Fees.MaxPreCommitBatchGasFee]
                # type: types.FIL
                # env var: LOTUS_FEES_MAXPRECOMMITBATCHGASFEE_BASE
                #Base = "0 FIL"

            """))
    }

    @Test func multiLineDocsKeepBlankDocLines() {
        #expect(commented.contains("""
              # When set to true disables metadata log (.lotus/kvlog). This can save disk
              # space by reducing metadata redundancy.
              # \n  # Note that in case of metadata corruption it might be much harder to recover
              # your node if metadata log is disabled
              #
              # type: bool
              # env var: LOTUS_BACKUP_DISABLEMETADATALOG
              #DisableMetadataLog = true
            """))
        #expect(
            commented.contains(
                "  # type: []cid.Cid\n  # env var: LOTUS_DEALMAKING_PIECECIDBLOCKLIST\n  #PieceCidBlocklist = []\n"))
    }

    @Test func noCommentIsPlainTOML() {
        let plain = ConfigFile.render(.defaults, comment: false)
        #expect(plain.hasPrefix("[API]\n  ListenAddress = \"/ip4/127.0.0.1/tcp/2345/http\"\n"))
        #expect(plain.contains("  ListenAddresses = [\"/ip4/0.0.0.0/tcp/0\", \"/ip6/::/tcp/0\"]\n"))
        #expect(plain.contains("\n\n[Backup]\n  DisableMetadataLog = true\n\n[Logging]\n  [Logging.SubsystemLevels]\n"))
        #expect(!plain.contains("#"))
        #expect(!plain.contains("BootstrapPeers"))
    }

    @Test func commentedDefaultLoadsAsDefaults() throws {
        #expect(try ConfigFile.parse(commented) == .defaults)
    }

    static func modified() throws -> MinerConfig {
        var c = MinerConfig.defaults
        c.api.listenAddress = "/ip4/127.0.0.1/tcp/8787/http"
        c.api.tlsCertFile = "/etc/lotus/cert.pem"
        c.api.timeout = .milliseconds(1500)
        c.libp2p.announceAddresses = ["/ip4/203.0.113.7/tcp/24001"]
        c.libp2p.bootstrapPeers = ["/ip4/10.0.0.1/tcp/1347/p2p/12D3KooWabc"]
        c.pubsub.directPeers = []
        c.logging.subsystemLevels["markets"] = "DEBUG"
        c.subsystems = .init(
            enableMining: false, enableSealing: false, enableSectorStorage: false, enableMarkets: true,
            sealerApiInfo: "eyJ.a.b:/ip4/10.0.0.5/tcp/2345/http", sectorIndexApiInfo: "tok:/ip4/10.0.0.5/tcp/2345/http")
        c.dealmaking.pieceCidBlocklist = ["baga6ea4seaq", "baga6ea4seaz"]
        c.dealmaking.publishMsgPeriod = .seconds(10)
        c.dealmaking.filter = "/bin/sh -c \"exit 0\" \\ tab\there"
        c.dealmaking.retrievalPricing.strategy = "external"
        c.dealmaking.retrievalPricing.external.path = "/usr/bin/price"
        c.dealmaking.retrievalPricing.default.verifiedDealsFreeTransfer = false
        c.sealing.maxSealingSectors = 4
        c.sealing.availableBalanceBuffer = try FIL.parse("1.25")
        c.fees.maxCommitBatchGasFee.base = try FIL.parse("0.001")
        c.fees.maxPreCommitBatchGasFee.perSector = try FIL.parse("0.03")
        c.addresses.dealPublishControl = ["f3abc"]
        c.dagstore.rootDir = "/var/lib/dagstore"
        return c
    }

    @Test func plainRoundTrip() throws {
        let config = try Self.modified()
        let text = ConfigFile.render(config, comment: false)
        #expect(try ConfigFile.parse(text) == config)
        #expect(text.contains("  BootstrapPeers = [\"/ip4/10.0.0.1/tcp/1347/p2p/12D3KooWabc\"]\n"))
        #expect(text.contains("  DirectPeers = []\n"))
        #expect(text.contains("  Filter = \"/bin/sh -c \\\"exit 0\\\" \\\\ tab\\there\"\n"))
        #expect(text.contains("    markets = \"DEBUG\"\n"))
    }

    @Test func updatedCommentsOutDefaultsOnly() throws {
        let config = try Self.modified()
        let text = try ConfigFile.updated(config, comment: true)
        #expect(try ConfigFile.parse(text) == config)
        #expect(
            text.contains("  # env var: LOTUS_API_LISTENADDRESS\n  ListenAddress = \"/ip4/127.0.0.1/tcp/8787/http\"\n"))
        #expect(
            text.contains("  # env var: LOTUS_API_REMOTELISTENADDRESS\n  #RemoteListenAddress = \"127.0.0.1:2345\"\n"))
        #expect(text.contains("  # env var: LOTUS_SUBSYSTEMS_ENABLEMINING\n  EnableMining = false\n"))
        #expect(text.contains("  # env var: LOTUS_SUBSYSTEMS_ENABLEMARKETS\n  #EnableMarkets = true\n"))
        // Same `PerSector = "0.03 FIL"` line as the other batch table's default: compared per key, so it stays live.
        #expect(text.contains("LOTUS_FEES_MAXPRECOMMITBATCHGASFEE_PERSECTOR\n    PerSector = \"0.03 FIL\"\n"))
        #expect(text.contains("    #example-subsystem = \"INFO\"\n"))
        #expect(text.contains("    markets = \"DEBUG\"\n"))
        #expect(try ConfigFile.updated(.defaults, comment: true) == commented)
        let plain = try ConfigFile.updated(config, comment: false)
        #expect(plain == ConfigFile.render(config, comment: false))
    }

    @Test func updatedRefusesWhatCannotBeWritten() {
        var config = MinerConfig.defaults
        config.logging.subsystemLevels = [:]  // a file can only add entries to the default map
        #expect(throws: ConfigError(message: "updated config didn't match current config")) {
            try ConfigFile.updated(config, comment: true)
        }
    }

    @Test func commentedRenderOfAnyConfigLoadsAsDefaults() throws {
        #expect(try ConfigFile.parse(ConfigFile.render(try Self.modified(), comment: true)) == .defaults)
    }
}
