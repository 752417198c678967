/// A Lotus API permission. Tokens carry a list of them in `{"Allow":[...]}`; every method needs one.
///
/// Permissions are cumulative in the CLI (`--perm=sign` mints `[read write sign]`) but checked by
/// membership on the server, exactly as go-jsonrpc's `auth` package does.
public struct Permission: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let read = Permission(rawValue: "read")
    public static let write = Permission(rawValue: "write")
    public static let sign = Permission(rawValue: "sign")
    public static let admin = Permission(rawValue: "admin")

    /// All permissions in increasing order of power.
    public static let all: [Permission] = [.read, .write, .sign, .admin]

    /// The permissions granted by `--perm=<self>`: this one and every weaker one.
    public var cumulative: [Permission] {
        guard let index = Permission.all.firstIndex(of: self) else { return [self] }
        return Array(Permission.all[...index])
    }

    /// Parses a CLI `--perm` value.
    /// - Throws: ``RPCError`` naming the accepted values when `text` is not one of them.
    public static func parse(_ text: String) throws -> Permission {
        let perm = Permission(rawValue: text.lowercased())
        guard all.contains(perm) else {
            throw RPCError(.invalidParams, "unknown permission '\(text)'; use one of: read, write, sign, admin")
        }
        return perm
    }

    public var description: String { rawValue }

    public static func < (lhs: Permission, rhs: Permission) -> Bool {
        (all.firstIndex(of: lhs) ?? -1) < (all.firstIndex(of: rhs) ?? -1)
    }
}
