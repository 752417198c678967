import Foundation
import MeshTestKit
import Multiformats
import TestScheduling
import Testing

/// A real `lotus-miner` node's libp2p host and py-libp2p 0.8.1: the operator's `net` commands reach a peer we
/// did not write, and that peer identifies the node as Lotus would be identified.
@Suite("lotus-miner and py-libp2p", .serialized, .timingSensitive, .timeLimit(TestTime.limit(minutes: 5)))
struct NodeInteropTests {
    static func node() async throws -> NodeProcess {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p2pinterop-\(UUID().uuidString.prefix(6))").path
        return try await NodeProcess.start(repo: dir + "/miner", config: "[Libp2p]\n  ListenAddresses = [\"/ip4/127.0.0.1/tcp/0\"]\n")
    }

    @Test("lotus-miner net connect / ping / peers --agent / findpeer against a py-libp2p peer")
    func netCommandsReachPython() async throws {
        let python = try await PyLibp2pInteropTests.pythonListener()
        defer { python.peer.kill() }
        let node = try await Self.node()
        defer { node.kill() }
        let env = ["LOTUS_MINER_PATH": node.repo]
        let connect = try await Tools.run("lotus-miner", ["net", "connect", python.address.description], environment: env)
        #expect(connect.stdout == "connect \(python.id): success\n", "\(connect)")
        let ping = try await Tools.run("lotus-miner", ["net", "ping", "-c", "2", "-i", "10ms", python.id.description], environment: env)
        #expect(ping.stdout.components(separatedBy: "Pong received: time=").count == 3, "\(ping)")
        let peers = try await Tools.run("lotus-miner", ["net", "peers", "--agent"], environment: env)
        #expect(peers.stdout == "\(python.id), [\(python.address.decapsulate(.p2p))], py-libp2p/0.8.1\n", "\(peers)")
        let found = try await Tools.run("lotus-miner", ["net", "findpeer", python.id.description], environment: env)
        #expect(found.stdout.contains(python.address.decapsulate(.p2p).description), "\(found)")
        #expect(await python.peer.stop() == 0, "\(python.peer.transcript)")
        #expect(await node.terminate() == 0)
    }

    @Test("py-libp2p identifies a lotus-miner node: its keystore peer ID, agent lotus-1.17.2+swift-devnet, ping and identify")
    func pythonIdentifiesNode() async throws {
        let node = try await Self.node()
        defer { node.kill() }
        let env = ["LOTUS_MINER_PATH": node.repo]
        let listen = try await Tools.run("lotus-miner", ["net", "listen"], environment: env)
        let address = try #require(listen.stdout.split(separator: "\n").first.map(String.init), "\(listen)")
        let id = try await Tools.run("lotus-miner", ["net", "id"], environment: env).stdout.trimmingCharacters(in: .newlines)
        let python = try PythonPeer(["dial", address, "--ping", "2", "--identify"])
        defer { python.kill() }
        let identify = try await python.next("identify").decode(PeerEvents.Identify.self)
        #expect(try await python.next("done").decode(PeerEvents.Done.self).ok, "\(python.transcript)")
        #expect(await python.stop() == 0, "\(python.transcript)")
        #expect(identify.peerID == id)
        #expect(identify.agentVersion == "lotus-1.17.2+swift-devnet")
        #expect(identify.listenAddrs == [address.replacingOccurrences(of: "/p2p/\(id)", with: "")])
        #expect(Set(identify.protocols).isSuperset(of: ["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"]), "\(identify.protocols)")
        #expect(await node.terminate() == 0)
    }
}
