
/// The devnet's network parameters: timing, proving windows, sector sizes, rewards, fees and genesis funds.
///
/// JSON keys are Go style (`BlockDelayMillis`, `WPoStChallengeWindow`, …); a parameters file may give any subset
/// and the rest keep their defaults. ``validate()`` checks that the values fit together.
///
/// ## Why these defaults
/// Lotus's 2k devnet keeps mainnet's epoch-denominated policy (48 deadlines of 60 epochs, a 2880-epoch proving
/// period), which at a 250 ms block time is still 12 minutes per period and at 4 s over 3 hours. Here a proving
/// period is **4 deadlines × 10 epochs = 40 epochs**: 10 s at 250 ms, 160 s at 4 s, so Window PoSt, faults and
/// recoveries show up within seconds in tests. The challenge lookback (2) and fault cutoff (3) shrink in
/// proportion, staying below the window. `PreCommitChallengeDelay` is 10, Lotus's `short-precommit` devnet value.
/// Sector expirations are measured in epochs of a short-lived devnet (at least 120, at most 1,000,000).
public struct NetworkParams: Sendable, Codable, Equatable {
    /// Network name (Lotus `StateNetworkName`).
    public var networkName = "devnet"
    /// Time between epochs in milliseconds (Lotus 2k devnet: 4000).
    public var blockDelayMillis: Int64 = 4_000
    /// Deadlines per proving period (mainnet 48).
    public var wPoStPeriodDeadlines: UInt64 = 4
    /// Epochs per deadline (mainnet 60).
    public var wPoStChallengeWindow: ChainEpoch = 10
    /// How many epochs before a deadline opens its challenge is drawn (mainnet 20).
    public var wPoStChallengeLookback: ChainEpoch = 2
    /// How many epochs before a deadline opens faults and recoveries for it must be declared (mainnet 70).
    public var faultDeclarationCutoff: ChainEpoch = 3
    /// Epochs between pre-commit and the earliest prove-commit (the interactive seed's delay).
    public var preCommitChallengeDelay: ChainEpoch = 10
    /// Epochs after pre-commit by which the sector must be proven, else the pre-commit expires and its deposit
    /// is burnt.
    public var maxProveCommitDuration: ChainEpoch = 1_000
    /// How old the seal ticket epoch of a pre-commit may be.
    public var maxPreCommitRandomnessLookback: ChainEpoch = 1_000
    /// Shortest sector lifetime from activation.
    public var minSectorExpiration: ChainEpoch = 120
    /// Longest sector lifetime from activation.
    public var maxSectorExpirationExtension: ChainEpoch = 1_000_000
    /// Sector sizes miners may be created with.
    public var sectorSizes: [SectorSize] = [.kib2, .mib8]
    /// Least quality-adjusted power (bytes) a miner needs to take part in the election.
    public var consensusMinerMinPower: UInt64 = 2_048
    /// Reward paid to the miner that produces an epoch's block.
    public var blockReward = TokenAmount(wholeFIL: 10)
    /// The base fee per gas unit (constant on this devnet; burnt).
    public var baseFee: TokenAmount = 100
    /// The premium per gas unit the gas estimator offers.
    public var defaultGasPremium: TokenAmount = 100_000
    /// Most gas a block may use (Lotus `BlockGasLimit`).
    public var blockGasLimit: Int64 = 10_000_000_000
    /// Most messages a block may include (Lotus `BlockMessageLimit`).
    public var blockMessageLimit = 10_000
    /// Gas prices.
    public var gas = GasSchedule()
    /// FIL given to the default wallet at genesis.
    public var genesisFunds = TokenAmount(wholeFIL: 1_000_000)
    /// FIL held by the reward actor at genesis, paid out as block rewards.
    public var rewardPool = TokenAmount(wholeFIL: 1_100_000_000)
    /// Deposit locked per pre-committed sector until it is proven (burnt if it expires unproven).
    public var preCommitDepositPerSector = TokenAmount(attoFIL: 1_000_000_000_000_000)
    /// Pledge locked per proven sector until it expires or is terminated.
    public var initialPledgePerSector = TokenAmount(attoFIL: 10_000_000_000_000_000)
    /// Epochs before a new worker key takes effect (mainnet: 900, chain finality).
    public var workerKeyChangeDelay: ChainEpoch = 20
    /// Shortest deal (epochs).
    public var dealMinDuration: ChainEpoch = 120
    /// Longest deal (epochs).
    public var dealMaxDuration: ChainEpoch = 1_000_000

    /// The defaults.
    public init() {}

    /// Epochs per proving period: deadlines × challenge window.
    public var wPoStProvingPeriod: ChainEpoch { ChainEpoch(wPoStPeriodDeadlines) * wPoStChallengeWindow }

    /// The seal proof types miners may use (V1_1 of each allowed size; Lotus `SupportedProofTypes`).
    public var supportedSealProofs: [Int64] { sectorSizes.sorted().map(\.sealProof) }

    /// How many recent epochs' randomness the chain must keep to check pre-commits, prove-commits and PoSts.
    public var randomnessLookback: ChainEpoch {
        max(maxPreCommitRandomnessLookback, maxProveCommitDuration + preCommitChallengeDelay, wPoStProvingPeriod) + 1
    }

    /// Checks that the values fit together.
    /// - Throws: ``ChainStateError`` of kind `invalidParams` naming the key and the rule.
    public func validate() throws(ChainStateError) {
        func check(_ condition: Bool, _ message: String) throws(ChainStateError) {
            if !condition { throw ChainStateError(.invalidParams, message) }
        }
        try check(!networkName.isEmpty, "NetworkName must not be empty")
        try check(blockDelayMillis >= 10, "BlockDelayMillis (\(blockDelayMillis)) must be at least 10")
        try check(
            (1...48).contains(wPoStPeriodDeadlines), "WPoStPeriodDeadlines (\(wPoStPeriodDeadlines)) must be 1 to 48")
        try check(wPoStChallengeWindow >= 2, "WPoStChallengeWindow (\(wPoStChallengeWindow)) must be at least 2")
        try check(
            wPoStChallengeLookback >= 1 && wPoStChallengeLookback < wPoStChallengeWindow,
            "WPoStChallengeLookback (\(wPoStChallengeLookback)) must be 1 or more and below WPoStChallengeWindow "
                + "(\(wPoStChallengeWindow))")
        try check(
            faultDeclarationCutoff > wPoStChallengeLookback && faultDeclarationCutoff < wPoStChallengeWindow,
            "FaultDeclarationCutoff (\(faultDeclarationCutoff)) must be above WPoStChallengeLookback "
                + "(\(wPoStChallengeLookback)) and below WPoStChallengeWindow (\(wPoStChallengeWindow))")
        try check(preCommitChallengeDelay >= 1, "PreCommitChallengeDelay (\(preCommitChallengeDelay)) must be at least 1")
        try check(
            maxProveCommitDuration > preCommitChallengeDelay,
            "MaxProveCommitDuration (\(maxProveCommitDuration)) must exceed PreCommitChallengeDelay (\(preCommitChallengeDelay))")
        try check(maxPreCommitRandomnessLookback >= 1, "MaxPreCommitRandomnessLookback must be at least 1")
        try check(
            minSectorExpiration >= 1 && minSectorExpiration <= maxSectorExpirationExtension,
            "MinSectorExpiration (\(minSectorExpiration)) must be 1 or more and at most MaxSectorExpirationExtension "
                + "(\(maxSectorExpirationExtension))")
        try check(!sectorSizes.isEmpty, "SectorSizes must list at least one size (e.g. [\"2KiB\", \"8MiB\"])")
        try check(!blockReward.isNegative, "BlockReward must not be negative")
        try check(!baseFee.isNegative && baseFee <= TokenAmount.totalSupply, "BaseFee must be 0 to the total supply")
        try check(!defaultGasPremium.isNegative, "DefaultGasPremium must not be negative")
        try check(
            blockGasLimit >= gas.onChainMessage(size: 0) && blockGasLimit <= 100_000_000_000,
            "BlockGasLimit (\(blockGasLimit)) must fit one message and be at most 100000000000")
        try check(blockMessageLimit >= 1, "BlockMessageLimit must be at least 1")
        try check(
            !genesisFunds.isNegative && !rewardPool.isNegative && genesisFunds + rewardPool <= TokenAmount.totalSupply,
            "GenesisFunds + RewardPool must be 0 to the 2 billion FIL supply")
        try check(
            !preCommitDepositPerSector.isNegative && !initialPledgePerSector.isNegative,
            "PreCommitDepositPerSector and InitialPledgePerSector must not be negative")
        try check(workerKeyChangeDelay >= 0, "WorkerKeyChangeDelay must not be negative")
        try check(
            dealMinDuration >= 1 && dealMinDuration <= dealMaxDuration,
            "DealMinDuration (\(dealMinDuration)) must be 1 or more and at most DealMaxDuration (\(dealMaxDuration))")
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case networkName = "NetworkName", blockDelayMillis = "BlockDelayMillis"
        case wPoStProvingPeriod = "WPoStProvingPeriod", wPoStPeriodDeadlines = "WPoStPeriodDeadlines"
        case wPoStChallengeWindow = "WPoStChallengeWindow", wPoStChallengeLookback = "WPoStChallengeLookback"
        case faultDeclarationCutoff = "FaultDeclarationCutoff", preCommitChallengeDelay = "PreCommitChallengeDelay"
        case maxProveCommitDuration = "MaxProveCommitDuration"
        case maxPreCommitRandomnessLookback = "MaxPreCommitRandomnessLookback"
        case minSectorExpiration = "MinSectorExpiration", maxSectorExpirationExtension = "MaxSectorExpirationExtension"
        case sectorSizes = "SectorSizes", supportedProofTypes = "SupportedProofTypes"
        case consensusMinerMinPower = "ConsensusMinerMinPower", blockReward = "BlockReward", baseFee = "BaseFee"
        case defaultGasPremium = "DefaultGasPremium", blockGasLimit = "BlockGasLimit"
        case blockMessageLimit = "BlockMessageLimit", gas = "Gas", genesisFunds = "GenesisFunds"
        case rewardPool = "RewardPool", preCommitDepositPerSector = "PreCommitDepositPerSector"
        case initialPledgePerSector = "InitialPledgePerSector", workerKeyChangeDelay = "WorkerKeyChangeDelay"
        case dealMinDuration = "DealMinDuration", dealMaxDuration = "DealMaxDuration"
    }

    /// Decodes a full or partial parameters document; absent keys keep their defaults. `WPoStProvingPeriod` and
    /// `SupportedProofTypes` are derived values: when present they must agree with the others.
    /// Unknown keys are refused, so a misspelt key is reported instead of silently keeping its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        for key in try decoder.container(keyedBy: AnyKey.self).allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath + [key],
                    debugDescription: "unknown network parameter \"\(key.stringValue)\" (known: \(known.sorted().joined(separator: ", ")))"))
        }
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        networkName = try value(.networkName, networkName)
        blockDelayMillis = try value(.blockDelayMillis, blockDelayMillis)
        wPoStPeriodDeadlines = try value(.wPoStPeriodDeadlines, wPoStPeriodDeadlines)
        wPoStChallengeWindow = try value(.wPoStChallengeWindow, wPoStChallengeWindow)
        wPoStChallengeLookback = try value(.wPoStChallengeLookback, wPoStChallengeLookback)
        faultDeclarationCutoff = try value(.faultDeclarationCutoff, faultDeclarationCutoff)
        preCommitChallengeDelay = try value(.preCommitChallengeDelay, preCommitChallengeDelay)
        maxProveCommitDuration = try value(.maxProveCommitDuration, maxProveCommitDuration)
        maxPreCommitRandomnessLookback = try value(.maxPreCommitRandomnessLookback, maxPreCommitRandomnessLookback)
        minSectorExpiration = try value(.minSectorExpiration, minSectorExpiration)
        maxSectorExpirationExtension = try value(.maxSectorExpirationExtension, maxSectorExpirationExtension)
        sectorSizes = try value(.sectorSizes, sectorSizes)
        consensusMinerMinPower = try value(.consensusMinerMinPower, consensusMinerMinPower)
        blockReward = try value(.blockReward, blockReward)
        baseFee = try value(.baseFee, baseFee)
        defaultGasPremium = try value(.defaultGasPremium, defaultGasPremium)
        blockGasLimit = try value(.blockGasLimit, blockGasLimit)
        blockMessageLimit = try value(.blockMessageLimit, blockMessageLimit)
        gas = try value(.gas, gas)
        genesisFunds = try value(.genesisFunds, genesisFunds)
        rewardPool = try value(.rewardPool, rewardPool)
        preCommitDepositPerSector = try value(.preCommitDepositPerSector, preCommitDepositPerSector)
        initialPledgePerSector = try value(.initialPledgePerSector, initialPledgePerSector)
        workerKeyChangeDelay = try value(.workerKeyChangeDelay, workerKeyChangeDelay)
        dealMinDuration = try value(.dealMinDuration, dealMinDuration)
        dealMaxDuration = try value(.dealMaxDuration, dealMaxDuration)
        if let period = try c.decodeIfPresent(ChainEpoch.self, forKey: .wPoStProvingPeriod), period != wPoStProvingPeriod {
            throw DecodingError.dataCorruptedError(
                forKey: .wPoStProvingPeriod, in: c,
                debugDescription: "WPoStProvingPeriod (\(period)) must equal WPoStPeriodDeadlines × WPoStChallengeWindow "
                    + "(\(wPoStProvingPeriod)); set those two instead")
        }
        if let proofs = try c.decodeIfPresent([Int64].self, forKey: .supportedProofTypes), proofs != supportedSealProofs {
            throw DecodingError.dataCorruptedError(
                forKey: .supportedProofTypes, in: c,
                debugDescription: "SupportedProofTypes (\(proofs)) must match SectorSizes (\(supportedSealProofs)); "
                    + "set SectorSizes instead")
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(networkName, forKey: .networkName)
        try c.encode(blockDelayMillis, forKey: .blockDelayMillis)
        try c.encode(wPoStProvingPeriod, forKey: .wPoStProvingPeriod)
        try c.encode(wPoStPeriodDeadlines, forKey: .wPoStPeriodDeadlines)
        try c.encode(wPoStChallengeWindow, forKey: .wPoStChallengeWindow)
        try c.encode(wPoStChallengeLookback, forKey: .wPoStChallengeLookback)
        try c.encode(faultDeclarationCutoff, forKey: .faultDeclarationCutoff)
        try c.encode(preCommitChallengeDelay, forKey: .preCommitChallengeDelay)
        try c.encode(maxProveCommitDuration, forKey: .maxProveCommitDuration)
        try c.encode(maxPreCommitRandomnessLookback, forKey: .maxPreCommitRandomnessLookback)
        try c.encode(minSectorExpiration, forKey: .minSectorExpiration)
        try c.encode(maxSectorExpirationExtension, forKey: .maxSectorExpirationExtension)
        try c.encode(sectorSizes, forKey: .sectorSizes)
        try c.encode(supportedSealProofs, forKey: .supportedProofTypes)
        try c.encode(consensusMinerMinPower, forKey: .consensusMinerMinPower)
        try c.encode(blockReward, forKey: .blockReward)
        try c.encode(baseFee, forKey: .baseFee)
        try c.encode(defaultGasPremium, forKey: .defaultGasPremium)
        try c.encode(blockGasLimit, forKey: .blockGasLimit)
        try c.encode(blockMessageLimit, forKey: .blockMessageLimit)
        try c.encode(gas, forKey: .gas)
        try c.encode(genesisFunds, forKey: .genesisFunds)
        try c.encode(rewardPool, forKey: .rewardPool)
        try c.encode(preCommitDepositPerSector, forKey: .preCommitDepositPerSector)
        try c.encode(initialPledgePerSector, forKey: .initialPledgePerSector)
        try c.encode(workerKeyChangeDelay, forKey: .workerKeyChangeDelay)
        try c.encode(dealMinDuration, forKey: .dealMinDuration)
        try c.encode(dealMaxDuration, forKey: .dealMaxDuration)
    }
}
