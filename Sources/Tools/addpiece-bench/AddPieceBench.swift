import APICore
import BenchSupport
import ArgumentParser
import CLISupport
import ChainTypes
import Foundation
import FullNodeAPI
import PieceCommitment
import SealingAPI

/// `addpiece-bench`: `SectorAddPieceToAny` of a deal's piece streamed over HTTP/2 to a running `lotus-miner` (release
/// build, real processes, loopback), against writing the same bytes to a local file in the same run; and the mining
/// node's peak resident memory while it takes each piece — which must not grow with the piece size.
///
/// The piece's bytes are generated (a seeded xorshift stream) as they are sent, so the benchmark itself holds one
/// chunk at a time; its CommP, needed for the deal, is computed from the same stream beforehand.
@main
struct AddPieceBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "addpiece-bench", abstract: "SectorAddPieceToAny over HTTP/2 against a local file write, and the node's peak RSS")

    @Option(help: "Piece sizes in MiB, padded (each sends 127/128 of it: 512 → 508 MiB), at most the sector size")
    var mib: [Int] = [64, 512]
    /// A 1 GiB piece needs a 32 GiB sector; AddPiece reserves room for its unsealed file only (32 GiB, written
    /// sparse), so an ordinary disk takes it. 512 MiB sectors take pieces up to 508 MiB.
    @Option(name: .customLong("sector-size"), help: "Sector size (512MiB; 32GiB for a 1 GiB piece, with 32 GiB free)")
    var sectorSize = "512MiB"
    @Option(name: .customLong("block-time"), help: "The devnet's block time") var blockTime = "200ms"
    @Option(help: "Scratch directory (on disk: the sector's unsealed file is written there)") var scratch = ".build-bench/addpiece"
    @Flag(help: "Keep the scratch directory") var keep = false

    func run() async throws {
        let home = URL(fileURLWithPath: scratch).appendingPathComponent(UUID().uuidString.prefix(8).lowercased()).path
        print("addpiece-bench — \(ProcessInfo.processInfo.activeProcessorCount) cores, scratch \(home)")
        let nodes = try await BenchNodes.start(home: home, blockTime: blockTime, sectorSize: sectorSize)
        defer {
            nodes.stop()
            if !keep { try? FileManager.default.removeItem(atPath: home) }
        }
        let chain = SubsystemRef<FullNodeMethods>.remote(try nodes.client(port: nodes.daemonPort, path: "/rpc/v1", repo: home + "/lotus"))
        let sealing = SubsystemRef<SealingMethods>.remote(try nodes.client(port: nodes.minerPort, path: "/rpc/v0", repo: home + "/miner"))
        let provider = try Address(parsing: "t01000")
        let pid = nodes.minerPID
        let idle = BenchNodes.rss(pid: pid) ?? 0
        print("lotus-miner resident memory before: \(idle >> 20) MiB")
        for (round, wanted) in mib.enumerated() {
            let padded = UInt64(1) << UInt64(64 - UInt64(max(wanted, 1) << 20).leadingZeroBitCount - 1)  // a power of two ≤ wanted MiB
            let size = padded / 128 * 127
            let seed = UInt64(round + 1)

            let commp = try Self.commP(size: size, seed: seed)
            let deal = try await DealPublisher(chain: chain, provider: provider).publish(pieceCID: commp.cid, pieceSize: padded, startIn: 2000)
            let info = PieceDealInfo(
                publishCid: deal.publishCid, dealID: deal.dealID, dealProposal: deal.proposal,
                dealSchedule: DealSchedule(startEpoch: deal.proposal.startEpoch, endEpoch: deal.proposal.endEpoch))

            let rss = PeakRSS(pid: pid)
            let start = ContinuousClock.now
            let offset = try await sealing.call(\.sectorAddPieceToAny, size, ByteStream(Self.stream(size: size, seed: seed)), info)
            let addPiece = ContinuousClock.now - start
            let peak = rss.stop()

            let fileStart = ContinuousClock.now
            try Self.writeFile(home + "/copy-\(round)", size: size, seed: seed)
            let copy = ContinuousClock.now - fileStart
            try? FileManager.default.removeItem(atPath: home + "/copy-\(round)")

            let mibs = Double(size) / 1_048_576
            print(
                String(
                    format: "piece %.0f MiB (padded %llu MiB) → sector %llu offset %llu: AddPiece over HTTP/2 %.1f MiB/s, local file write %.1f MiB/s, ratio %.2f (goal ≥ 0.5); lotus-miner peak RSS %llu MiB",
                    mibs, padded >> 20, offset.sector, offset.offset, mibs / addPiece.seconds, mibs / copy.seconds,
                    copy.seconds / addPiece.seconds, peak >> 20))
        }
    }

    /// The piece's bytes: `size` bytes of a xorshift64 stream seeded with `seed`, in 1 MiB chunks, generated on demand.
    static func stream(size: UInt64, seed: UInt64) -> AsyncThrowingStream<[UInt8], any Error> {
        var generator = PatternBytes(size: size, seed: seed)
        return AsyncThrowingStream(unfolding: { generator.next() })
    }

    static func commP(size: UInt64, seed: UInt64) throws -> PieceDigest {
        let builder = CommPBuilder(parallelism: ProcessInfo.processInfo.activeProcessorCount)
        var generator = PatternBytes(size: size, seed: seed)
        while let chunk = generator.next() { try builder.update(chunk) }
        return try builder.finish()
    }

    /// Writes the same bytes to a local file and syncs it (the baseline).
    static func writeFile(_ path: String, size: UInt64, seed: UInt64) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var generator = PatternBytes(size: size, seed: seed)
        while let chunk = generator.next() { try handle.write(contentsOf: chunk) }
        try handle.synchronize()
        try handle.close()
    }
}
