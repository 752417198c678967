import APICore
import ChainTypes
import CLISupport
import Foundation
import FullNodeAPI
import MeshTestKit
import MiningAPI
import TestScheduling
import Testing

/// Block production as an operator sees it: once its sector is proven the miner has power, wins elections and its
/// blocks carry its winning PoSt; `lotus-miner info` counts them.
@Suite("Mining scenarios")
struct MiningScenarioTests {
    @Test("a miner with a proven sector wins blocks: the chain's blocks name it and carry its winning PoSt; info counts them", arguments: MeshCase.all)
    func winsBlocks(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true) { mesh in
            let (miner, _, _, chain) = try await ProvingScenarioTests.pledgeAndProve(mesh)
            let mining = try mesh.ref(MiningMethods.self, on: mesh.miningNode)
            var status = try await mining.call(\.miningStatus)
            // Up to 60 s: a loaded machine (a clean-clone CI run) makes some wins late, and late wins do not count.
            for _ in 0..<TestTime.rounds(600) where status.blocksWon < 3 {
                try await Task.sleep(for: .milliseconds(100))
                status = try await mining.call(\.miningStatus)
            }
            #expect(status.blocksWon >= 3, "the only miner with power wins every epoch it is eligible for: \(status)")
            #expect(status.missedWins == 0, "\(status)")
            let won = try #require(status.lastWinEpoch)
            try await ProvingScenarioTests.waitEpochs(1, chain: chain)  // the won epoch is produced on the next tick
            let block = try #require(try await chain.call(\.chainGetTipSetByHeight, won, nil).blocks.first)
            #expect(block.miner == miner)
            #expect(block.winPoStProof.first?.proofBytes.count == 10 * 7 * 32, "ten openings of a 2 KiB sector's tree")

            let report = try await mesh.infoReport().lines()
            #expect(report.contains { $0.hasPrefix("Blocks won: ") && !$0.hasPrefix("Blocks won: 0 ") }, "\(report)")
            #expect(report.contains { $0.hasPrefix("Window PoSt: ") }, "\(report)")
        }
    }

    @Test("the election rule gives a miner wins in proportion to its power share")
    func proportionalWins() {
        var generator = SystemRandomNumberGenerator()
        let draws = 20_000
        for (power, total) in [(1, 4), (1, 2), (3, 4)] as [(UInt64, UInt64)] {
            let wins = (0..<draws).filter { _ in Election.wins(value: generator.next(), power: power, total: total) }.count
            let expected = Double(draws) * Double(power) / Double(total)
            // Four standard deviations of a binomial count: a false failure once in ~16,000 runs.
            let tolerance = 4 * (expected * (1 - Double(power) / Double(total))).squareRoot()
            #expect(abs(Double(wins) - expected) < tolerance, "\(wins) wins of \(draws) at \(power)/\(total)")
        }
    }
}
