import Foundation
import TestScheduling
import Testing

/// A client's online deal and retrieval on the devnet, as a client types them.
extension ChainDevnet {
    /// `lotus client import FILE`, then `lotus client deal DATACID t01000 0 DURATION` starting 3000 epochs (5 minutes)
    /// from the head, so that a loaded machine seals it in time, followed with `lotus client get-deal` until the deal is
    /// Active (State 7) or two minutes (scaled by `TestTime`) have passed. Returns the data CID, the proposal CID and the last `get-deal` answer
    /// (the caller checks it is Active).
    func onlineDeal(file: String, duration: Int) async throws -> (data: String, proposal: String, deal: String) {
        let imported = try await lotus("client", "import", file)
        let dataCID = try #require(imported.split(separator: " ").last.map(String.init), "\(imported)")
        let head = try #require(Int(try await lotus("chain", "head", "--height")))
        let proposal = try await lotus("client", "deal", "--start-epoch", String(head + 3000), dataCID, "t01000", "0", String(duration))
        var deal = ""
        _ = try await TestTime.poll(within: .seconds(120), every: .milliseconds(200)) {
            deal = try await lotus("client", "get-deal", proposal)
            return deal.contains("\"State\": 7")
        }
        return (dataCID, proposal, deal)
    }

    /// `lotus client retrieve --provider t01000 DATACID OUT` (`--car` for the CAR itself): the bytes that come back.
    func retrieve(_ dataCID: String, to out: String, car: Bool = false) async throws -> Data {
        try? FileManager.default.removeItem(atPath: out)
        let answer = car
            ? try await lotus("client", "retrieve", "--car", "--provider", "t01000", dataCID, out)
            : try await lotus("client", "retrieve", "--provider", "t01000", dataCID, out)
        #expect(answer == "Success")
        return try Data(contentsOf: URL(fileURLWithPath: out))
    }
}
