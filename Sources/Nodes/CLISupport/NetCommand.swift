import APICore
import ArgumentParser
import Foundation
import MinerConfig
import Multiformats
import NetAPI

/// A tool whose `net` commands reach a node's Net API: `lotus-miner` (the markets node) and `lotus` (the daemon).
public protocol NetCommandRoot: ParsableCommand {
    /// The tool's name in usage lines (`lotus-miner`, `lotus`).
    static var toolName: String { get }
    /// The Net API of the node this invocation's `net` commands go to.
    func netAPI() throws -> SubsystemRef<NetMethods>
}

/// `<tool> net`: the libp2p host of a node (`lotus-miner net` goes to the markets node, as Lotus forces it since
/// PR #7042; `lotus net` to the daemon). Outputs follow Lotus's `cli/net.go`.
public struct NetCommand<Root: NetCommandRoot>: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "net", abstract: "Manage P2P Network",
            subcommands: [Peers.self, Ping.self, Connect.self, Disconnect.self, Listen.self, ID.self, FindPeer.self])
    }

    public init() {}

    public struct Peers: AsyncParsableCommand {
        public static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "peers", abstract: "Print peers")
        }
        @ParentCommand var root: Root
        @Flag(name: [.customShort("a"), .customLong("agent")], help: "Print agent name")
        var agent = false

        public init() {}

        public func run() async throws {
            let net = try root.netAPI()
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

    public struct Ping: AsyncParsableCommand {
        public static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "ping", abstract: "Ping peers", usage: "\(Root.toolName) net ping [--count N] [--interval D] <peerMultiaddr|peerID>")
        }
        @ParentCommand var root: Root
        @Option(name: [.customShort("c"), .customLong("count")], help: "specify the number of times it should ping")
        var count = 10
        @Option(name: [.customShort("i"), .customLong("interval")], help: "minimum time between pings (Go duration)")
        var interval = "1s"
        @Argument(help: "a multiaddr ending in /p2p/<peer ID> (connects first), or the ID of a connected peer")
        var peer: String

        public init() {}

        public func run() async throws {
            let minimum: GoDuration
            do {
                minimum = try GoDuration.parse(interval)
            } catch {
                throw CLIError("invalid value \"\(interval)\" for flag -interval: \(error)")
            }
            let net = try root.netAPI()
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

    public struct Connect: AsyncParsableCommand {
        public static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "connect", abstract: "Connect to a peer", usage: "\(Root.toolName) net connect <peerMultiaddr>...")
        }
        @ParentCommand var root: Root
        @Argument(help: "multiaddrs ending in /p2p/<peer ID>")
        var addresses: [String]

        public init() {}

        public func run() async throws {
            let infos = try PeerAddressArguments.parse(addresses)
            let net = try root.netAPI()
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

    public struct Disconnect: AsyncParsableCommand {
        public static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "disconnect", abstract: "Disconnect from a peer", usage: "\(Root.toolName) net disconnect <peerID>...")
        }
        @ParentCommand var root: Root
        @Argument(help: "peer IDs")
        var peers: [String]

        public init() {}

        public func run() async throws {
            let net = try root.netAPI()
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

    public struct Listen: AsyncParsableCommand {
        public static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "listen", abstract: "List listen addresses")
        }
        @ParentCommand var root: Root

        public init() {}

        public func run() async throws {
            let info = try await root.netAPI().call(\.netAddrsListen)
            for address in info.addrs { print("\(address)/p2p/\(info.id)") }
        }
    }

    public struct ID: AsyncParsableCommand {
        public static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "id", abstract: "Get node identity")
        }
        @ParentCommand var root: Root

        public init() {}

        public func run() async throws {
            print(try await root.netAPI().call(\.id))
        }
    }

    public struct FindPeer: AsyncParsableCommand {
        public static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "find-peer", abstract: "Find the addresses of a given peerID", usage: "\(Root.toolName) net find-peer <peerId>",
                aliases: ["findpeer"])
        }
        @ParentCommand var root: Root
        @Argument(help: "a peer ID")
        var peers: [String] = []

        public init() {}

        public func run() async throws {
            guard peers.count == 1 else {
                print("Usage: findpeer [peer ID]")
                return
            }
            let peer = try PeerAddressArguments.peerID(peers[0])
            print(try await root.netAPI().call(\.netFindPeer, peer))
        }
    }
}
