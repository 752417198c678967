import ConfigFile
import DaemonNode
import Foundation
import MinerConfig
import Testing

/// The daemon's config.toml: Lotus's full-node defaults, the tables shared with the miner, overrides and errors.
@Suite struct FullNodeConfigTests {
    @Test func defaultsAreTheFullNodes() {
        let config = FullNodeConfig.defaults
        #expect(config.api.listenAddress == "/ip4/127.0.0.1/tcp/1234/http")
        #expect(config.api.timeout.description == "30s")
        #expect(config.libp2p.listenAddresses == ["/ip4/0.0.0.0/tcp/0", "/ip6/::/tcp/0"])
        #expect(config.fees.defaultMaxFee.description == "0.07 FIL")
        #expect(FullNodeConfig.configSections.map(\.name) == ["API", "Backup", "Logging", "Libp2p", "Fees"])
    }

    @Test func theCommentedFileDocumentsEveryKeyWithItsVariable() {
        let text = ConfigFile.commentedDefault(for: FullNodeConfig.self)
        #expect(text.hasPrefix("[API]\n  # Binding address for the Lotus API\n  #\n  # type: string\n  # env var: LOTUS_API_LISTENADDRESS\n  #ListenAddress = \"/ip4/127.0.0.1/tcp/1234/http\"\n"))
        #expect(text.contains("[Fees]\n"))
        #expect(text.contains("  # env var: LOTUS_FEES_DEFAULTMAXFEE\n  #DefaultMaxFee = \"0.07 FIL\"\n"))
        #expect(!text.contains("[Subsystems]"), "miner-only tables are not in the full node's file")
        let reread = try? ConfigFile.parse(text, onto: FullNodeConfig.defaults)
        #expect(reread == FullNodeConfig.defaults, "the commented file sets nothing")
    }

    @Test func fileValuesThenEnvironmentOverride() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fullnode-\(UUID().uuidString.prefix(6)).toml").path
        try "[API]\n  ListenAddress = \"/ip4/127.0.0.1/tcp/5555/http\"\n[Fees]\n  DefaultMaxFee = \"0.5 FIL\"\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigFile.load(
            path: path, onto: FullNodeConfig.defaults, environment: ["LOTUS_FEES_DEFAULTMAXFEE": "0.01 FIL"])
        #expect(config.api.listenAddress == "/ip4/127.0.0.1/tcp/5555/http")
        #expect(config.fees.defaultMaxFee.description == "0.01 FIL")
    }

    @Test func aBadValueNamesTheFileAndTheKey() throws {
        #expect {
            _ = try ConfigFile.parse("[Fees]\n  DefaultMaxFee = \"lots\"\n", file: "/r/config.toml", onto: FullNodeConfig.defaults)
        } throws: { error in
            let text = "\(error)"
            return text.contains("/r/config.toml") && text.contains("[Fees] DefaultMaxFee") && text.contains("FIL amount")
        }
    }
}
