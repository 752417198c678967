import APICore
import SealingAPI

/// The sealing pipeline's transitions, all in one place (Lotus `storage/pipeline/fsm.go`): which event a sector may
/// take in which state, where it goes, and what the event records. A pure function over values, so every edge is
/// tested without a chain or files; the pipeline persists the result before it acts on it.
public enum SectorStateMachine {
    /// How the pipeline sends its messages, which picks the pre-commit and commit paths.
    public struct Policy: Sendable, Equatable {
        /// `[Sealing] BatchPreCommits`: PreCommitSectorBatch instead of one PreCommitSector per sector.
        public var batchPreCommits: Bool
        /// `[Sealing] AggregateCommits`: ProveCommitAggregate instead of one ProveCommitSector per sector.
        public var aggregateCommits: Bool
        /// How many times a failed step is retried before the sector is given up.
        public var maxRetries: Int

        public init(batchPreCommits: Bool = false, aggregateCommits: Bool = false, maxRetries: Int = 10) {
            self.batchPreCommits = batchPreCommits
            self.aggregateCommits = aggregateCommits
            self.maxRetries = maxRetries
        }
    }

    /// Why an event cannot be taken.
    public struct RefusedTransition: Error, Equatable, CustomStringConvertible {
        public var state: SectorState
        public var event: String
        public var description: String { "sector in state \(state) cannot take event \(event)" }
    }

    /// `record` after `event` at `timestamp` (Unix seconds): the new state, the data the event carries, a log line.
    /// - Throws: ``RefusedTransition`` when the event does not apply in the record's state (the record is unchanged).
    public static func apply(_ event: SectorEvent, to record: SectorRecord, policy: Policy = Policy(), timestamp: UInt64) throws -> SectorRecord {
        var next = record
        next.state = try target(of: event, from: record, policy: policy)
        switch event {
        case .pieceAdded(let pieces): next.pieces += pieces
        case .packed(let fillers): next.pieces += fillers
        case .ticket(let ticket, let epoch): (next.ticket, next.ticketEpoch) = (ticket, epoch)
        case .preCommit2Done(let commD, let commR): (next.commD, next.commR) = (commD, commR)
        case .preCommitSubmitted(let message): next.preCommitMessage = message
        case .preCommitLanded(let epoch): next.preCommitEpoch = epoch
        case .seed(let seed, let epoch): (next.seed, next.seedEpoch) = (seed, epoch)
        case .proofReady(let proof): next.proof = proof
        case .commitSubmitted(let message): next.commitMessage = message
        case .preCommitFailed:
            // A message that failed on chain is forgotten, so the retry sends a new one.
            next.preCommitMessage = nil
        case .commitFailed:
            next.commitMessage = nil
        default: break
        }
        if let failure = event.failure {
            next.lastError = failure
        } else if event == .retry {
            next.retries += 1
        } else {
            (next.lastError, next.retries) = ("", 0)
        }
        next.log.append(SectorLogEntry(kind: "event;\(event.name)", timestamp: timestamp, message: event.failure ?? ""))
        if next.log.count > 200 { next.log.removeFirst(next.log.count - 200) }
        return next
    }

    /// The state `event` leads to from `record.state`.
    /// - Throws: ``RefusedTransition``.
    static func target(of event: SectorEvent, from record: SectorRecord, policy: Policy) throws -> SectorState {
        let state = record.state
        let refused = RefusedTransition(state: state, event: event.name)
        switch (state, event) {
        // Any state: give up, remove.
        case (_, .fatal): return .failedUnrecoverable
        case (_, .retry) where record.retries >= policy.maxRetries: return .failedUnrecoverable
        case (.removed, _), (.removing, .remove): throw refused
        case (_, .remove): return .removing
        case (.removing, .removed): return .removed
        case (.removing, .removeFailed): return .removeFailed
        case (.removeFailed, .retry): return .removing

        // Staging.
        case (.undefined, .startCC): return .packing
        case (.undefined, .startDeals): return .waitDeals
        case (.waitDeals, .addPiece): return .addPiece
        case (.addPiece, .pieceAdded): return .waitDeals
        case (.addPiece, .addPieceFailed): return .addPieceFailed
        case (.addPieceFailed, .retry): return .waitDeals
        case (.waitDeals, .startPacking): return .packing

        // Sealing.
        case (.packing, .packed): return .getTicket
        case (.getTicket, .ticket): return .preCommit1
        case (.preCommit1, .preCommit1Done): return .preCommit2
        case (.preCommit1, .preCommit1Failed): return .sealPreCommit1Failed
        case (.sealPreCommit1Failed, .retry): return .preCommit1
        case (.preCommit2, .preCommit2Done): return policy.batchPreCommits ? .submitPreCommitBatch : .preCommitting
        case (.preCommit2, .preCommit2Failed): return .sealPreCommit2Failed
        case (.sealPreCommit2Failed, .retry): return .preCommit1
        case (.preCommitting, .preCommitSubmitted): return .preCommitWait
        case (.submitPreCommitBatch, .preCommitSubmitted): return .preCommitBatchWait
        case (.preCommitWait, .preCommitLanded), (.preCommitBatchWait, .preCommitLanded): return .waitSeed
        // Found on chain before sending (a crash after the push): no second message.
        case (.preCommitting, .preCommitLanded), (.submitPreCommitBatch, .preCommitLanded): return .waitSeed
        case (.preCommitting, .preCommitFailed), (.preCommitWait, .preCommitFailed), (.submitPreCommitBatch, .preCommitFailed),
            (.preCommitBatchWait, .preCommitFailed):
            return .preCommitFailed
        case (.preCommitFailed, .retry):
            // A pushed message is waited for again; else the pre-commit is sent again (a new ticket if it got old).
            return record.preCommitMessage == nil ? (policy.batchPreCommits ? .submitPreCommitBatch : .preCommitting) : .preCommitWait
        case (.waitSeed, .seed): return .committing
        case (.committing, .proofReady): return policy.aggregateCommits ? .submitCommitAggregate : .submitCommit
        case (.committing, .computeProofFailed): return .computeProofFailed
        case (.computeProofFailed, .retry): return .committing
        case (.submitCommit, .commitSubmitted): return .commitWait
        case (.submitCommitAggregate, .commitSubmitted): return .commitAggregateWait
        case (.commitWait, .proven), (.commitAggregateWait, .proven): return .finalizeSector
        case (.submitCommit, .proven), (.submitCommitAggregate, .proven): return .finalizeSector
        case (.submitCommit, .commitFailed), (.commitWait, .commitFailed), (.submitCommitAggregate, .commitFailed),
            (.commitAggregateWait, .commitFailed):
            return .commitFailed
        case (.commitFailed, .retry): return record.commitMessage == nil ? .committing : .commitWait
        case (.finalizeSector, .finalized): return .proving
        case (.finalizeSector, .finalizeFailed): return .finalizeFailed
        case (.finalizeFailed, .retry): return .finalizeSector

        // Proving and faults.
        case (.proving, .faulty): return .faulty
        case (.faulty, .faultReported): return .faultReported
        case (.faulty, .faultRecovered), (.faultReported, .faultRecovered): return .proving

        default: throw refused
        }
    }
}
