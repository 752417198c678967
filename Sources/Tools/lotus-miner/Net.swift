import APICore
import ArgumentParser
import CLISupport
import Foundation
import MinerConfig
import Multiformats
import NetActors

/// `lotus-miner net`: the libp2p host of the markets node (Lotus forces these commands to the markets repo,
/// PR #7042). Outputs follow Lotus's `cli/net.go`.
struct Net: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage P2P Network",
        subcommands: [Peers.self, Ping.self, Connect.self, Disconnect.self, Listen.self, ID.self, FindPeer.self])

    /// The markets node's Net API.
    static func api(_ root: LotusMiner) throws -> SubsystemRef<NetAPI> {
        try NodeConnection(.markets, resolver: root.resolver).net
    }

    struct Peers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print peers")
        @ParentCommand var root: LotusMiner
        @Flag(name: [.customShort("a"), .customLong("agent")], help: "Print agent name")
        var agent = false

        func run() async throws {
            let net = try Net.api(root)
            // Lotus sorts by the raw peer ID bytes, descending.
            let peers = try await net.call(\.netPeers).sorted { $1.id.bytes.lexicographicallyPrecedes($0.id.bytes) }
            for peer in peers {
                var suffix = ""
                if agent {
                    do {
                        suffix = ", " + (try await net.call(\.netAgentVersion, peer.id))
                    } catch {
                        FileHandle.standardError.write(Data("WARN: getting agent version: \(error)\n".utf8))
                    }
                }
                print("\(peer.id), \(PeerAddrInfo.goList(peer.addrs))\(suffix)")
            }
        }
    }

    struct Ping: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ping peers", usage: "lotus-miner net ping [--count N] [--interval D] <peerMultiaddr|peerID>")
        @ParentCommand var root: LotusMiner
        @Option(name: [.customShort("c"), .customLong("count")], help: "specify the number of times it should ping")
        var count = 10
        @Option(name: [.customShort("i"), .customLong("interval")], help: "minimum time between pings (Go duration)")
        var interval = "1s"
        @Argument(help: "a multiaddr ending in /p2p/<peer ID> (connects first), or the ID of a connected peer")
        var peer: String

        func run() async throws {
            let minimum: GoDuration
            do {
                minimum = try GoDuration.parse(interval)
            } catch {
                throw CLIError("invalid value \"\(interval)\" for flag -interval: \(error)")
            }
            let net = try Net.api(root)
            let target: PeerID
            if peer.hasPrefix("/") {
                let infos = try PeerAddressArguments.parse([peer])
                do {
                    for info in infos { _ = try await net.call(\.netConnect, info) }
                } catch let error as RPCError {
                    throw CLIError("connect: \(error.message)")
                }
                target = infos[0].id
            } else {
                target = try PeerAddressArguments.peerID(peer)
            }
            print("PING \(target)")
            var total: Int64 = 0
            var successful: Int64 = 0
            for _ in 0..<max(count, 0) {
                let start = ContinuousClock.now
                do {
                    let rtt = try await net.call(\.netPing, target)
                    print("Pong received: time=\(GoDuration(nanoseconds: rtt))")
                    total += rtt
                    successful += 1
                } catch {
                    FileHandle.standardError.write(Data("ERROR: Ping failed: error=\(error)\n".utf8))
                }
                try await Task.sleep(until: start + minimum.duration, clock: .continuous)
            }
            if successful > 0 {
                print("Average latency: \(GoDuration(nanoseconds: total / successful))")
            }
        }
    }

    struct Connect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Connect to a peer", usage: "lotus-miner net connect <peerMultiaddr>...")
        @ParentCommand var root: LotusMiner
        @Argument(help: "multiaddrs ending in /p2p/<peer ID>")
        var addresses: [String]

        func run() async throws {
            let infos = try PeerAddressArguments.parse(addresses)
            let net = try Net.api(root)
            for info in infos {
                print("connect \(info.id): ", terminator: "")
                do {
                    _ = try await net.call(\.netConnect, info)
                } catch {
                    print("failure")
                    throw error
                }
                print("success")
            }
        }
    }

    struct Disconnect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disconnect from a peer", usage: "lotus-miner net disconnect <peerID>...")
        @ParentCommand var root: LotusMiner
        @Argument(help: "peer IDs")
        var peers: [String]

        func run() async throws {
            let net = try Net.api(root)
            for text in peers {
                let peer: PeerID
                do {
                    peer = try PeerAddressArguments.peerID(text)
                } catch {
                    print("failure")
                    throw error
                }
                print("disconnect \(peer): ", terminator: "")
                do {
                    _ = try await net.call(\.netDisconnect, peer)
                } catch {
                    print("failure")
                    throw error
                }
                print("success")
            }
        }
    }

    struct Listen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List listen addresses")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let info = try await Net.api(root).call(\.netAddrsListen)
            for address in info.addrs { print("\(address)/p2p/\(info.id)") }
        }
    }

    struct ID: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "id", abstract: "Get node identity")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            print(try await Net.api(root).call(\.id))
        }
    }

    struct FindPeer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "find-peer", abstract: "Find the addresses of a given peerID", usage: "lotus-miner net find-peer <peerId>",
            aliases: ["findpeer"])
        @ParentCommand var root: LotusMiner
        @Argument(help: "a peer ID")
        var peers: [String] = []

        func run() async throws {
            guard peers.count == 1 else {
                print("Usage: findpeer [peer ID]")
                return
            }
            let peer = try PeerAddressArguments.peerID(peers[0])
            print(try await Net.api(root).call(\.netFindPeer, peer))
        }
    }
}
