import ConfigFile
import Foundation
import MinerConfig
import Testing

/// Loading `config.toml`: files, environment overrides, error messages and atomic writes.
struct ConfigLoadTests {
    /// A fresh directory under the system temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "config-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func error(_ body: () throws -> Void) -> ConfigError? {
        do {
            try body()
        } catch let error as ConfigError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    @Test func missingFileMeansDefaults() throws {
        let config = try ConfigFile.load(path: "/nonexistent/config.toml", environment: [:])
        #expect(config == .defaults)
    }

    @Test func fileKeysOverrideDefaultsAndAbsentKeysKeepThem() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/config.toml"
        try """
            [API]
              ListenAddress = "/ip4/127.0.0.1/tcp/8787/http"
            [Subsystems]
              EnableMining = false
              EnableSealing = false
              EnableSectorStorage = false
              SealerApiInfo = "tok:/ip4/10.0.0.5/tcp/2345/http"
            [Dealmaking]
              ExpectedSealDuration = "12h"
              PieceCidBlocklist = ["baga1"]
              [Dealmaking.RetrievalPricing.External]
                Path = "/bin/price"
            [Fees.MaxCommitBatchGasFee]
              Base = "1000 afil"
            [Logging.SubsystemLevels]
              markets = "DEBUG"
            [Unknown]
              Whatever = 1
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigFile.load(path: path, environment: [:])
        var expected = MinerConfig.defaults
        expected.api.listenAddress = "/ip4/127.0.0.1/tcp/8787/http"
        expected.subsystems = .init(
            enableMining: false, enableSealing: false, enableSectorStorage: false, enableMarkets: true,
            sealerApiInfo: "tok:/ip4/10.0.0.5/tcp/2345/http")
        expected.dealmaking.expectedSealDuration = .hours(12)
        expected.dealmaking.pieceCidBlocklist = ["baga1"]
        expected.dealmaking.retrievalPricing.external.path = "/bin/price"
        expected.fees.maxCommitBatchGasFee.base = FIL(attoFIL: 1000)
        expected.logging.subsystemLevels = ["example-subsystem": "INFO", "markets": "DEBUG"]
        #expect(config == expected)
        try config.validate()
    }

    @Test func keysMatchCaseInsensitivelyLikeGo() throws {
        let config = try ConfigFile.parse("[subsystems]\nenablemarkets = false\n")
        #expect(!config.subsystems.enableMarkets)
    }

    @Test func parseOnTopOfAnotherConfig() throws {
        var base = MinerConfig.defaults
        base.subsystems.enableMarkets = false
        let merged = try ConfigFile.parse("[API]\nTimeout = \"1m\"\n", defaults: base)
        #expect(!merged.subsystems.enableMarkets && merged.api.timeout == .minutes(1))
    }

    @Test func environmentOverridesFileAndDefaults() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/config.toml"
        try "[Subsystems]\nEnableMarkets = true\n".write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigFile.load(
            path: path,
            environment: [
                "LOTUS_SUBSYSTEMS_ENABLEMARKETS": "false",
                "LOTUS_API_LISTENADDRESS": "/ip4/0.0.0.0/tcp/2345/http",
                "LOTUS_DEALMAKING_RETRIEVALPRICING_STRATEGY": "external",
                "LOTUS_DEALMAKING_PUBLISHMSGPERIOD": "10s",
                "LOTUS_DEALMAKING_MAXDEALSPERPUBLISHMSG": "2",
                "LOTUS_ADDRESSES_DEALPUBLISHCONTROL": "f01234,f05678",
                "LOTUS_LIBP2P_ANNOUNCEADDRESSES": "",
                "LOTUS_FEES_MAXPUBLISHDEALSFEE": "0.1",
                "LOTUS_LOGGING_SUBSYSTEMLEVELS_RPC": "WARN",
                "LOTUS_API_TLSCERTFILE": "/etc/cert.pem",
                "UNRELATED": "x",
            ])
        #expect(!config.subsystems.enableMarkets)
        #expect(config.api.listenAddress == "/ip4/0.0.0.0/tcp/2345/http")
        #expect(config.dealmaking.retrievalPricing.strategy == "external")
        #expect(config.dealmaking.publishMsgPeriod == .seconds(10))
        #expect(config.dealmaking.maxDealsPerPublishMsg == 2)
        #expect(config.addresses.dealPublishControl == ["f01234", "f05678"])
        #expect(config.libp2p.announceAddresses == [])
        #expect(config.fees.maxPublishDealsFee.description == "0.1 FIL")
        #expect(config.logging.subsystemLevels["rpc"] == "WARN")
        #expect(config.api.tlsCertFile == "/etc/cert.pem")
        let missing = try ConfigFile.load(
            path: dir + "/absent.toml", environment: ["LOTUS_SUBSYSTEMS_ENABLEMINING": "0"])
        #expect(!missing.subsystems.enableMining)
    }

    @Test func badEnvironmentValueNamesTheVariable() {
        let error = Self.error {
            _ = try ConfigFile.load(path: "/nonexistent", environment: ["LOTUS_SUBSYSTEMS_ENABLEMARKETS": "yes"])
        }
        #expect(error?.description == "LOTUS_SUBSYSTEMS_ENABLEMARKETS: expected a bool (true or false), got \"yes\"")
        let negative = Self.error {
            _ = try ConfigFile.load(path: "/nonexistent", environment: ["LOTUS_DEALMAKING_MAXDEALSPERPUBLISHMSG": "-1"])
        }
        #expect(
            negative?.description == "LOTUS_DEALMAKING_MAXDEALSPERPUBLISHMSG: expected a non-negative integer, got -1")
    }

    static let badValues: [(String, String)] = [
        ("[Subsystems]\nEnableMarkets = \"yes\"\n",
         "config.toml: [Subsystems] EnableMarkets: expected a bool (true or false), got \"yes\""),
        ("[Dealmaking]\nExpectedSealDuration = \"3 days\"\n",
         "config.toml: [Dealmaking] ExpectedSealDuration: expected a Go duration such as \"24h0m0s\" or \"30s\", "
            + "got \"3 days\" (unknown unit \" days\")"),
        ("[Dealmaking]\nPublishMsgPeriod = 3600\n",
         "config.toml: [Dealmaking] PublishMsgPeriod: expected a Go duration such as \"24h0m0s\" or \"30s\", got 3600"),
        ("[Fees]\nMaxPublishDealsFee = \"lots\"\n",
         "config.toml: [Fees] MaxPublishDealsFee: expected a FIL amount such as \"0.05 FIL\", got \"lots\""),
        ("[Fees.MaxCommitBatchGasFee]\nPerSector = 0.03\n",
         "config.toml: [Fees.MaxCommitBatchGasFee] PerSector: expected a FIL amount such as \"0.05 FIL\", got 0.03"),
        ("[Dealmaking]\nMaxDealsPerPublishMsg = -1\n",
         "config.toml: [Dealmaking] MaxDealsPerPublishMsg: expected a non-negative integer, got -1"),
        ("[Sealing]\nMaxCommitBatch = \"819\"\n",
         "config.toml: [Sealing] MaxCommitBatch: expected an integer, got \"819\""),
        ("[Libp2p]\nListenAddresses = [\"/ip4/0.0.0.0/tcp/0\", 5]\n",
         "config.toml: [Libp2p] ListenAddresses: expected an array of strings, got [\"/ip4/0.0.0.0/tcp/0\", 5]"),
        ("[API]\nListenAddress = true\n",
         "config.toml: [API] ListenAddress: expected a string, got true"),
        ("Subsystems = 5\n",
         "config.toml: [Subsystems]: expected a table, got 5"),
        ("[Logging.SubsystemLevels]\nrpc = 1\n",
         "config.toml: [Logging.SubsystemLevels] rpc: expected a string, got 1"),
    ]

    @Test(arguments: badValues)
    func badValueNamesFileKeyAndExpectation(toml: String, message: String) {
        #expect(Self.error { _ = try ConfigFile.parse(toml) }?.description == message)
    }

    @Test func errorNamesTheFileItCameFrom() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/config.toml"
        try "[Subsystems]\nEnableMarkets = \"yes\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = Self.error { _ = try ConfigFile.load(path: path, environment: [:]) }
        #expect(error?.file == path)
        #expect(error?.key == "[Subsystems] EnableMarkets")
        #expect(error?.message == "expected a bool (true or false), got \"yes\"")
    }

    @Test func syntaxErrorReportsLineAndColumn() {
        let error = Self.error { _ = try ConfigFile.parse("[API]\nListenAddress = \"/ip4\"\nTimeout = = 5\n") }
        #expect(error?.file == "config.toml")
        #expect(error?.message.hasPrefix("TOML syntax error at line 3, column ") == true)
        let unclosed = Self.error { _ = try ConfigFile.parse("[Subsystems\nEnableMarkets = false\n") }
        #expect(unclosed?.description.hasPrefix("config.toml: TOML syntax error at line 1, column ") == true)
    }

    /// toml++ (under TOMLKit) fails an assertion on a header whose `[` is followed by no key; `scripts/fuzz`'s config
    /// target found `[\n`. Each gets a clear error instead of a dead process.
    @Test(arguments: ["[\n", "[", "[API]\n[\nTimeout = \"5s\"\n", "[#c]\n", "[[ =]]\n", "[ \t\n", "x = 1\n  [\u{e9}]\n", "\u{feff}[[{\n"])
    func headerWithoutKeyIsAnError(text: String) {
        let error = Self.error { _ = try ConfigFile.parse(text) }
        #expect(error?.message.hasPrefix("TOML syntax error at line ") == true, "\(String(describing: error))")
    }

    /// Brackets inside values, strings and comments are not headers.
    @Test func bracketsInValuesAreNotHeaders() throws {
        let text = [
            "# [", "[Libp2p]", "ListenAddresses = [", "  \"/ip4/0.0.0.0/tcp/0\", # [", "  \"\"\"", "[", "\"\"\",", "]",
            "[ \"Dealmaking\" ]", "Filter = '['",
        ].joined(separator: "\n") + "\n"
        let error = Self.error { _ = try ConfigFile.parse(text) }
        #expect(error?.message.contains("a table header needs a key") != true, "\(String(describing: error))")
    }

    @Test func writeIsAtomicAndReadsBack() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/config.toml"
        try ConfigFile.writeAtomically(ConfigFile.commentedDefault(), to: path)
        #expect(try ConfigFile.load(path: path, environment: [:]) == .defaults)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)

        var config = MinerConfig.defaults
        config.subsystems.enableMarkets = false
        config.dealmaking.pieceCidBlocklist = ["baga6ea4seaq"]
        try ConfigFile.write(config, to: path)
        #expect(try ConfigFile.load(path: path, environment: [:]) == config)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == ConfigFile.render(config, comment: false))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["config.toml"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: ConfigError.self) { try ConfigFile.write(config, to: dir + "/missing/config.toml") }
    }

    @Test func codableUsesLotusKeysAndKeepsDefaults() throws {
        var config = MinerConfig.defaults
        config.fees.maxPublishDealsFee = try FIL.parse("0.2")
        let json = try JSONEncoder().encode(config)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"MaxPublishDealsFee\":\"0.2 FIL\""))
        #expect(text.contains("\"ExpectedSealDuration\":\"24h0m0s\""))
        #expect(text.contains("\"DAGStore\":{"))
        #expect(try JSONDecoder().decode(MinerConfig.self, from: json) == config)
        let partial = Data(
            #"{"Subsystems":{"EnableMarkets":false},"Fees":{"MaxCommitBatchGasFee":{"Base":"1 FIL"}}}"#.utf8)
        let decoded = try JSONDecoder().decode(MinerConfig.self, from: partial)
        var expected = MinerConfig.defaults
        expected.subsystems.enableMarkets = false
        expected.fees.maxCommitBatchGasFee.base = FIL(whole: 1)
        #expect(decoded == expected)
    }
}
