import APICore
import MinerConfig
import Testing

/// `[Subsystems]` combination rules (reference §6) with Lotus's messages.
struct SubsystemsTests {
    static let valid: [(SubsystemsConfig, [Subsystem])] = [
        (.init(enableMining: true, enableSealing: true, enableSectorStorage: true, enableMarkets: true),
         [.mining, .sealing, .sectorStorage, .markets]),
        (.init(enableMining: true, enableSealing: true, enableSectorStorage: true, enableMarkets: false),
         [.mining, .sealing, .sectorStorage]),
        (.init(enableMining: false, enableSealing: false, enableSectorStorage: false, enableMarkets: true),
         [.markets]),
    ]

    @Test(arguments: valid)
    func validCombinationsAreAccepted(subsystems: SubsystemsConfig, enabled: [Subsystem]) throws {
        try subsystems.validate()
        #expect(subsystems.enabled == enabled)
    }

    static let invalid: [(SubsystemsConfig, String)] = [
        (.init(enableMining: false, enableSealing: true, enableSectorStorage: false, enableMarkets: true),
         "sealing can only be enabled on a mining node"),
        (.init(enableMining: false, enableSealing: false, enableSectorStorage: true, enableMarkets: true),
         "sealing can only be enabled on a mining node"),
        (.init(enableMining: false, enableSealing: true, enableSectorStorage: true, enableMarkets: false),
         "sealing can only be enabled on a mining node"),
        (.init(enableMining: true, enableSealing: false, enableSectorStorage: true, enableMarkets: true),
         "sealing can't be disabled on a mining node yet"),
        (.init(enableMining: true, enableSealing: true, enableSectorStorage: false, enableMarkets: false),
         "sealing can't be disabled on a mining node yet"),
        (.init(enableMining: true, enableSealing: false, enableSectorStorage: false, enableMarkets: true),
         "sealing can't be disabled on a mining node yet"),
    ]

    @Test(arguments: invalid)
    func invalidCombinationsAreRefused(subsystems: SubsystemsConfig, message: String) {
        #expect(throws: ConfigError(message: message)) { try subsystems.validate() }
    }

    @Test func invalidCombinationFailsWholeConfigValidation() {
        var config = MinerConfig.defaults
        config.subsystems.enableSealing = false
        #expect(throws: ConfigError(message: "sealing can't be disabled on a mining node yet")) {
            try config.validate()
        }
    }

    @Test func retrievalPricingStrategyIsCheckedOnMarketsNodes() throws {
        var config = MinerConfig.defaults
        config.dealmaking.retrievalPricing.strategy = "cheap"
        #expect(throws: ConfigError.self) { try config.validate() }
        do {
            try config.validate()
        } catch let error as ConfigError {
            #expect(error.message == "retrieval pricing policy must be either default or external")
        }
        config.dealmaking.retrievalPricing.strategy = "external"
        #expect(throws: ConfigError.self) { try config.validate() }
        config.dealmaking.retrievalPricing.external.path = "/usr/local/bin/price"
        try config.validate()
        config.dealmaking.retrievalPricing.strategy = "cheap"
        config.subsystems = .init(
            enableMining: true, enableSealing: true, enableSectorStorage: true, enableMarkets: false)
        try config.validate()
    }
}
