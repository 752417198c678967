/// Reads positional JSON-RPC params one by one. Implemented by the wire codec, so API definitions
/// stay free of any particular JSON library.
public protocol PositionalDecoder {
    /// The number of params the request carried.
    var count: Int { get }
    /// Decodes the param at `index` (0-based).
    /// - Throws: ``RPCError`` `.parseError` naming the method and the param when it does not decode.
    func decode<T: Decodable>(_ type: T.Type, at index: Int) throws -> T
}

/// Writes positional JSON-RPC params in order.
public protocol PositionalEncoder {
    mutating func encode<T: Encodable>(_ value: T) throws
}

/// A method's parameter list: a fixed-arity tuple of Codable values sent as a JSON array.
public protocol RPCParams: Sendable {
    /// How many positional params the method takes (checked before decoding, as go-jsonrpc does).
    static var arity: Int { get }
    /// The type of each positional param, in order (what a fuzzer or a schema generator needs to know).
    static var parameterTypes: [any Decodable.Type] { get }
    init(from decoder: any PositionalDecoder) throws
    func encode(to encoder: inout some PositionalEncoder) throws
}

/// No params: `[]`.
public struct Args0: RPCParams {
    public static var arity: Int { 0 }
    public static var parameterTypes: [any Decodable.Type] { [] }
    public init() {}
    public init(from decoder: any PositionalDecoder) throws {}
    public func encode(to encoder: inout some PositionalEncoder) throws {}
}

/// One param: `[a]`.
public struct Args1<A: Codable & Sendable>: RPCParams {
    public var a: A
    public static var arity: Int { 1 }
    public static var parameterTypes: [any Decodable.Type] { [A.self] }
    public init(_ a: A) { self.a = a }
    public init(from decoder: any PositionalDecoder) throws { a = try decoder.decode(A.self, at: 0) }
    public func encode(to encoder: inout some PositionalEncoder) throws { try encoder.encode(a) }
}

/// Two params: `[a, b]`.
public struct Args2<A: Codable & Sendable, B: Codable & Sendable>: RPCParams {
    public var a: A
    public var b: B
    public static var arity: Int { 2 }
    public static var parameterTypes: [any Decodable.Type] { [A.self, B.self] }
    public init(_ a: A, _ b: B) { (self.a, self.b) = (a, b) }
    public init(from decoder: any PositionalDecoder) throws {
        a = try decoder.decode(A.self, at: 0)
        b = try decoder.decode(B.self, at: 1)
    }
    public func encode(to encoder: inout some PositionalEncoder) throws {
        try encoder.encode(a)
        try encoder.encode(b)
    }
}

/// Three params: `[a, b, c]`.
public struct Args3<A: Codable & Sendable, B: Codable & Sendable, C: Codable & Sendable>: RPCParams {
    public var a: A
    public var b: B
    public var c: C
    public static var arity: Int { 3 }
    public static var parameterTypes: [any Decodable.Type] { [A.self, B.self, C.self] }
    public init(_ a: A, _ b: B, _ c: C) { (self.a, self.b, self.c) = (a, b, c) }
    public init(from decoder: any PositionalDecoder) throws {
        a = try decoder.decode(A.self, at: 0)
        b = try decoder.decode(B.self, at: 1)
        c = try decoder.decode(C.self, at: 2)
    }
    public func encode(to encoder: inout some PositionalEncoder) throws {
        try encoder.encode(a)
        try encoder.encode(b)
        try encoder.encode(c)
    }
}

/// Four params: `[a, b, c, d]` (e.g. `StateWaitMsg(cid, confidence, limit, allowReplaced)`).
public struct Args4<A: Codable & Sendable, B: Codable & Sendable, C: Codable & Sendable, D: Codable & Sendable>: RPCParams {
    public var a: A
    public var b: B
    public var c: C
    public var d: D
    public static var arity: Int { 4 }
    public static var parameterTypes: [any Decodable.Type] { [A.self, B.self, C.self, D.self] }
    public init(_ a: A, _ b: B, _ c: C, _ d: D) { (self.a, self.b, self.c, self.d) = (a, b, c, d) }
    public init(from decoder: any PositionalDecoder) throws {
        a = try decoder.decode(A.self, at: 0)
        b = try decoder.decode(B.self, at: 1)
        c = try decoder.decode(C.self, at: 2)
        d = try decoder.decode(D.self, at: 3)
    }
    public func encode(to encoder: inout some PositionalEncoder) throws {
        try encoder.encode(a)
        try encoder.encode(b)
        try encoder.encode(c)
        try encoder.encode(d)
    }
}

/// Five params: `[a, b, c, d, e]` (e.g. `SectorsUnsealPiece(sector, offset, size, randomness, commD)`).
public struct Args5<A: Codable & Sendable, B: Codable & Sendable, C: Codable & Sendable, D: Codable & Sendable, E: Codable & Sendable>: RPCParams {
    public var a: A
    public var b: B
    public var c: C
    public var d: D
    public var e: E
    public static var arity: Int { 5 }
    public static var parameterTypes: [any Decodable.Type] { [A.self, B.self, C.self, D.self, E.self] }
    public init(_ a: A, _ b: B, _ c: C, _ d: D, _ e: E) { (self.a, self.b, self.c, self.d, self.e) = (a, b, c, d, e) }
    public init(from decoder: any PositionalDecoder) throws {
        a = try decoder.decode(A.self, at: 0)
        b = try decoder.decode(B.self, at: 1)
        c = try decoder.decode(C.self, at: 2)
        d = try decoder.decode(D.self, at: 3)
        e = try decoder.decode(E.self, at: 4)
    }
    public func encode(to encoder: inout some PositionalEncoder) throws {
        try encoder.encode(a)
        try encoder.encode(b)
        try encoder.encode(c)
        try encoder.encode(d)
        try encoder.encode(e)
    }
}
