import Foundation
import MeshTestKit
import Multiformats
import Repo
import Testing

/// `lotus-miner net …` against real node processes: the monolith and the markets node run a libp2p host, the
/// mining node of a split opens no libp2p listener, and two nodes connect, ping and find each other.
@Suite("lotus-miner net processes", .serialized)
struct NetProcessTests {
    static let loopbackLibp2p = "[Libp2p]\n  ListenAddresses = [\"/ip4/127.0.0.1/tcp/0\"]\n"

    static func tempDir(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("net-\(name)-\(UUID().uuidString.prefix(6))").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func peerID(ofRepo path: String) throws -> String {
        try Repo(path: RepoPath(path)).libp2pIdentity().publicKey.peerID.description
    }

    /// `lotus-miner net listen` lines as (address, port).
    static func listen(_ env: [String: String]) async throws -> [(line: String, port: Int)] {
        let out = try await Tools.run("lotus-miner", ["net", "listen"], environment: env)
        #expect(out.status == 0, "\(out)")
        return out.stdout.split(separator: "\n").map { line in
            let parts = line.split(separator: "/")
            let tcp = parts.firstIndex(of: "tcp").map { parts.index(after: $0) }
            return (String(line), tcp.flatMap { Int(parts[$0]) } ?? -1)
        }
    }

    @Test("Monolith: net id prints the keystore's 12D3KooW… ID, net listen its TCP listener; the ID survives a restart")
    func monolith() async throws {
        let dir = Self.tempDir("mono")
        var node = try await NodeProcess.start(repo: dir + "/miner", config: Self.loopbackLibp2p)
        defer { node.kill() }
        let env = ["LOTUS_MINER_PATH": node.repo]
        let id = try await Tools.run("lotus-miner", ["net", "id"], environment: env)
        #expect(id.status == 0, "\(id)")
        let peer = id.stdout.trimmingCharacters(in: .newlines)
        #expect(peer.hasPrefix("12D3KooW") && peer.count == 52, "\(id)")
        #expect(peer == (try Self.peerID(ofRepo: node.repo)), "the identity in keystore/NRUWE4BSOAWWQ33TOQ")
        #expect(try PeerID(peer).description == peer)

        let listen = try await Self.listen(env)
        #expect(listen.count == 1)
        let libp2pPort = try #require(listen.first).port
        #expect(listen.first?.line == "/ip4/127.0.0.1/tcp/\(libp2pPort)/p2p/\(peer)")
        #expect(node.listeningTCPPorts == [node.port, libp2pPort], "the API and the libp2p host, nothing else")

        #expect(try await Tools.run("lotus-miner", ["stop"], environment: env).status == 0)
        #expect(await node.waitForExit() == 0)
        node = try await NodeProcess.start(repo: dir + "/miner", config: Self.loopbackLibp2p)
        let again = try await Tools.run("lotus-miner", ["net", "id"], environment: env)
        #expect(again.stdout == id.stdout, "a restart keeps the peer ID")
        #expect(await node.terminate() == 0)
    }

    @Test("Lotus's default ListenAddresses: TCP on 0.0.0.0 and ::, QUIC and WebTransport skipped with a log line")
    func lotusDefaults() async throws {
        let dir = Self.tempDir("defaults")
        let config = """
            [Libp2p]
              ListenAddresses = ["/ip4/0.0.0.0/tcp/0", "/ip4/0.0.0.0/udp/0/quic-v1", "/ip4/0.0.0.0/udp/0/quic-v1/webtransport", "/ip6/::/tcp/0"]

            """
        let node = try await NodeProcess.start(repo: dir + "/miner", config: config, libp2pOnLoopback: false)
        defer { node.kill() }
        #expect(node.log.contains("skipping libp2p listen address"), "\(node.log)")
        #expect(node.log.contains("/ip4/0.0.0.0/udp/0/quic-v1"), "\(node.log)")
        let listen = try await Self.listen(["LOTUS_MINER_PATH": node.repo])
        let loopback = try #require(listen.first { $0.line.hasPrefix("/ip4/127.0.0.1/tcp/") }, "0.0.0.0 is announced as each interface address")
        #expect(node.listeningTCPPorts.contains(loopback.port))
        #expect(node.listeningTCPPorts.count == 3, "API, libp2p on 0.0.0.0, libp2p on ::")
        #expect(await node.terminate() == 0)
    }

    @Test("Split: net commands reach the markets node; the mining node has no libp2p listener and says where to go")
    func split() async throws {
        let dir = Self.tempDir("split")
        let (miner, markets) = try await NodeProcess.startSplit(in: dir, config: Self.loopbackLibp2p)
        defer { miner.kill() }
        defer { markets.kill() }
        let env = ["LOTUS_MINER_PATH": miner.repo, "LOTUS_MARKETS_PATH": markets.repo]

        let id = try await Tools.run("lotus-miner", ["net", "id"], environment: env)
        #expect(id.status == 0, "\(id)")
        #expect(id.stdout == (try Self.peerID(ofRepo: markets.repo)) + "\n", "the markets node's identity")
        #expect(try Repo(path: RepoPath(miner.repo)).keystore.get("libp2p-host") == nil, "the mining node never made one")

        let listen = try await Self.listen(env)
        #expect(markets.listeningTCPPorts == [markets.port, try #require(listen.first).port])
        #expect(miner.listeningTCPPorts == [miner.port], "the mining node listens for its API only")

        let body = #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.NetPeers","params":[]}"#
        let direct = try await Tools.run("/usr/bin/curl", ["-s", "-H", "Authorization: Bearer \(miner.adminToken)", "-X", "POST", "-d", body, miner.url])
        #expect(direct.stdout.contains("this node runs no libp2p host; net commands go to the markets node"), "\(direct)")
        #expect(direct.stdout.contains("-32010"), "\(direct)")

        // Only the mining node known (MINER_API_INFO): the CLI reaches it and prints its answer.
        let minerOnly = try await Tools.run("lotus-miner", ["net", "peers"], environment: ["MINER_API_INFO": "\(miner.adminToken):\(miner.multiaddr)"])
        #expect(minerOnly.status == 1)
        #expect(minerOnly.stderr.contains("this node runs no libp2p host; net commands go to the markets node"), "\(minerOnly)")

        #expect(await markets.terminate() == 0)
        #expect(await miner.terminate() == 0)
    }

    @Test("Two nodes: net connect, peers (with --agent), ping, findpeer, disconnect")
    func twoNodes() async throws {
        let dir = Self.tempDir("pair")
        let a = try await NodeProcess.start(repo: dir + "/a", config: Self.loopbackLibp2p)
        defer { a.kill() }
        let b = try await NodeProcess.start(repo: dir + "/b", config: Self.loopbackLibp2p)
        defer { b.kill() }
        let envA = ["LOTUS_MINER_PATH": a.repo], envB = ["LOTUS_MINER_PATH": b.repo]
        let idA = try Self.peerID(ofRepo: a.repo), idB = try Self.peerID(ofRepo: b.repo)
        let addressB = try #require(try await Self.listen(envB).first)

        let connect = try await Tools.run("lotus-miner", ["net", "connect", addressB.line], environment: envA)
        #expect(connect.status == 0, "\(connect)")
        #expect(connect.stdout == "connect \(idB): success\n")

        let peersA = try await Tools.run("lotus-miner", ["net", "peers"], environment: envA)
        #expect(peersA.stdout == "\(idB), [/ip4/127.0.0.1/tcp/\(addressB.port)]\n", "\(peersA)")
        let peersB = try await Tools.run("lotus-miner", ["net", "peers"], environment: envB)
        #expect(peersB.stdout.hasPrefix("\(idA), [/ip4/127.0.0.1/tcp/"), "\(peersB)")
        let agents = try await Tools.run("lotus-miner", ["net", "peers", "--agent"], environment: envA)
        #expect(agents.stdout == "\(idB), [/ip4/127.0.0.1/tcp/\(addressB.port)], lotus-1.17.2+swift-devnet\n", "\(agents)")

        let ping = try await Tools.run("lotus-miner", ["net", "ping", "--count", "3", "--interval", "20ms", idB], environment: envA)
        #expect(ping.status == 0, "\(ping)")
        let lines = ping.stdout.split(separator: "\n")
        #expect(lines.first == "PING \(idB)")
        #expect(lines.filter { $0.hasPrefix("Pong received: time=") }.count == 3, "\(ping)")
        #expect(lines.last?.hasPrefix("Average latency: ") == true, "\(ping)")

        let found = try await Tools.run("lotus-miner", ["net", "findpeer", idB], environment: envA)
        #expect(found.stdout.hasPrefix("{\(idB): ["), "\(found)")
        #expect(found.stdout.contains("/ip4/127.0.0.1/tcp/\(addressB.port)"), "\(found)")

        let disconnect = try await Tools.run("lotus-miner", ["net", "disconnect", idB], environment: envA)
        #expect(disconnect.stdout == "disconnect \(idB): success\n", "\(disconnect)")
        #expect(try await Tools.run("lotus-miner", ["net", "peers"], environment: envA).stdout.isEmpty)

        // Ping by multiaddr connects first, as Lotus.
        let byAddress = try await Tools.run("lotus-miner", ["net", "ping", "-c", "1", addressB.line], environment: envA)
        #expect(byAddress.stdout.contains("Pong received: time="), "\(byAddress)")

        let noPeer = try await Tools.run("lotus-miner", ["net", "connect", "/ip4/127.0.0.1/tcp/\(addressB.port)"], environment: envA)
        #expect(noPeer.status == 1)
        #expect(noPeer.stderr.contains("has no /p2p/<peer ID> part"), "\(noPeer)")

        #expect(await a.terminate() == 0)
        #expect(await b.terminate() == 0)
    }
}
