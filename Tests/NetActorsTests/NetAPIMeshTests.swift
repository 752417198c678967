import APICore
import Libp2p
import MeshTestKit
import TestScheduling
import MinerConfig
import MinerNode
import Multiformats
import NetAPI
import Repo
import Testing

/// The Net API on assembled nodes (real repos, real libp2p hosts on 127.0.0.1) through every transport: the
/// node with Markets runs a host and serves the API, a node without it refuses every Net method.
@Suite("Net API on the mesh", .timeLimit(TestTime.limit(minutes: 2)))
struct NetAPIMeshTests {
    /// Listen on loopback only in tests.
    static let loopback: @Sendable (inout MinerConfig) -> Void = { $0.libp2p.listenAddresses = ["/ip4/127.0.0.1/tcp/0"] }

    @Test("ID is the keystore identity's peer ID; NetAddrsListen gives the bound TCP address", arguments: MeshCase.all)
    func identity(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, configure: Self.loopback) { mesh in
            let net = try mesh.ref(NetMethods.self, on: mesh.marketsNode, permission: .read)
            let id = try await net.call(\.id)
            #expect(id.description.hasPrefix("12D3KooW"))
            #expect(id == (try mesh.marketsNode.repo.libp2pIdentity().publicKey.peerID), "the same key the keystore holds")
            let listen = try await net.call(\.netAddrsListen)
            #expect(listen.id == id)
            #expect(listen.addrs.count == 1)
            let address = try #require(listen.addrs.first).description
            #expect(address.hasPrefix("/ip4/127.0.0.1/tcp/") && !address.hasSuffix("/tcp/0"), "\(address)")
            #expect(mesh.marketsNode.node.libp2p?.peerID == id)
        }
    }

    @Test("A node without Markets runs no host and refuses every Net method, pointing at the markets node")
    func miningNodeRefuses() async throws {
        for transport in MeshTransport.allCases {
            try await Mesh.with(MeshCase(topology: .split, transport: transport), configure: Self.loopback) { mesh in
                #expect(mesh.miningNode.node.libp2p == nil)
                #expect(mesh.miningNode.node.net == nil)
                let net = try mesh.ref(NetMethods.self, on: mesh.miningNode)
                for call in [{ _ = try await net.call(\.id) }, { _ = try await net.call(\.netPeers) }, { _ = try await net.call(\.netAddrsListen) }] as [@Sendable () async throws -> Void] {
                    let error = await #expect(throws: RPCError.self) { try await call() }
                    #expect(error?.code == .subsystemNotEnabled)
                    #expect(error?.message.contains("this node runs no libp2p host; net commands go to the markets node") == true, "\(String(describing: error))")
                }
            }
        }
    }

    @Test("Two nodes: connect, peers both ways, ping, find-peer, agent version, disconnect", arguments: MeshTransport.allCases)
    func twoNodes(_ transport: MeshTransport) async throws {
        let meshCase = MeshCase(topology: .monolith, transport: transport)
        try await Mesh.with(meshCase, configure: Self.loopback) { meshA in
            try await Mesh.with(meshCase, configure: Self.loopback) { meshB in
                let a = try meshA.ref(NetMethods.self, on: meshA.marketsNode)
                let b = try meshB.ref(NetMethods.self, on: meshB.marketsNode)
                let idA = try await a.call(\.id)
                let listenB = try await b.call(\.netAddrsListen)
                let addressB = try #require(listenB.addrs.first, "B listens on 127.0.0.1")
                #expect(try await a.call(\.netConnectedness, listenB.id) == 0)

                _ = try await a.call(\.netConnect, listenB)
                _ = try await a.call(\.netConnect, listenB)  // already connected: nothing to do
                #expect(try await a.call(\.netConnectedness, listenB.id) == 1)
                let peersOfA = try await a.call(\.netPeers)
                #expect(peersOfA.map(\.id) == [listenB.id])
                #expect(peersOfA.first?.addrs == listenB.addrs, "A dialled B's listen address")
                let peersOfB = try await b.call(\.netPeers)
                #expect(peersOfB.map(\.id) == [idA], "B sees the inbound connection")

                let rtt = try await a.call(\.netPing, listenB.id)
                #expect(rtt > 0, "\(rtt) ns: a measured round trip in nanoseconds")

                let found = try await a.call(\.netFindPeer, listenB.id)
                #expect(found.id == listenB.id)
                #expect(found.addrs.contains(addressB), "\(found)")

                let agent = try await Self.eventually { try await a.call(\.netAgentVersion, listenB.id) }
                #expect(agent == "lotus-1.17.2+swift-devnet")

                _ = try await a.call(\.netDisconnect, listenB.id)
                #expect(try await a.call(\.netPeers).isEmpty)
                #expect(try await Self.eventually { let peers = try await b.call(\.netPeers); return peers.isEmpty ? peers : nil } .isEmpty)
                _ = try await a.call(\.netDisconnect, listenB.id)  // not connected: not an error (as Lotus)

                let ping = await #expect(throws: RPCError.self) { _ = try await a.call(\.netPing, listenB.id) }
                #expect(ping?.message.contains("is not connected to this node") == true)
                let find = await #expect(throws: RPCError.self) { _ = try await a.call(\.netFindPeer, listenB.id) }
                #expect(find?.message.contains("not found") == true)
            }
        }
    }

    @Test("NetConnect failures say which peer and why: wrong peer ID, no address, own ID, nothing listening")
    func connectFailures() async throws {
        let meshCase = MeshCase(topology: .monolith, transport: .inProcess)
        try await Mesh.with(meshCase, configure: Self.loopback) { meshA in
            try await Mesh.with(meshCase, configure: Self.loopback) { meshB in
                let a = try meshA.ref(NetMethods.self, on: meshA.marketsNode)
                let listenA = try await a.call(\.netAddrsListen)
                let listenB = try await meshB.ref(NetMethods.self, on: meshB.marketsNode).call(\.netAddrsListen)
                let addressB = try #require(listenB.addrs.first, "B listens on 127.0.0.1")
                let impostor = Libp2pPrivateKey.generate().publicKey.peerID

                let wrong = await #expect(throws: RPCError.self) {
                    _ = try await a.call(\.netConnect, PeerAddrInfo(id: impostor, addrs: listenB.addrs))
                }
                #expect(wrong?.message.hasPrefix("failed to dial \(impostor): \(addressB)") == true, "\(String(describing: wrong))")
                #expect(try await a.call(\.netPeers).isEmpty, "the handshake with the wrong peer was dropped")

                let none = await #expect(throws: RPCError.self) { _ = try await a.call(\.netConnect, PeerAddrInfo(id: listenB.id, addrs: [])) }
                #expect(none?.message.contains("no addresses given") == true)

                let own = await #expect(throws: RPCError.self) { _ = try await a.call(\.netConnect, listenA) }
                #expect(own?.message.contains("this node's own peer ID") == true)

                let closed = try Multiaddr("/ip4/127.0.0.1/tcp/\(try Tools.freePort())")
                let refused = await #expect(throws: RPCError.self) {
                    _ = try await a.call(\.netConnect, PeerAddrInfo(id: listenB.id, addrs: [closed]))
                }
                #expect(refused?.message.hasPrefix("failed to dial \(listenB.id): \(closed)") == true, "\(String(describing: refused))")
            }
        }
    }

    @Test("[Libp2p] BootstrapPeers are dialled once the host listens; an entry without /p2p is a config error")
    func bootstrapPeers() async throws {
        let meshCase = MeshCase(topology: .monolith, transport: .inProcess)
        try await Mesh.with(meshCase, configure: Self.loopback) { meshA in
            let a = try meshA.ref(NetMethods.self, on: meshA.marketsNode)
            let listenA = try await a.call(\.netAddrsListen)
            let bootstrap = "\(try #require(listenA.addrs.first))/p2p/\(listenA.id)"
            let unreachable = "/ip4/127.0.0.1/tcp/\(try Tools.freePort())/p2p/\(Libp2pPrivateKey.generate().publicKey.peerID)"
            try await Mesh.with(meshCase, configure: {
                $0.libp2p.listenAddresses = ["/ip4/127.0.0.1/tcp/0"]
                $0.libp2p.bootstrapPeers = [unreachable, bootstrap]
            }) { meshB in
                let idB = try await meshB.ref(NetMethods.self, on: meshB.marketsNode).call(\.id)
                let peers = try await Self.eventually { let peers = try await a.call(\.netPeers); return peers.isEmpty ? nil : peers }
                #expect(peers.map(\.id) == [idB], "B dialled A at start, whatever became of the unreachable entry")
            }
        }
        let error = await #expect(throws: ConfigError.self) {
            try await Mesh.with(meshCase, configure: { $0.libp2p.bootstrapPeers = ["/ip4/127.0.0.1/tcp/1"] }) { _ in }
        }
        #expect(error?.key == "[Libp2p] BootstrapPeers")
        #expect(error?.message.contains("has no /p2p/<peer ID> part") == true)
    }

    @Test("NetConnect and NetDisconnect need write; a read token gets Lotus's permission error")
    func permissions() async throws {
        try await Mesh.with(MeshCase(topology: .monolith, transport: .http2), configure: Self.loopback) { mesh in
            let reader = try mesh.ref(NetMethods.self, on: mesh.marketsNode, permission: .read)
            let id = try await reader.call(\.id)
            let error = await #expect(throws: RPCError.self) { _ = try await reader.call(\.netDisconnect, id) }
            #expect(error?.message.contains("missing permission to invoke 'NetDisconnect' (need 'write')") == true, "\(String(describing: error))")
        }
    }

    /// Retries `body` for up to 15 s (``TestTime/scaled(_:)``) until it returns a value (identify, disconnects and
    /// bootstrap dials finish in the background; the whole suite running at once on two cores slows them down).
    static func eventually<T>(_ body: () async throws -> T?) async throws -> T {
        var lastError: (any Error)?
        var found: T?
        _ = await TestTime.poll(within: .seconds(15), every: .milliseconds(50)) {
            do {
                found = try await body()
            } catch {
                lastError = error
            }
            return found != nil
        }
        if let found { return found }
        throw lastError ?? RPCError(.methodError, "condition not met within \(TestTime.scaled(.seconds(15)))")
    }
}
