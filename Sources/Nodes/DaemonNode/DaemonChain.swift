import ChainState
import ChainStore
import ChainTypes
import Foundation
import FullNode
import FullNodeAPI
import JSONRPC
import Logging
import MinerConfig
import Repo
import ServiceLifecycle
import SubsystemSupport

/// The chain side of a running daemon: the chain database, the full node actor resumed from it (or a new devnet
/// genesis), and the epoch clock that drives it.
struct DaemonChain: Sendable {
    let store: ChainStore
    let actor: FullNodeActor
    let clock: EpochClock
    let network: NetworkParams

    /// `Version`'s `BlockDelay` in whole seconds (at least 1; `StateGetNetworkParams` has the exact milliseconds).
    var blockDelaySeconds: UInt64 { UInt64(max(1, (network.blockDelayMillis + 999) / 1000)) }

    /// The epoch clock, which runs with the node and stops (between epochs) late in shutdown.
    var clockService: any Service { clock }

    /// The actor's service, which must be the FIRST to hear of shutdown (last in the group): it ends `ChainNotify`
    /// streams and fails pending `StateWaitMsg` calls, so the HTTP server can drain at once instead of waiting
    /// `[API] Timeout` for calls that would never finish.
    var actorService: any Service { actor }

    /// Adds the full node routes.
    func serve(on routes: inout RouteTable) { routes.serve(actor) }

    /// Closes the database (after the services stopped).
    func close() { try? store.close() }

    /// Opens `<repo>/datastore/chain.sqlite` and resumes its chain; on an empty store with `--devnet`, creates the
    /// network parameters (file, then `--block-time`), a funded default wallet key (reused if the keystore already
    /// has one) and the genesis, committed before anything else runs.
    /// - Throws: ``MinerConfig/ConfigError`` for bad or conflicting parameters, a store or chain error otherwise.
    static func open(repo: Repo, options: DaemonOptions, config: FullNodeConfig, logs: LogRegistry) throws -> DaemonChain {
        let logger = Logger(label: "chain") { logs.makeHandler(label: $0) }
        try FileManager.default.createDirectory(atPath: repo.datastoreDirectory, withIntermediateDirectories: true)
        let store = try ChainStore(path: repo.chainDatabasePath)
        do {
            let wallet = KeystoreWallet(keystore: repo.keystore)
            let network = try networkParams(store: store, options: options, repo: repo)
            var stored = try store.load(recentEpochs: network.randomnessLookback)
            if stored == nil {
                try createGenesis(network: network, store: store, wallet: wallet, logger: logger)
                stored = try store.load(recentEpochs: network.randomnessLookback)
            }
            guard let stored else {
                throw ChainStoreError(.corrupt, "the chain database '\(store.path)' has no head right after genesis was committed")
            }
            let actor = try FullNodeActor(
                network: network, stored: stored, store: store, wallet: wallet,
                defaultMaxFee: TokenAmount(attoFIL: config.fees.defaultMaxFee.attoFIL), verifier: MockProofVerifier(),
                logger: Logger(label: "mpool") { logs.makeHandler(label: $0) })
            let clock = EpochClock(
                blockTime: .milliseconds(network.blockDelayMillis), head: stored.head.height,
                logger: Logger(label: "clock") { logs.makeHandler(label: $0) }
            ) { height in try await actor.tick(height: height) }
            let genesis = try store.genesisCID() ?? "?"
            logger.info(
                "chain ready",
                metadata: [
                    "head": "\(stored.head.height)", "genesis": "\(genesis)",
                    "blockTime": "\(network.blockDelayMillis)ms",
                ])
            return DaemonChain(store: store, actor: actor, clock: clock, network: network)
        } catch {
            try? store.close()
            throw error
        }
    }

    /// The chain's parameters: the stored ones (a flag or file that disagrees is refused, they are fixed at
    /// genesis), or for a new devnet the file's (or the defaults) with `--block-time` applied, stored now.
    static func networkParams(store: ChainStore, options: DaemonOptions, repo: Repo) throws -> NetworkParams {
        let millis = options.blockTime.map { $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000 }
        var fromFile = try options.networkParamsFile.map(NetworkParamsFile.load)
        if let millis, var params = fromFile {
            params.blockDelayMillis = millis
            try NetworkParamsFile.validate(params, file: "\(options.networkParamsFile ?? "") with --block-time")
            fromFile = params
        }
        if let stored = try store.networkParams() {
            let fixed = "network parameters are fixed at genesis: start without it, or use a new repo"
            if let fromFile, fromFile != stored {
                throw ConfigError(
                    file: options.networkParamsFile,
                    message: "differs from the parameters the chain in \(repo.path) was created with; \(fixed)")
            }
            if let millis, millis != stored.blockDelayMillis {
                throw ConfigError(
                    key: "--block-time",
                    message: "\(millis)ms differs from the chain's block time \(stored.blockDelayMillis)ms in \(repo.path); \(fixed)")
            }
            return stored
        }
        guard options.devnet else {
            throw RepoError(
                .notInitialized,
                "the repo at '\(repo.path)' has no chain yet; start it with `lotus daemon --devnet` to create a devnet genesis")
        }
        var params = fromFile ?? NetworkParams()
        if let millis { params.blockDelayMillis = millis }
        try NetworkParamsFile.validate(params, file: options.networkParamsFile ?? (millis == nil ? nil : "--block-time"))
        try store.setNetworkParams(params)
        return params
    }

    /// Commits the genesis of a new devnet, funding the default wallet key (created if the keystore has none).
    /// Its timestamp is now.
    static func createGenesis(network: NetworkParams, store: ChainStore, wallet: KeystoreWallet, logger: Logger) throws {
        // A start killed before genesis was committed may have left the key (and maybe not yet its `default`
        // entry): reuse it, so the chain funds the key the operator already has.
        let key: WalletKey
        if let existing = try wallet.defaultKey() {
            key = existing
        } else if let address = try wallet.addresses().first, let existing = try wallet.key(for: address) {
            key = existing
            try wallet.setDefault(address)
        } else {
            key = WalletKey.generate()
            try wallet.add(key)
            try wallet.setDefault(key.address)
        }
        let (_, commit) = try DevnetChain.genesis(
            network: network, accounts: [(key.address, network.genesisFunds)], timestamp: UInt64(Date().timeIntervalSince1970))
        try store.commit(commit)
        logger.info(
            "created devnet genesis",
            metadata: ["genesis": "\(commit.head.tipSet.block.cid)", "wallet": "\(key.address)", "funds": "\(network.genesisFunds.fil)"])
    }
}
