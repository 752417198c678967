/// A sector size and the proof types registered for it (go-state-types `abi/sector.go`; formats-and-peers.md §5.2).
///
/// Text form `2KiB`, `8MiB`, `512MiB`, `32GiB`, `64GiB` (``init(parsing:)`` also takes `2 KiB` and a byte count);
/// JSON in network parameters is that text, while Lotus API results carry the byte count.
public struct SectorSize: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The size in bytes.
    public let bytes: UInt64
    /// Index in the proof tables: 2KiB = 0, 8MiB = 1, 512MiB = 2, 32GiB = 3, 64GiB = 4.
    private let index: Int64

    private init(bytes: UInt64, index: Int64) {
        self.bytes = bytes
        self.index = index
    }

    /// 2 KiB (2048 bytes).
    public static let kib2 = SectorSize(bytes: 2048, index: 0)
    /// 8 MiB.
    public static let mib8 = SectorSize(bytes: 8 << 20, index: 1)
    /// 512 MiB.
    public static let mib512 = SectorSize(bytes: 512 << 20, index: 2)
    /// 32 GiB.
    public static let gib32 = SectorSize(bytes: 32 << 30, index: 3)
    /// 64 GiB.
    public static let gib64 = SectorSize(bytes: 64 << 30, index: 4)

    /// Every registered size, smallest first.
    public static let all: [SectorSize] = [.kib2, .mib8, .mib512, .gib32, .gib64]

    /// The size of `bytes` bytes, if it is a registered size.
    public init?(bytes: UInt64) {
        guard let size = SectorSize.all.first(where: { $0.bytes == bytes }) else { return nil }
        self = size
    }

    /// The size whose seal proof type (V1, V1_1, SyntheticPoRep or NI-PoRep) is `sealProof`.
    public init?(sealProof: Int64) {
        guard (0...19).contains(sealProof) else { return nil }
        self = SectorSize.all[Int(sealProof % 5)]
    }

    /// The size whose Window PoSt proof type (V1 or V1_1) is `windowPoStProof`.
    public init?(windowPoStProof: Int64) {
        guard (5...14).contains(windowPoStProof) else { return nil }
        self = SectorSize.all[Int(windowPoStProof % 5)]
    }

    /// Parses `2KiB`, `2 KiB`, `8MiB`, `32GiB`, or a byte count such as `2048`.
    /// - Throws: ``ChainStateError`` naming the registered sizes.
    public init(parsing text: String) throws(ChainStateError) {
        let compact = text.filter { $0 != " " }
        if let size = SectorSize.all.first(where: { $0.description.lowercased() == compact.lowercased() }) {
            self = size
            return
        }
        if let bytes = UInt64(compact), let size = SectorSize(bytes: bytes) {
            self = size
            return
        }
        throw ChainStateError(
            .invalidArgument,
            "unknown sector size \"\(text)\" (expected one of \(SectorSize.all.map(\.description).joined(separator: ", ")))")
    }

    /// `2KiB`, `8MiB`, `512MiB`, `32GiB`, `64GiB`.
    public var description: String {
        switch bytes {
        case 2048: "2KiB"
        case 8 << 20: "8MiB"
        case 512 << 20: "512MiB"
        case 32 << 30: "32GiB"
        default: "64GiB"
        }
    }

    /// The V1_1 seal proof (`RegisteredSealProof_StackedDrg<size>V1_1`): 5 for 2KiB … 9 for 64GiB.
    public var sealProof: Int64 { 5 + index }
    /// The V1_1 Window PoSt proof (`StackedDrgWindow<size>V1_1`): 10 for 2KiB … 14 for 64GiB.
    public var windowPoStProof: Int64 { 10 + index }
    /// The Winning PoSt proof (`StackedDrgWinning<size>V1`): 0 for 2KiB … 4 for 64GiB.
    public var winningPoStProof: Int64 { index }
    /// Sectors per Window PoSt partition (builtin-actors `window_post_partition_sectors`).
    public var windowPoStPartitionSectors: UInt64 { [2, 2, 2, 2349, 2300][Int(index)] }
    /// The largest deal piece (padded) a sector holds: the sector size.
    public var maxPieceSize: UInt64 { bytes }

    public static func < (lhs: SectorSize, rhs: SectorSize) -> Bool { lhs.bytes < rhs.bytes }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
