import ArgumentParser

/// `lotus`: the devnet chain daemon and its CLI. The daemon (`lotus daemon --devnet`), wallets and chain
/// state arrive with the devnet chain issue; this build carries the command root and its version.
@main
struct Lotus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lotus", abstract: "Filecoin decentralized storage network client (devnet)",
        version: "lotus version 1.17.2+swift-devnet")
}
