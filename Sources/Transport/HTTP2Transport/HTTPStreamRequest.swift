import APICore

/// The head of a request handed to an ``HTTPStreamRoute``.
public struct HTTPStreamRequest: Sendable {
    /// Thrown by the body stream when the client closes or resets before the body's end.
    public struct Aborted: Error, Sendable, CustomStringConvertible {
        public init() {}
        public var description: String { "the client went away before the request body was complete" }
    }

    /// Upper-case method, e.g. `POST`, `GET`, `HEAD`.
    public var method: String
    /// The path without the query string, e.g. `/rpc/streams/v0/push/6f1c…`.
    public var path: String
    /// Decoded query parameters in order (`?token=` included).
    public var query: [(name: String, value: String)]
    /// Header fields in order; names as sent (HTTP/2 sends them lower-case).
    public var headers: [(name: String, value: String)]
    /// The caller's permissions from its token (`[read]` without one).
    public var permissions: Set<Permission>
    /// 1 for HTTP/1.x, 2 for HTTP/2.
    public var httpVersion: Int

    public init(
        method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], permissions: Set<Permission>, httpVersion: Int
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.permissions = permissions
        self.httpVersion = httpVersion
    }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The declared body length (`Content-Length`), if any.
    public var contentLength: Int? { header("content-length").flatMap { Int($0.trimmingSpaces) } }
}
