import NIOCore
import NIOPosix

/// A loopback port nothing listens on right now (for nginx, which cannot report an ephemeral port).
enum FreePort {
    static func pick() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port
        try await channel.close()
        guard let port else { throw BenchError("could not find a free loopback port") }
        return port
    }
}
