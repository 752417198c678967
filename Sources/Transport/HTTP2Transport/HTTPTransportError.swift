#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// An error of the HTTP transport itself (not of a JSON-RPC call): the server cannot listen, an API
/// address does not parse, TLS files do not load. ``description`` is a complete sentence for the user.
public struct HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// The listening socket could not be opened (port in use, address not on this host, ...).
        case bindFailed
        /// An API address (multiaddr or URL) could not be parsed.
        case badAddress
        /// A certificate, key or trust root could not be loaded.
        case tlsConfiguration
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The error for a failed `bind`, naming the address and the config key that sets it.
    static func bindFailed(host: String, port: Int, configKey: String, underlying: any Error) -> HTTPTransportError {
        let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        let reason: String
        switch (underlying as? IOError)?.errnoCode {
        case EADDRINUSE?:
            reason = "address already in use; another node is using this port"
        case EADDRNOTAVAIL?:
            reason = "address not available; \(host) is not an address of this machine"
        case EACCES?:
            reason = "permission denied; ports below 1024 need privileges"
        default:
            reason = "\(underlying)"
        }
        return HTTPTransportError(.bindFailed, "cannot listen on \(address): \(reason) — change \(configKey) in config.toml")
    }
}
