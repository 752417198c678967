import ConfigFile
import Foundation

extension NodeProcess {
    /// The split topology as the runbook sets it up: a mining node (`EnableMarkets = false`) in `<dir>/miner`, then a
    /// markets node in `<dir>/markets` whose `SealerApiInfo` and `SectorIndexApiInfo` are the mining node's
    /// `lotus-miner auth api-info --perm=admin`. `config` is appended to both nodes' config.toml.
    /// - Returns: both processes; the caller stops them.
    public static func startSplit(in dir: String, config: String = "") async throws -> (miner: NodeProcess, markets: NodeProcess) {
        let miner = try await start(repo: dir + "/miner", config: "[Subsystems]\n  EnableMarkets = false\n" + config)
        do {
            let apiInfo = try await Tools.run(
                "lotus-miner", ["auth", "api-info", "--perm=admin"], environment: ["LOTUS_MINER_PATH": miner.repo]
            ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            return (miner, try await start(repo: dir + "/markets", config: ConfigFile.marketsNodeSubsystems(apiInfo: apiInfo) + config))
        } catch {
            miner.kill()
            throw error
        }
    }
}
