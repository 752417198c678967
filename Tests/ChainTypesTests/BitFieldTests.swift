import ChainTypes
import Foundation
import Testing

/// Bitfields arrive as JSON run lengths from any caller (`StateMinerSectors` needs no token): hostile runs are errors.
@Suite struct BitFieldTests {
    @Test func runLengthsRoundTrip() throws {
        let field = try BitField(runLengths: [2, 3, 1, 2])
        #expect(field.sorted == [2, 3, 4, 6, 7])
        #expect(field.runLengths == [2, 3, 1, 2])
    }

    @Test("runs whose member count overflows 64 bits, or that run past 2^64, are refused (the count trapped)", arguments: [
        [0, 1, 1, UInt64.max], [0, UInt64.max, 1, UInt64.max], [UInt64.max, 2], [0, 2, 0, 1], [0, 5_000_000],
    ])
    func hostileRunsAreRefused(runs: [UInt64]) {
        #expect(throws: ChainStateError.self) { try BitField(runLengths: runs) }
        let json = Data(("[" + runs.map(String.init).joined(separator: ",") + "]").utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(BitField.self, from: json) }
    }
}
