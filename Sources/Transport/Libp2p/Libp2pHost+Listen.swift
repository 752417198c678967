import Logging
import Multiformats
import NIOCore
import NIOPosix
import Synchronization

extension Libp2pHost {
    /// Binds every listen address; on any failure closes those already bound and throws.
    func bindListeners() async throws -> [Multiaddr] {
        var channels: [any Channel] = []
        var bound: [Multiaddr] = []
        for address in config.listenAddresses {
            let endpoint: TCPEndpoint
            do {
                endpoint = try TCPEndpoint(address, purpose: "listen")
            } catch {
                for channel in channels { try? await channel.close() }
                throw error
            }
            do {
                var bootstrap = ServerBootstrap(group: eventLoopGroup)
                    .serverChannelOption(.backlog, value: 256)
                    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                    .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                    .childChannelInitializer { channel in self.accept(channel) }
                if endpoint.host.contains(":") {
                    // IPv6 listeners take IPv6 only, as Go's do, so `/ip4/0.0.0.0/tcp/N` and `/ip6/::/tcp/N` can share N.
                    bootstrap = bootstrap.serverChannelOption(
                        ChannelOptions.Types.SocketOption(level: .ipv6, name: .ipv6_v6only), value: 1)
                }
                let channel = try await bootstrap.bind(host: endpoint.host, port: endpoint.port).get()
                channels.append(channel)
                guard let local = channel.localAddress, let multiaddr = Multiaddr(socketAddress: local) else {
                    throw Libp2pHostError(.bindFailed, "listening on \(address) gave no usable local address")
                }
                bound.append(multiaddr)
            } catch {
                for channel in channels { try? await channel.close() }
                if let error = error as? Libp2pHostError { throw error }
                throw Libp2pHostError(
                    .bindFailed, "cannot listen on \(address): \(error) — change [Libp2p] ListenAddresses in config.toml")
            }
        }
        let stopping = state.withLock { state -> Bool in
            state.listeners = channels
            return state.phase == .stopped
        }
        if stopping {
            for channel in channels { channel.close(promise: nil) }
        }
        return bound
    }

    /// Takes a new inbound TCP connection: refuses it above the limits, else starts its upgrade.
    private func accept(_ channel: any Channel) -> EventLoopFuture<Void> {
        let limits = config.limits
        let refusal = state.withLock { state -> String? in
            guard state.phase == .running else { return "the host is shutting down" }
            if state.connections.count + state.pendingHandshakes >= limits.maxConnections {
                return "\(limits.maxConnections) connections are open (Limits.maxConnections)"
            }
            if state.pendingHandshakes >= limits.maxPendingHandshakes {
                return "\(limits.maxPendingHandshakes) inbound handshakes are in progress (Limits.maxPendingHandshakes)"
            }
            state.pendingHandshakes += 1
            return nil
        }
        let remote = channel.remoteAddress.map { "\($0)" } ?? "unknown"
        if let refusal {
            logger.warning("refusing inbound libp2p connection", metadata: ["remote": "\(remote)", "reason": "\(refusal)"])
            return channel.eventLoop.makeFailedFuture(Libp2pHostError(.limitReached, "refused: \(refusal)"))
        }
        let upgrade = upgrader(for: .inbound, expecting: nil).upgrade(channel)
        upgrade.whenComplete { result in
            self.state.withLock { $0.pendingHandshakes -= 1 }
            switch result {
            case .success(let upgraded):
                do {
                    _ = try self.register(upgraded)
                } catch {
                    self.logger.warning("dropping inbound libp2p connection", metadata: ["remote": "\(remote)", "reason": "\(error)"])
                }
            case .failure(let error):
                self.logger.warning(
                    "inbound libp2p handshake failed, connection closed", metadata: ["remote": "\(remote)", "error": "\(error)"])
                channel.close(promise: nil)
            }
        }
        return channel.eventLoop.makeSucceededVoidFuture()
    }
}
