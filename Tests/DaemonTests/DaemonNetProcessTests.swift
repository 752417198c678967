import Foundation
import MeshTestKit
import Multiformats
import Repo
import Testing

/// `lotus net …` on the chain daemon: it runs a libp2p host like the markets node does, and the two find each
/// other the way an operator connects them.
@Suite("lotus net on the daemon (processes)", .serialized)
struct DaemonNetProcessTests {
    @Test("net id is the keystore identity, net listen the loopback listener; the ID survives a restart")
    func identity() async throws {
        let repo = DevnetDaemon.temporaryRepo("net-id")
        var daemon = try await DevnetDaemon.start(repo: repo)
        defer { daemon.process.kill() }
        let id = try await daemon.lotusOK(["net", "id"])
        let stored = try Repo(path: RepoPath(repo), type: .fullNode).libp2pIdentity().publicKey.peerID
        #expect(id == stored.description, "keystore key libp2p-host")
        #expect(id.hasPrefix("12D3KooW") && id.count == 52)

        let listen = try await daemon.lotusOK(["net", "listen"])
        let lines = listen.split(separator: "\n")
        #expect(lines.count == 1, "\(listen)")
        let address = try Multiaddr(String(try #require(lines.first)))
        let port = try #require(address.tcpPort)
        #expect(address.description == "/ip4/127.0.0.1/tcp/\(port)/p2p/\(id)")
        #expect(daemon.process.listeningTCPPorts == [daemon.port, Int(port)], "the API and the libp2p host, nothing else")
        #expect(try await daemon.lotusOK(["net", "peers"]).isEmpty)
        #expect(daemon.process.log.contains("libp2p host ready"))

        #expect(try await daemon.lotus(["daemon", "stop"]).status == 0)
        #expect(await daemon.process.waitForExit() == 0)
        daemon = try await DevnetDaemon.start(repo: repo)
        #expect(try await daemon.lotusOK(["net", "id"]) == id, "a restart keeps the peer ID")
        #expect(await daemon.process.terminate() == 0)
    }

    @Test("The markets node and the daemon connect, see each other with agent versions, ping, find and disconnect")
    func minerAndDaemon() async throws {
        let daemon = try await DevnetDaemon.start(repo: DevnetDaemon.temporaryRepo("net-peers"))
        defer { daemon.process.kill() }
        let minerRepo = DevnetDaemon.temporaryRepo("net-miner")
        let miner = try await NodeProcess.start(repo: minerRepo)
        defer { miner.kill() }
        let minerEnv = ["LOTUS_MINER_PATH": minerRepo]

        let daemonAddress = try await daemon.lotusOK(["net", "listen"])
        let daemonID = try await daemon.lotusOK(["net", "id"])
        let connect = try await Tools.run("lotus-miner", ["net", "connect", daemonAddress], environment: minerEnv)
        #expect(connect.status == 0 && connect.stdout == "connect \(daemonID): success\n", "\(connect)")

        let minerID = try await Tools.run("lotus-miner", ["net", "id"], environment: minerEnv).stdout
            .trimmingCharacters(in: .newlines)
        let agent = "lotus-1.17.2+swift-devnet"
        let minerPeers = try await Tools.run("lotus-miner", ["net", "peers", "--agent"], environment: minerEnv)
        let daemonPort = try #require(try Multiaddr(daemonAddress).tcpPort)
        #expect(minerPeers.stdout == "\(daemonID), [/ip4/127.0.0.1/tcp/\(daemonPort)], \(agent)\n", "\(minerPeers)")
        #expect(
            try await DevnetDaemon.eventually {
                let peers = try await daemon.lotusOK(["net", "peers", "-a"])
                return peers.hasPrefix("\(minerID), [/ip4/127.0.0.1/tcp/") && peers.hasSuffix(", \(agent)")
            }, "the daemon sees the inbound connection and the miner's agent version")

        let ping = try await daemon.lotusOK(["net", "ping", "-c", "2", "-i", "50ms", minerID])
        #expect(ping.hasPrefix("PING \(minerID)\nPong received: time=") && ping.contains("Average latency: "), "\(ping)")
        let found = try await daemon.lotusOK(["net", "find-peer", minerID])
        #expect(found.hasPrefix("{\(minerID): [/ip4/127.0.0.1/tcp/"), "\(found)")

        #expect(try await daemon.lotusOK(["net", "disconnect", minerID]) == "disconnect \(minerID): success")
        #expect(try await daemon.lotusOK(["net", "peers"]).isEmpty)
        #expect(
            try await DevnetDaemon.eventually {
                let peers = try await Tools.run("lotus-miner", ["net", "peers"], environment: minerEnv)
                return peers.status == 0 && peers.stdout.isEmpty
            }, "the miner sees the connection close")

        let refused = try await daemon.lotus(["net", "connect", "/ip4/127.0.0.1/tcp/\(try Tools.freePort())/p2p/\(minerID)"])
        #expect(refused.status == 1 && refused.stdout == "connect \(minerID): failure\n", "\(refused)")
        #expect(refused.stderr.contains("ERROR: failed to dial \(minerID): /ip4/127.0.0.1/tcp/"), "\(refused)")
        #expect(await miner.terminate() == 0)
        #expect(await daemon.process.terminate() == 0)
    }

    @Test("[Libp2p] BootstrapPeers: the markets node dials them at start; an unreachable one is logged, a bad one refused")
    func bootstrapPeers() async throws {
        let daemon = try await DevnetDaemon.start(repo: DevnetDaemon.temporaryRepo("net-boot"))
        defer { daemon.process.kill() }
        let daemonAddress = try await daemon.lotusOK(["net", "listen"])
        let nobody = "/ip4/127.0.0.1/tcp/\(try Tools.freePort())/p2p/12D3KooWGWbdK6rHiUQQ3vssYscm41w85mLcysZcXYsU2NfmQb2Y"
        let minerRepo = DevnetDaemon.temporaryRepo("net-boot-miner")
        let miner = try await NodeProcess.start(repo: minerRepo, config: "[Libp2p]\n  BootstrapPeers = [\"\(daemonAddress)\", \"\(nobody)\"]\n")
        defer { miner.kill() }
        let minerID = try await Tools.run("lotus-miner", ["net", "id"], environment: ["LOTUS_MINER_PATH": minerRepo]).stdout
            .trimmingCharacters(in: .newlines)
        #expect(
            try await DevnetDaemon.eventually { try await daemon.lotusOK(["net", "peers"]).hasPrefix(minerID + ", ") },
            "the daemon sees the miner that bootstrapped to it")
        #expect(
            try await DevnetDaemon.eventually { miner.log.contains("cannot reach bootstrap peer") && miner.log.contains(nobody) },
            "\(miner.log.suffix(2000))")
        #expect(miner.log.contains("connected to bootstrap peer"))
        #expect(miner.isRunning, "an unreachable bootstrap peer is not fatal")
        #expect(await miner.terminate() == 0)

        let bad = DevnetDaemon.temporaryRepo("net-boot-bad")
        await #expect(throws: ProcessFailure.self) {
            _ = try await NodeProcess.start(repo: bad, config: "[Libp2p]\n  BootstrapPeers = [\"/ip4/127.0.0.1/tcp/1\"]\n")
        }
        let log = (try? String(contentsOfFile: bad + "/node.log", encoding: .utf8)) ?? ""
        #expect(log.contains("[Libp2p] BootstrapPeers") && log.contains("has no /p2p/<peer ID> part"), "\(log)")
        #expect(await daemon.process.terminate() == 0)
    }

    @Test("With FULLNODE_API_INFO the markets node connects to the daemon's host at start; a down daemon stops it with the reason")
    func bootstrapWithFullNode() async throws {
        let daemon = try await DevnetDaemon.start(repo: DevnetDaemon.temporaryRepo("net-full"))
        defer { daemon.process.kill() }
        let fullNode = "\(daemon.process.adminToken):/ip4/127.0.0.1/tcp/\(daemon.port)/http"
        let minerRepo = DevnetDaemon.temporaryRepo("net-full-miner")
        let miner = try await NodeProcess.start(repo: minerRepo, environment: ["FULLNODE_API_INFO": fullNode])
        defer { miner.kill() }
        let minerID = try await Tools.run("lotus-miner", ["net", "id"], environment: ["LOTUS_MINER_PATH": minerRepo]).stdout
            .trimmingCharacters(in: .newlines)
        #expect(try await daemon.lotusOK(["net", "peers"]).hasPrefix(minerID + ", "), "connected before the api file was written")
        #expect(miner.log.contains("Bootstrapping libp2p network with full node"))
        #expect(await miner.terminate() == 0)
        #expect(await daemon.process.terminate() == 0)

        let down = "\(daemon.process.adminToken):/ip4/127.0.0.1/tcp/\(try Tools.freePort())/http"
        let failure = await #expect(throws: ProcessFailure.self) {
            _ = try await NodeProcess.start(repo: minerRepo, environment: ["FULLNODE_API_INFO": down])
        }
        #expect(failure?.description.contains("getting full node api") == true, "\(String(describing: failure))")
        #expect(failure?.description.contains("start `lotus daemon` or unset FULLNODE_API_INFO") == true)
        #expect(!FileManager.default.fileExists(atPath: minerRepo + "/api"))
    }
}
