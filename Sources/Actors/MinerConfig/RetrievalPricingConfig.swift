/// `[Dealmaking.RetrievalPricing]`: the retrieval pricing policy, `"default"` (start from the stored ask) or
/// `"external"` (ask a command).
public struct RetrievalPricingConfig: Sendable, Equatable, Codable {
    /// `[Dealmaking.RetrievalPricing.Default]`.
    public struct DefaultPolicy: Sendable, Equatable, Codable {
        /// With the default strategy, charge nothing per byte when retrieving verified-deal data.
        public var verifiedDealsFreeTransfer: Bool = true

        enum CodingKeys: String, CodingKey {
            case verifiedDealsFreeTransfer = "VerifiedDealsFreeTransfer"
        }

        /// Decodes on top of the defaults: absent keys keep their default values.
        public init(from decoder: any Decoder) throws {
            self.init()
            let container = try decoder.container(keyedBy: CodingKeys.self)
            try container.update(&verifiedDealsFreeTransfer, .verifiedDealsFreeTransfer)
        }

        /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
        public init() {}
    }

    /// `[Dealmaking.RetrievalPricing.External]`.
    public struct ExternalPolicy: Sendable, Equatable, Codable {
        /// Command run (via sh -c) to price retrievals when Strategy is "external".
        public var path: String = ""

        enum CodingKeys: String, CodingKey {
            case path = "Path"
        }

        /// Decodes on top of the defaults: absent keys keep their default values.
        public init(from decoder: any Decoder) throws {
            self.init()
            let container = try decoder.container(keyedBy: CodingKeys.self)
            try container.update(&path, .path)
        }

        /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
        public init() {}
    }

    /// Retrieval pricing policy: "default" or "external".
    public var strategy: String = "default"
    /// `[Dealmaking.RetrievalPricing.Default]`: settings of the "default" strategy.
    public var `default`: DefaultPolicy = .init()
    /// `[Dealmaking.RetrievalPricing.External]`: settings of the "external" strategy.
    public var external: ExternalPolicy = .init()

    enum CodingKeys: String, CodingKey {
        case strategy = "Strategy"
        case `default` = "Default"
        case external = "External"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&strategy, .strategy)
        try container.update(&self.default, .default)
        try container.update(&external, .external)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}

    /// Checks the strategy as Lotus does at startup.
    /// - Throws: ``ConfigError`` with Lotus's message for an unknown strategy or an external strategy without a path.
    public func validate() throws {
        switch strategy {
        case "default":
            return
        case "external":
            if external.path.isEmpty {
                throw ConfigError(
                    key: "[Dealmaking.RetrievalPricing.External] Path",
                    message: "retrieval pricing policy has been to set to external but external script path is empty")
            }
        default:
            throw ConfigError(
                key: "[Dealmaking.RetrievalPricing] Strategy",
                message: "retrieval pricing policy must be either default or external")
        }
    }
}
