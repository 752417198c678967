/// A sector of a miner (Lotus `abi.SectorID`): `{"Miner":1000,"Number":3}`.
public struct SectorID: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The miner actor's ID (the number of `t01000`).
    public var miner: UInt64
    /// The sector number.
    public var number: UInt64

    public init(miner: UInt64, number: UInt64) {
        self.miner = miner
        self.number = number
    }

    /// The file name of the sector's files in a storage path (Lotus `storiface.SectorName`): `s-t01000-3`.
    public var fileName: String { "s-t0\(miner)-\(number)" }

    /// The sector named `name` (`s-t0<miner>-<number>`), if it is one.
    public init?(fileName name: String) {
        guard name.hasPrefix("s-t0") else { return nil }
        let parts = name.dropFirst(4).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let miner = UInt64(parts[0]), let number = UInt64(parts[1])
        else { return nil }
        self.init(miner: miner, number: number)
    }

    public var description: String { fileName }

    public static func < (lhs: SectorID, rhs: SectorID) -> Bool {
        (lhs.miner, lhs.number) < (rhs.miner, rhs.number)
    }

    enum CodingKeys: String, CodingKey { case miner = "Miner", number = "Number" }
}
