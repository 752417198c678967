import ArgumentParser
import CLISupport
import ChainTypes
import ConfigFile
import Multiformats
import Repo
import SubsystemSupport

/// `lotus-miner init`: creates the miner repo (`LOTUS_MINER_PATH`).
///
/// With `--owner` (and optionally `--worker`) it creates a new miner actor on the devnet chain first: CreateMiner
/// (power actor method 2) sent from the owner's wallet in the daemon with the peer ID of a new libp2p host key,
/// waited for, and the new ID address written to the metadata datastore as `/miner-address` and the key to the
/// keystore as `libp2p-host` (as Lotus's init does), so the chain names the peer this node's host will be. With `--actor` it only writes the repo for an existing actor.
/// The repo is written only after the actor exists, so a failed message or a down daemon leaves no repo behind.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Initialize a lotus miner repo", subcommands: [InitService.self])
    @ParentCommand var root: LotusMiner

    @Option(help: "specify the address of an already created miner actor")
    var actor: String?

    @Option(help: "owner key to use (an address in the daemon's wallet)")
    var owner: String?

    @Option(help: "worker key to use (an address in the daemon's wallet; default: the owner)")
    var worker: String?

    @Option(name: .customLong("sector-size"), help: "specify sector size to use")
    var sectorSize: String = "2KiB"

    func validate() throws {
        if actor != nil, owner != nil || worker != nil {
            throw ValidationError("--actor names an existing miner; --owner/--worker create a new one: pass one or the other")
        }
    }

    func run() async throws {
        let size: SectorSize
        do {
            size = try SectorSize(parsing: sectorSize)
        } catch {
            throw CLIError("invalid --sector-size: \(error)")
        }
        let repo = Repo(path: RepoPath(root.resolver.minerRepoPath.path))
        print("Initializing lotus miner")
        print("Checking if repo exists")
        if repo.exists { throw CLIError("repo at '\(repo.path)' is already initialized") }
        let minerAddress: Address
        var identity: Libp2pPrivateKey?
        if let actor, !actor.isEmpty {
            minerAddress = try parseAddress(actor, what: "actor address")
            guard minerAddress.id != nil else {
                throw CLIError("invalid actor address '\(actor)': expected an ID address such as t01000")
            }
        } else if let owner {
            let key = Libp2pPrivateKey.generate()
            identity = key
            minerAddress = try await MinerActorClient(resolver: root.resolver).createMiner(
                owner: try parseAddress(owner, what: "owner address"),
                worker: try worker.map { try parseAddress($0, what: "worker address") }, size: size, peer: key.publicKey.peerID)
        } else {
            throw CLIError("pass --owner ADDR to create a new miner actor on the chain, or --actor ADDR for an existing one")
        }
        print("Initializing repo")
        try repo.initializeMiner(address: minerAddress, identity: identity)
        print("Initialized miner repo at \(repo.path) for actor \(minerAddress) (sector size \(size))")
        if owner != nil { print("Miner successfully created, you can now start it with 'lotus-miner run'") }
    }
}
