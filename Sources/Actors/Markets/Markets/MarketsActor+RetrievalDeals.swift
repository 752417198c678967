import APICore
import Foundation
import Logging
import MarketsAPI
import Multiformats

/// Retrieval by data CID as deals: each request a client makes on the retrieval protocol is a
/// ``MarketsAPI/ProviderRetrievalDeal`` kept in the datastore — refused (with the reason), under way, then completed
/// or errored with the bytes sent — which `retrieval-deals list` and `info` read.
extension MarketsActor {
    /// Payload `payload` as its deal stored it (the first bytes of its piece, as many as the staged data had), as
    /// retrieval deal for `client`, recorded as under way.
    /// - Throws: ``APICore/RPCError`` with the reason a retrieval is not served; the deal is recorded as rejected (the
    ///   policy, an unknown payload) or errored (no copy could be read).
    public func retrieve(_ payload: CID, for client: String) async throws -> (deal: UInt64, size: UInt64, bytes: AsyncThrowingStream<[UInt8], any Error>) {
        var deal = ProviderRetrievalDeal(
            payloadCID: payload, id: try nextRetrievalDealID(), pieceCID: nil, status: .new, receiver: client, totalSent: 0, message: "")
        func refuse(_ status: RetrievalDealStatus, _ reason: String) -> RPCError {
            deal.status = status
            deal.message = reason
            if status != .rejected || admitRejectedRecord() {
                record(deal)
            } else {
                logger.debug("retrieval refused (not stored: the refused-request records are full)", metadata: ["client": "\(client)", "reason": "\(reason)"])
            }
            return RPCError(.methodError, reason)
        }
        guard let info = try pieces.payload(payload), let location = info.pieceBlockLocations.first else {
            throw refuse(.rejected, "payload \(payload) is not held by any deal of this provider")
        }
        deal.pieceCID = location.pieceCID
        if let refusal = await retrievalRefusal(piece: location.pieceCID) { throw refuse(.rejected, refusal) }
        let bytes: AsyncThrowingStream<[UInt8], any Error>
        do {
            let piece = try await locatePiece(location.pieceCID)
            let (end, overflow) = location.relOffset.addingReportingOverflow(location.blockSize)
            guard !overflow, end <= piece.unpaddedLength else { throw RPCError(.methodError, "payload \(payload) lies outside its piece") }
            bytes = try await pieceBytes(at: piece, start: location.relOffset, end: end)
        } catch {
            throw refuse(.errored, (error as? RPCError)?.message ?? "\(error)")
        }
        deal.status = .ongoing
        try retrievals.save(deal)
        logger.info("retrieval", metadata: ["deal": "\(deal.id)", "payload": "\(payload)", "client": "\(client)", "bytes": "\(location.blockSize)"])
        return (deal.id, location.blockSize, bytes)
    }

    /// Retrieval `id` of `client` ended after `sent` bytes: completed, or errored with `error`.
    public func retrievalEnded(_ id: UInt64, client: String, sent: UInt64, error: String?) async {
        do {
            guard var deal = try retrievals.deal(id, of: client) else { return }
            deal.totalSent = sent
            deal.status = error == nil ? .completed : .errored
            deal.message = error ?? ""
            try retrievals.save(deal)
        } catch {
            logger.error("cannot record the end of a retrieval", metadata: ["deal": "\(id)", "client": "\(client)", "error": "\(error)"])
        }
    }

    /// `MarketListRetrievalDeals`.
    public func listRetrievalDeals() async throws -> [ProviderRetrievalDeal] {
        try retrievals.all()
    }

    /// At start: a retrieval the node was serving when it stopped (kill -9 included) cannot go on — its client's
    /// stream is gone — so it is recorded as errored, with the bytes counted when it began.
    func endInterruptedRetrievals() {
        do {
            for var deal in try retrievals.all() where !deal.status.isFinal {
                deal.status = .errored
                deal.message = "the markets node stopped while the retrieval was under way"
                try retrievals.save(deal)
            }
        } catch {
            logger.error("cannot read the stored retrieval deals", metadata: ["error": "\(error)"])
        }
    }

    /// The next retrieval deal number: one more than any stored.
    private func nextRetrievalDealID() throws -> UInt64 {
        let next = try nextRetrievalID ?? retrievals.all().map(\.id).max().map { $0 &+ 1 } ?? 0
        nextRetrievalID = next &+ 1
        return next
    }

    /// The most refused retrieval requests kept in the datastore. A peer that asks again and again for payloads this
    /// provider does not hold would otherwise grow the datastore without bound; past this the refusals are still
    /// answered (and logged at debug level), and served retrievals are always stored.
    static let maxRejectedRetrievalRecords = 10_000

    /// Whether one more refused request may be stored (and counts it if so).
    private func admitRejectedRecord() -> Bool {
        let stored = rejectedRetrievalRecords ?? ((try? retrievals.all().filter { $0.status == .rejected }.count) ?? 0)
        guard stored < Self.maxRejectedRetrievalRecords else {
            if stored == Self.maxRejectedRetrievalRecords {
                logger.warning("\(stored) refused retrieval requests are stored; further ones are answered but not stored")
            }
            rejectedRetrievalRecords = Self.maxRejectedRetrievalRecords + 1
            return false
        }
        rejectedRetrievalRecords = stored + 1
        return true
    }

    /// Stores `deal`, logging rather than failing when the datastore refuses (the client's answer matters more).
    private func record(_ deal: ProviderRetrievalDeal) {
        do {
            try retrievals.save(deal)
        } catch {
            logger.error("cannot record a retrieval deal", metadata: ["deal": "\(deal.id)", "error": "\(error)"])
        }
    }
}
