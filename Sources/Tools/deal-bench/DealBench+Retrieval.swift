import APICore
import BenchSupport
import ChainTypes
import Foundation
import FullNodeAPI
import MarketsAPI
import Multiformats
import PieceCommitment
import StorageMarket
import StorageMarketNetwork

/// `deal-bench --retrieval MIB`: one offline deal of a MIB-MiB piece (release build, real processes, loopback), handed
/// off and kept unsealed in a waiting sector, then `GET /piece/<PieceCID>` from the markets node with curl against
/// curl reading the same bytes from nginx on the same machine in the same run, the two in turn (the hardware's limit
/// for serving a file over HTTP). The monolith reads its own unsealed copy. The split runs twice: with the mining node's path in
/// the markets node's `storage.json` (the runbook's shared storage, step 4), where it reads the copy itself, and
/// sharing no path, where it reads the copy over the mining node's `/remote`. The markets node's peak RSS while
/// serving is printed too: the piece is streamed, never held whole.
extension DealBench {
    /// Deals publish at once; the sector waits an hour for more deals, so the piece stays in its unsealed file.
    static let retrievalConfig = """
        [Dealmaking]
          ExpectedSealDuration = "0s"
          StartEpochSealingBuffer = 10
          PublishMsgPeriod = "1s"
          MaxDealsPerPublishMsg = 1
        [Sealing]
          WaitDealsDelay = "1h0m0s"

        """

    func runRetrieval() async throws {
        let padded = UInt64(1) << UInt64(64 - UInt64(max(retrieval, 1) << 20).leadingZeroBitCount - 1)  // a power of two ≤ MIB
        let size = padded / 128 * 127
        let sector = padded <= 8 << 20 ? "8MiB" : padded <= 512 << 20 ? "512MiB" : "32GiB"
        guard let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BenchError("nginx not found: scripts/bench --retrieval installs it (apt-get install -y nginx-light)")
        }
        print("deal-bench --retrieval — \(ProcessInfo.processInfo.activeProcessorCount) cores, a \(padded >> 20) MiB piece (\(size) bytes) in a \(sector) sector, best of \(rounds) curl runs each")
        let topologies = [
            (split: false, shared: false, name: "monolith (its own unsealed copy)"),
            (split: true, shared: true, name: "split, shared storage path (the runbook's)"),
            (split: true, shared: false, name: "split, no shared path (copy read over the mining node's /remote)"),
        ]
        for (split, shared, name) in topologies {
            let home = URL(fileURLWithPath: scratch).appendingPathComponent(UUID().uuidString.prefix(8).lowercased()).path
            let nodes = try await BenchNodes.start(
                home: home, blockTime: blockTime, sectorSize: sector, split: split, sharedStorage: shared, minerConfig: Self.retrievalConfig)
            defer {
                nodes.stop()
                if !keep { try? FileManager.default.removeItem(atPath: home) }
            }
            let (piece, data, sectorNumber) = try await dealForRetrieval(nodes, padded: padded, size: size)
            let url = "http://127.0.0.1:\(nodes.marketsAPIPort)/piece/\(piece)"
            // Once, to a file: the bytes must be the deal's.
            _ = try await Self.curl(url, to: home + "/retrieved")
            guard try await BenchNodes.run(URL(fileURLWithPath: "/usr/bin"), "cmp", [data, home + "/retrieved"], [:]).isEmpty else {
                throw BenchError("the retrieved piece differs from the deal's data")
            }
            try? FileManager.default.removeItem(atPath: home + "/retrieved")

            // Ours and nginx's rounds alternate, so that a machine whose speed drifts during the run (a shared host)
            // moves both sides alike; each side's best round counts, and each pair's ratio is printed too.
            let server = try NginxFileServer.start(executable: nginx, file: data, prefix: home + "/nginx")
            defer { server.stop() }
            let pid = nodes.marketsPID
            let rss = PeakRSS(pid: pid)
            var ours = 0.0, theirs = 0.0
            var pairs: [String] = []
            for _ in 0..<rounds {
                let mine = try await Self.curl(url, to: "/dev/null", expect: size)
                let nginxRate = try await Self.curl(server.url, to: "/dev/null", expect: size)
                ours = max(ours, mine)
                theirs = max(theirs, nginxRate)
                pairs.append(String(format: "%.2f", mine / nginxRate))
            }
            let peak = rss.stop()

            // Where the time goes: the same piece over HTTP/2 (h2c), and the mining node's raw sector file over
            // /remote (no unpadding, admin token).
            var h2 = 0.0
            for _ in 0..<rounds { h2 = max(h2, try await Self.curl(url, to: "/dev/null", expect: size, extra: ["--http2-prior-knowledge"])) }
            let token = try String(contentsOfFile: home + "/miner/token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let remote = "http://127.0.0.1:\(nodes.minerPort)/remote/unsealed/s-t01000-\(sectorNumber)"
            var raw = 0.0
            for _ in 0..<rounds {
                raw = max(raw, try await Self.curl(remote, to: "/dev/null", expect: padded, extra: ["-H", "Authorization: Bearer \(token)", "-r", "0-\(padded - 1)"]))
            }

            let mib = 1_048_576.0
            print(
                String(
                    format: "%@: /piece %.0f MiB/s, nginx (the same bytes from a file) %.0f MiB/s, ratio %.2f (goal ≥ 0.5); markets node RSS %llu MiB idle, peak %llu MiB while serving",
                    name, ours / mib, theirs / mib,
                    ours / theirs, rss.initial >> 20, peak >> 20))
            print("  each round's ratio, ours then nginx's in turn: \(pairs.joined(separator: ", "))")
            print(String(format: "  the same piece over h2c %.0f MiB/s; the mining node's padded sector file over /remote %.0f MiB/s", h2 / mib, raw / mib))
        }
    }

    /// An offline deal for `size` generated bytes in a piece of `padded` bytes, imported and handed off; returns the
    /// piece CID and the data file.
    func dealForRetrieval(_ nodes: BenchNodes, padded: UInt64, size: UInt64) async throws -> (CID, String, UInt64) {
        let session = try await DealSession.open(nodes)
        defer { session.close() }
        _ = try await session.markets.call(\.marketSetAsk, TokenAmount.zero, TokenAmount.zero, ChainEpoch(100_000), UInt64(256), padded)
        let data = nodes.home + "/piece.data"
        _ = FileManager.default.createFile(atPath: data, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: data))
        let builder = CommPBuilder(parallelism: ProcessInfo.processInfo.activeProcessorCount)
        var bytes = PatternBytes(size: size, seed: 7)
        while let chunk = bytes.next() {
            try handle.write(contentsOf: chunk)
            try builder.update(chunk)
        }
        try handle.close()
        let piece = try builder.finish().cid
        let head = try await session.chain.call(\.chainHead).height
        let proposal = DealProposal(
            pieceCID: piece, pieceSize: padded, client: session.wallet, provider: Address(id: 1000), label: "retrieval bench",
            startEpoch: head + 3000, endEpoch: head + 3000 + session.network.dealMinDuration + 100, storagePricePerEpoch: .zero,
            providerCollateral: .zero, clientCollateral: .zero)
        let signature = try await session.chain.call(\.walletSign, session.wallet, Base64Bytes(proposal.cborBytes))
        let ref = DataRef(transferType: DataRef.transferTypeManual, root: piece, pieceCID: piece, pieceSize: size)
        let answer = try await session.client.propose(
            DealProposalMessage(dealProposal: ClientDealProposal(proposal: proposal, clientSignature: signature), piece: ref, fastRetrieval: true),
            to: session.provider)
        guard answer.response.state == StorageDealStatus.waitingForData.rawValue else { throw BenchError("deal rejected: \(answer.response.message)") }
        let start = ContinuousClock.now
        _ = try await session.markets.call(\.dealsImportData, proposal.cid, data)
        let handedOff: Set<StorageDealStatus> = [.awaitingPreCommit, .sealing, .finalizing, .active]
        while true {
            guard let deal = try await session.markets.call(\.marketListIncompleteDeals).first(where: { $0.proposalCid == proposal.cid }) else {
                throw BenchError("the markets node lost deal \(proposal.cid)")
            }
            if deal.state == .error { throw BenchError("deal failed: \(deal.message)") }
            if handedOff.contains(deal.state) {
                print(String(format: "  deal imported, published and handed off in %.1f s", (ContinuousClock.now - start).seconds))
                return (piece, data, deal.sectorNumber)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// `curl` of `url` into `out`; the transfer rate in bytes/s (curl's `speed_download`), after checking the size.
    static func curl(_ url: String, to out: String, expect size: UInt64? = nil, extra: [String] = []) async throws -> Double {
        let answer = try await BenchNodes.run(
            URL(fileURLWithPath: "/usr/bin"), "curl", ["-sS", "--fail", "-o", out, "-w", "%{size_download} %{speed_download}"] + extra + [url], [:])
        let fields = answer.split(separator: " ").compactMap { Double($0) }
        guard fields.count == 2 else { throw BenchError("curl \(url): \(answer)") }
        if let size, UInt64(fields[0]) != size { throw BenchError("curl \(url) got \(Int(fields[0])) bytes, expected \(size)") }
        return fields[1]
    }
}
