import APICore

/// The Sealing subsystem's API: the sealing pipeline's settings (and, as it grows, its sectors). Implemented by
/// `SealingActor` (target `Sealing`); the markets node calls it on the mining node.
public protocol SealingAPI: SubsystemAPI where Methods == SealingMethods {
    /// `SectorGetSealDelay`: `[Sealing] WaitDealsDelay` in nanoseconds.
    func sealDelay() async throws -> Int64
    /// `SectorSetSealDelay`: sets and persists `[Sealing] WaitDealsDelay`.
    func setSealDelay(_ nanoseconds: Int64) async throws
}
