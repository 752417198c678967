import ChainState
import ChainTypes
import Testing

/// The chain keeps randomness for exactly its lookback window, however long it runs.
@Suite struct ChainRandomnessTests {
    @Test("past the lookback window the chain keeps exactly the last lookback + 1 epochs, and draws from each")
    func keepsItsWindow() throws {
        var net = try TestNet(wallets: 1)
        let keep = NetworkParams().randomnessLookback
        let wallet = net.wallets[0].address.bytes
        try net.advance(to: keep + 250)
        let range = try #require(net.chain.randomness.range)
        #expect(range == (net.height - keep)...net.height)
        #expect(net.chain.randomness.draw(.sealRandomness, at: net.height - keep, entropy: wallet) != nil)
        #expect(net.chain.randomness.draw(.sealRandomness, at: net.height - keep - 1, entropy: wallet) == nil)
    }
}
