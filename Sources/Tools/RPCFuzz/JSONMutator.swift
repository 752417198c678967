/// Hostile changes to a well-formed JSON value: numbers beyond their type, hostile strings, a value of another
/// kind, a member dropped, added or repeated, an array grown, deep nesting.
public enum JSONMutator {
    /// `value` with `count` mutations at random places.
    public static func mutate(_ value: JSONValue, count: Int, random: inout FuzzRandom) -> JSONValue {
        var result = value
        for _ in 0..<count { result = mutateOnce(result, random: &random, depth: 0) }
        return result
    }

    /// A value of a random kind, for a param that is replaced outright.
    public static func anyValue(random: inout FuzzRandom) -> JSONValue {
        switch Int.random(in: 0..<7, using: &random) {
        case 0: .null
        case 1: .bool(random.chance(1, in: 2))
        case 2: .number(random.pick(SamplePool.hostileNumbers))
        case 3: .string(random.pick(SamplePool.hostileStrings))
        case 4: .array([])
        case 5: .object([])
        default: nested(depth: random.pick([10, 255, 256, 257, 1000, 5000]), random: &random)
        }
    }

    /// Arrays or objects nested `depth` deep around a number.
    public static func nested(depth: Int, random: inout FuzzRandom) -> JSONValue {
        var value = JSONValue.number("1")
        let objects = random.chance(1, in: 2)
        for _ in 0..<depth { value = objects ? .object([("a", value)]) : .array([value]) }
        return value
    }

    private static func mutateOnce(_ value: JSONValue, random: inout FuzzRandom, depth: Int) -> JSONValue {
        // Descend into a container most of the time, so mutations land inside structures too.
        switch value {
        case .array(var elements) where !elements.isEmpty && random.chance(3, in: 4):
            let index = Int.random(in: 0..<elements.count, using: &random)
            elements[index] = mutateOnce(elements[index], random: &random, depth: depth + 1)
            return .array(elements)
        case .object(var members) where !members.isEmpty && random.chance(3, in: 4):
            let index = Int.random(in: 0..<members.count, using: &random)
            members[index].value = mutateOnce(members[index].value, random: &random, depth: depth + 1)
            return .object(members)
        default:
            return mutateHere(value, random: &random)
        }
    }

    private static func mutateHere(_ value: JSONValue, random: inout FuzzRandom) -> JSONValue {
        switch value {
        case .number where random.chance(3, in: 4):
            return .number(random.pick(SamplePool.hostileNumbers))
        case .string(let string) where random.chance(3, in: 4):
            if random.chance(1, in: 3), !string.isEmpty {
                var scalars = Array(string.unicodeScalars)
                let index = Int.random(in: 0..<scalars.count, using: &random)
                if random.chance(1, in: 2) {
                    scalars.remove(at: index)
                } else {
                    scalars[index] = Unicode.Scalar(UInt8.random(in: 0x20...0x7e, using: &random))
                }
                return .string(String(String.UnicodeScalarView(scalars)))
            }
            return .string(random.pick(SamplePool.hostileStrings))
        case .array(var elements) where random.chance(1, in: 2):
            if elements.isEmpty || random.chance(1, in: 2) {
                elements.append(elements.first ?? anyValue(random: &random))
                // Many small elements (a long list), not many copies of a large one: bodies stay far below the limit.
                if random.chance(1, in: 4) { elements += Array(repeating: .number("0"), count: 10_000) }
            } else {
                elements.removeLast()
            }
            return .array(elements)
        case .object(var members) where random.chance(2, in: 3):
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where !members.isEmpty: members.remove(at: Int.random(in: 0..<members.count, using: &random))
            case 1 where !members.isEmpty: members.append(members[Int.random(in: 0..<members.count, using: &random)])
            default: members.append(("Unknown", anyValue(random: &random)))
            }
            return .object(members)
        default:
            return anyValue(random: &random)
        }
    }
}
