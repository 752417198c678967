/// A set of small unsigned integers (sector numbers, partition indices), as go-bitfield's `BitField`.
///
/// JSON is go-bitfield's: the run lengths of the bit string, starting with a run of absent values, e.g. the set
/// {0, 1, 2, 8, 9} (bits `1110000011`) is `[0,3,5,2]` and the empty set is `[0]`. Decoding refuses a zero-length run
/// anywhere but first, as go-bitfield does, and sets that would have more than ``maxDecodedCount`` members.
public struct BitField: Sendable, Hashable, Codable, Sequence, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The members.
    public private(set) var members: Set<UInt64>

    /// Most members a decoded bitfield may have (bounds hostile JSON; far above any devnet partition).
    public static let maxDecodedCount: UInt64 = 1 << 20

    /// The empty set.
    public init() { members = [] }

    /// A set of `members`.
    public init(_ members: some Sequence<UInt64>) { self.members = Set(members) }

    /// A set of the array's values.
    public init(arrayLiteral elements: UInt64...) { members = Set(elements) }

    /// The number of members.
    public var count: Int { members.count }
    /// Whether there are no members.
    public var isEmpty: Bool { members.isEmpty }
    /// Whether `value` is a member.
    public func contains(_ value: UInt64) -> Bool { members.contains(value) }
    /// The members in increasing order.
    public var sorted: [UInt64] { members.sorted() }

    public func makeIterator() -> Array<UInt64>.Iterator { sorted.makeIterator() }

    /// Adds `value`.
    public mutating func insert(_ value: UInt64) { members.insert(value) }
    /// Removes `value`.
    public mutating func remove(_ value: UInt64) { members.remove(value) }
    /// Members of either.
    public func union(_ other: BitField) -> BitField { BitField(members.union(other.members)) }
    /// Members of both.
    public func intersection(_ other: BitField) -> BitField { BitField(members.intersection(other.members)) }
    /// Members of `self` not in `other`.
    public func subtracting(_ other: BitField) -> BitField { BitField(members.subtracting(other.members)) }
    /// Whether every member is also in `other`.
    public func isSubset(of other: BitField) -> Bool { members.isSubset(of: other.members) }
    /// Adds every member of `other`.
    public mutating func formUnion(_ other: BitField) { members.formUnion(other.members) }
    /// Removes every member of `other`.
    public mutating func subtract(_ other: BitField) { members.subtract(other.members) }

    /// `{0-2, 8-9}`-style text for messages.
    public var description: String {
        var iterator = sorted.makeIterator()
        guard var start = iterator.next() else { return "{}" }
        var end = start
        var parts: [String] = []
        while let value = iterator.next() {
            if value == end + 1 {
                end = value
                continue
            }
            parts.append(start == end ? "\(start)" : "\(start)-\(end)")
            start = value
            end = value
        }
        parts.append(start == end ? "\(start)" : "\(start)-\(end)")
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// The run lengths of the JSON form.
    public var runLengths: [UInt64] {
        let values = sorted
        guard let first = values.first else { return [0] }
        var runs: [UInt64] = [first]
        var runLength: UInt64 = 1
        var previous = first
        for value in values.dropFirst() {
            if value == previous + 1 {
                runLength += 1
            } else {
                runs.append(runLength)
                runs.append(value - previous - 1)
                runLength = 1
            }
            previous = value
        }
        runs.append(runLength)
        return runs
    }

    /// The set whose JSON run lengths are `runs`.
    /// - Throws: ``ChainStateError`` when a run other than the first is zero or the set would be too large.
    public init(runLengths runs: [UInt64]) throws(ChainStateError) {
        var members = Set<UInt64>()
        var position: UInt64 = 0
        var present = false
        var total: UInt64 = 0
        for (index, run) in runs.enumerated() {
            if run == 0 && index != 0 {
                throw ChainStateError(.invalidArgument, "bitfield: a zero-length run is only allowed first")
            }
            if present {
                let (sum, overflow) = total.addingReportingOverflow(run)
                total = sum
                guard !overflow, total <= BitField.maxDecodedCount, position <= UInt64.max - run else {
                    throw ChainStateError(.invalidArgument, "bitfield: more than \(BitField.maxDecodedCount) members")
                }
                for offset in 0..<run { members.insert(position + offset) }
            }
            let (next, overflow) = position.addingReportingOverflow(run)
            guard !overflow else { throw ChainStateError(.invalidArgument, "bitfield: runs overflow 64 bits") }
            position = next
            present.toggle()
        }
        self.members = members
    }

    public init(from decoder: any Decoder) throws {
        let runs = try decoder.singleValueContainer().decode([UInt64].self)
        do {
            try self.init(runLengths: runs)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(runLengths)
    }
}
