/// A self-describing network address: a sequence of ``Component``s such as `/ip4/192.0.2.42/tcp/443/p2p/12D3KooW…`.
///
/// - Text: `(/<protocol>[/<value>])+`; a trailing `/` is ignored; `/ipfs/` is read as `/p2p/`.
/// - Binary: `(varint(code) [varint(length)] value)+`, fixed-size values without a length.
///
/// Unknown protocols, bad values and truncated input are ``MultiformatsError``s. A `/unix` path takes the
/// rest of the text and must be the last component. Follows multiformats/multiaddr and go-multiaddr.
public struct Multiaddr: Hashable, Sendable, CustomStringConvertible {
    /// The components, outermost (network) first.
    public let components: [Component]

    /// A multiaddr of the given components (may be empty, as the result of ``decapsulate(_:)`` can be).
    ///
    /// - Throws: ``MultiformatsError`` when a value is not allowed (an empty or `/`-containing name, a relative
    ///   unix path, an empty http-path) or a `unix` component is not the last.
    public init(components: [Component]) throws(MultiformatsError) {
        for (index, component) in components.enumerated() {
            try component.validate()
            if case .unix = component, index != components.count - 1 {
                throw MultiformatsError(.invalidValue, "multiaddr: /unix takes the rest of the address and must come last")
            }
        }
        self.components = components
    }

    private init(validated components: [Component]) {
        self.components = components
    }

    /// Parses the text form.
    ///
    /// - Throws: ``MultiformatsError``: ``MultiformatsError/Kind/unsupported`` for an unknown protocol,
    ///   ``MultiformatsError/Kind/invalidValue`` for a bad value or a missing one,
    ///   ``MultiformatsError/Kind/invalidEncoding`` for text that does not start with `/` or is empty.
    public init(_ text: some StringProtocol) throws(MultiformatsError) {
        var trimmed = Substring(text)
        while trimmed.last == "/" { trimmed.removeLast() }
        guard trimmed.first == "/" else {
            throw MultiformatsError(
                .invalidEncoding,
                trimmed.isEmpty
                    ? "multiaddr: empty address; expected something like /ip4/127.0.0.1/tcp/1234"
                    : "multiaddr: '\(text.prefix(80))' must begin with '/'")
        }
        var parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).dropFirst()[...]
        var components: [Component] = []
        while let name = parts.popFirst() {
            guard let proto = MultiaddrProtocol(name: name) else {
                throw MultiformatsError(
                    .unsupported, "multiaddr: unknown protocol '\(name.prefix(40))' in '\(text.prefix(80))'")
            }
            guard proto.hasValue else {
                components.append(try Component(proto, text: ""))
                continue
            }
            guard let value = parts.popFirst() else {
                throw MultiformatsError(.invalidValue, "multiaddr: /\(proto) needs a value in '\(text.prefix(80))'")
            }
            let component: Component
            do {
                if proto == .unix {
                    // A path takes the rest of the address, slashes included.
                    component = try Component(proto, text: Substring("/" + ([value] + parts).joined(separator: "/")))
                    parts = []
                } else {
                    component = try Component(proto, text: value)
                }
            } catch {
                throw MultiformatsError(error.kind, "multiaddr '\(text.prefix(80))': \(error.message)")
            }
            components.append(component)
        }
        self.components = components
    }

    /// Parses the binary form (exactly one multiaddr, non-empty).
    ///
    /// - Throws: ``MultiformatsError``: ``MultiformatsError/Kind/truncated`` when a value is cut short,
    ///   ``MultiformatsError/Kind/unsupported`` for an unknown protocol code,
    ///   ``MultiformatsError/Kind/invalidValue`` for a bad value or a component after `/unix`.
    public init(bytes: some Collection<UInt8>) throws(MultiformatsError) {
        var reader = ByteReader(bytes)
        guard !reader.isAtEnd else {
            throw MultiformatsError(.invalidEncoding, "multiaddr: empty binary address")
        }
        var components: [Component] = []
        while !reader.isAtEnd {
            if case .unix = components.last {
                throw MultiformatsError(.invalidValue, "multiaddr: a component follows /unix, which must come last")
            }
            let code = try reader.varint("multiaddr protocol code")
            guard let proto = MultiaddrProtocol(rawValue: code) else {
                throw MultiformatsError(.unsupported, "multiaddr: unknown protocol code \(code)")
            }
            let size: Int
            if let fixed = proto.fixedSize {
                size = fixed
            } else {
                size = try reader.length("multiaddr /\(proto) value")
                guard size > 0 else {
                    throw MultiformatsError(.invalidValue, "multiaddr: /\(proto) has an empty value")
                }
            }
            components.append(try Component(proto, bytes: reader.take(size, "multiaddr /\(proto) value")))
        }
        self.components = components
    }

    /// The binary form.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        for component in components { component.append(to: &out) }
        return out
    }

    /// The text form, `/ip4/127.0.0.1/tcp/1234`; empty for an empty multiaddr.
    public var description: String {
        components.map(\.description).joined()
    }

    /// This address followed by `component`, e.g. a `/p2p/<peer>` suffix.
    ///
    /// - Throws: as ``init(components:)``.
    public func appending(_ component: Component) throws(MultiformatsError) -> Multiaddr {
        try Multiaddr(components: components + [component])
    }

    /// This address followed by `other` (encapsulation).
    ///
    /// - Throws: ``MultiformatsError`` when this address ends with `/unix`.
    public func appending(_ other: Multiaddr) throws(MultiformatsError) -> Multiaddr {
        try Multiaddr(components: components + other.components)
    }

    /// Removes the last occurrence of `other` and everything after it, as go-multiaddr's `Decapsulate`:
    /// `/ip4/1.2.3.4/tcp/80/ws` decapsulated by `/tcp/80` is `/ip4/1.2.3.4`. Returns the address unchanged
    /// when `other` is empty or does not occur.
    public func decapsulate(_ other: Multiaddr) -> Multiaddr {
        guard !other.components.isEmpty, other.components.count <= components.count else { return self }
        for start in stride(from: components.count - other.components.count, through: 0, by: -1)
        where components[start..<start + other.components.count].elementsEqual(other.components) {
            return Multiaddr(validated: Array(components[..<start]))
        }
        return self
    }

    /// Removes the last occurrence of a component of protocol `proto` and everything after it.
    public func decapsulate(_ proto: MultiaddrProtocol) -> Multiaddr {
        guard let index = components.lastIndex(where: { $0.protocol == proto }) else { return self }
        return Multiaddr(validated: Array(components[..<index]))
    }
}
