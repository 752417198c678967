import APICore
import ClientAPI
import Foundation
import Logging
import Multiformats
import StorageMarket

/// Online deals: once the provider waits for the data, the client pushes the imported CAR (this build's push protocol
/// in place of graphsync), resuming where the provider stopped; after a restart the daemon pushes again the deals
/// that still wait for their data.
extension ClientActor {
    /// The import whose data CID is `root`, from `<LOTUS_PATH>/imports`.
    /// - Throws: ``APICore/RPCError`` when nothing was imported with that root (`lotus client import FILE` first).
    func importRecord(root: CID) throws -> ImportRecord {
        guard let importsPath else { throw RPCError(.methodError, "this daemon keeps no imports; an online deal needs `lotus client import` first") }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: importsPath)) ?? []
        for name in names.sorted() where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: "\(importsPath)/\(name)"),
                let record = try? JSONDecoder().decode(ImportRecord.self, from: data), record.root == root
            else { continue }
            return record
        }
        throw RPCError(.methodError, "no import has data CID \(root): `lotus client import FILE` keeps a file's CAR for an online deal")
    }

    /// Pushes deal `cid`'s CAR in the background (once at a time per deal).
    func startPush(_ cid: CID) {
        guard pushing.insert(cid.description).inserted else { return }
        Task { [weak self] in
            await self?.push(cid)
            await self?.pushEnded(cid)
        }
    }

    private func pushEnded(_ cid: CID) { pushing.remove(cid.description) }

    /// The deals that still wait for their data after a restart are pushed again, from where the provider stopped.
    func resumePushes() {
        for deal in (try? deals.all()) ?? [] where deal.state == .waitingForData && !deal.dataRef.isOffline {
            startPush(deal.proposalCid)
        }
    }

    private func push(_ cid: CID) async {
        guard var deal = try? deals.deal(cid) else { return }
        do {
            let record = try importRecord(root: deal.dataRef.root)
            let provider = try PeerID(deal.miner)
            let held = try await network.push(cid, to: provider, file: record.car)
            deal.message = "data sent: \(held) bytes"
            try deals.save(deal)
            logger.info("deal data sent", metadata: ["proposal": "\(cid)", "bytes": "\(held)"])
        } catch {
            // The deal stays waiting for its data; the next restart, or the next status refresh, tries again.
            deal.message = "sending the data failed: \(Self.reason(error))"
            try? deals.save(deal)
            logger.warning("deal data push failed", metadata: ["proposal": "\(cid)", "error": "\(error)"])
        }
    }
}
