import APICore
import Foundation
/// Makes a JSON value for any `Decodable` type by running the type's own `init(from:)` against a decoder that
/// answers every request with a sample (a boundary number, a learned string, a present or absent optional) and
/// records what it answered. The recorded tree is what the type reads on the wire, found from the type alone —
/// so a method's param samples come from its one definition, with no per-type list.
public struct ShapeSynthesizer {
    /// How deep containers may nest before optionals are absent and arrays empty.
    public static let maxDepth = 8
    /// How often a failed attempt (a type that refused the sampled strings) is retried with new samples.
    public static let attempts = 12

    /// A JSON value for `type`; when the type keeps refusing samples, the last partial value (still JSON).
    public static func sample(_ type: any Decodable.Type, pool: SamplePool, random: inout FuzzRandom) -> JSONValue {
        var last: JSONValue = .null
        for _ in 0..<attempts {
            let context = SynthesisContext(pool: pool, random: random)
            let root = SynthesisNode()
            do {
                func decode<T: Decodable>(_ type: T.Type) throws -> T {
                    try SynthesisDecoder(context: context, node: root, codingPath: []).decodeValue(type)
                }
                _ = try decode(type)
                random = context.random
                return root.value
            } catch {
                random = context.random
                last = root.value
            }
        }
        return last
    }
}

/// What a synthesis run shares: the pool and the random state. A class because the decoder is a value type copied
/// into every container it hands out.
final class SynthesisContext {
    /// How many nested values may be sampled again in one run (see `SynthesisSingleValue`).
    static let retryBudget = 64
    let pool: SamplePool
    var random: FuzzRandom
    /// Nested values sampled again so far in this run.
    var retries = 0

    init(pool: SamplePool, random: FuzzRandom) {
        self.pool = pool
        self.random = random
    }
}

/// One value of the recorded tree, filled in as the type asks for it.
final class SynthesisNode {
    enum Shape {
        case unset
        case leaf(JSONValue)
        case object([(String, SynthesisNode)])
        case array([SynthesisNode])
    }

    var shape: Shape = .unset

    var value: JSONValue {
        switch shape {
        case .unset: .null
        case .leaf(let value): value
        case .object(let members): .object(members.map { ($0.0, $0.1.value) })
        case .array(let elements): .array(elements.map(\.value))
        }
    }

    func addMember(_ key: String) -> SynthesisNode {
        let child = SynthesisNode()
        if case .object(var members) = shape {
            members.append((key, child))
            shape = .object(members)
        } else {
            shape = .object([(key, child)])
        }
        return child
    }

    func addElement() -> SynthesisNode {
        let child = SynthesisNode()
        if case .array(var elements) = shape {
            elements.append(child)
            shape = .array(elements)
        } else {
            shape = .array([child])
        }
        return child
    }
}

struct SynthesisDecoder: Decoder {
    let context: SynthesisContext
    let node: SynthesisNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var tooDeep: Bool { codingPath.count >= ShapeSynthesizer.maxDepth }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .unset = node.shape { node.shape = .object([]) }
        return KeyedDecodingContainer(SynthesisKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        node.shape = .array([])
        let count = tooDeep ? 0 : context.random.pick([0, 1, 1, 2, 3])
        return SynthesisUnkeyedContainer(decoder: self, count: count)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SynthesisSingleValue(decoder: self) }

    /// A child decoder for a nested value at `key`.
    func child(_ node: SynthesisNode, key: any CodingKey) -> SynthesisDecoder {
        SynthesisDecoder(context: context, node: node, codingPath: codingPath + [key])
    }

    // MARK: Leaves

    func leaf(_ value: JSONValue) { node.shape = .leaf(value) }

    func sampleString() -> String {
        let string = context.pool.wellFormedString(using: &context.random)
        leaf(.string(string))
        return string
    }

    func sampleBool() -> Bool {
        let value = Bool.random(using: &context.random)
        leaf(.bool(value))
        return value
    }

    func sampleInteger<T: FixedWidthInteger>(_ type: T.Type) -> T {
        let value = context.random.chance(1, in: 4)
            ? T(truncatingIfNeeded: context.random.next() >> UInt64(Int.random(in: 0..<64, using: &context.random)))
            : context.random.pick(SamplePool.boundaries(T.self))
        leaf(.number(String(value)))
        return value
    }

    func sampleFloat<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type) -> T {
        let value: T = context.random.pick([0, 1, -1, 0.5, 1e10, T.greatestFiniteMagnitude])
        leaf(.number(String(value)))
        return value
    }

    /// Decodes a nested `T` at `node`.
    func decodeNested<T: Decodable>(_ type: T.Type, node: SynthesisNode, key: any CodingKey) throws -> T {
        try child(node, key: key).decodeValue(T.self)
    }

    /// Decodes `T` at this decoder's node, answering primitive requests directly. A ``APICore/ByteStream`` (a push
    /// stream reference) has one fixed shape, `{"Type":"push","Info":"<uuid>"}`, that random strings would never hit;
    /// its bytes never come, so the method behind it waits out the push timeout.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == ByteStream.self {
            let id = (0..<16).map { _ in UInt8.random(in: 0...255, using: &context.random) }
            let uuid = UUID(uuid: (id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11], id[12], id[13], id[14], id[15]))
                .uuidString.lowercased()
            let typeNode = SynthesisNode(), infoNode = SynthesisNode()
            typeNode.shape = .leaf(.string("push"))
            infoNode.shape = .leaf(.string(uuid))
            node.shape = .object([("Type", typeNode), ("Info", infoNode)])
            return try JSONDecoder().decode(T.self, from: Data(#"{"Type":"push","Info":"\#(uuid)"}"#.utf8))
        }
        let single = SynthesisSingleValue(decoder: self)
        return try single.decode(T.self)
    }
}

struct SynthesisKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
