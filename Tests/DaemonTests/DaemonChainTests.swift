import ChainState
import ChainTypes
import Foundation
import FullNode
import FullNodeAPI
import Repo
import SubsystemSupport
import Testing

@testable import DaemonNode

/// Opening the chain of a repo in process: genesis once, resume after, and the start-up corner cases.
@Suite struct DaemonChainTests {
    static func repo() throws -> Repo {
        let repo = Repo(path: RepoPath(DevnetDaemon.temporaryRepo("chain")), type: .fullNode)
        try repo.initialize(configText: "")
        return repo
    }

    static let logs = LogRegistry(subsystems: DaemonRunner.loggerNames, output: { _ in })

    @Test func aStartInterruptedBeforeGenesisFundsTheKeyItAlreadyMade() async throws {
        let repo = try Self.repo()
        let wallet = KeystoreWallet(keystore: repo.keystore)
        let key = WalletKey.generate()
        try wallet.add(key)
        #expect(try wallet.defaultAddress() == nil, "killed between storing the key and marking it default")

        let chain = try DaemonChain.open(
            repo: repo, options: DaemonOptions(repoPath: repo.path.path, devnet: true, blockTime: .milliseconds(100)),
            config: .defaults, logs: Self.logs)
        #expect(try wallet.addresses() == [key.address], "no second key")
        #expect(try wallet.defaultAddress() == key.address)
        #expect(await chain.actor.balance(key.address) == NetworkParams().genesisFunds)
        #expect(chain.network.blockDelayMillis == 100)
        chain.close()

        let resumed = try DaemonChain.open(
            repo: repo, options: DaemonOptions(repoPath: repo.path.path), config: .defaults, logs: Self.logs)
        #expect(await resumed.actor.head().height == 0, "the same chain, without --devnet")
        #expect(resumed.network.blockDelayMillis == 100)
        resumed.close()
    }

    @Test func withoutDevnetAnEmptyRepoHasNoChain() throws {
        let repo = try Self.repo()
        #expect {
            _ = try DaemonChain.open(repo: repo, options: DaemonOptions(repoPath: repo.path.path), config: .defaults, logs: Self.logs)
        } throws: { error in
            (error as? RepoError)?.message.contains("lotus daemon --devnet") == true
        }
    }

    @Test func theWalletLivesInTheKeystoreUnderLotusNames() throws {
        let repo = try Self.repo()
        let wallet = KeystoreWallet(keystore: repo.keystore)
        let first = WalletKey.generate()
        let second = WalletKey.generate()
        try wallet.add(first)
        try wallet.add(second)
        try wallet.setDefault(second.address)
        #expect(Set(try repo.keystore.list()) == ["wallet-\(first.address)", "wallet-\(second.address)", "default"])
        #expect(try repo.keystore.get("default")?.type == "ed25519")
        #expect(try wallet.defaultAddress() == second.address)
        try wallet.setDefault(first.address)
        #expect(try wallet.defaultAddress() == first.address)
        #expect(try wallet.key(for: first.address)?.address == first.address)
        #expect(throws: RepoError.self) { try wallet.setDefault(WalletKey.generate().address) }
    }
}
