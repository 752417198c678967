import Multiformats
import Sealing
import SealingAPI
import Testing

/// The sealing pipeline's transitions, edge by edge, as Lotus's fsm.go has them.
@Suite("Sector state machine")
struct SectorStateMachineTests {
    static let commD = CID(codec: .raw, multihash: .identity([1]))
    static let commR = CID(codec: .raw, multihash: .identity([2]))
    static let piece = SectorPiece(size: 2048, pieceCID: CID(codec: .raw, multihash: .identity([3])))

    /// Applies `events` in order from a new sector.
    static func run(_ events: [SectorEvent], policy: SectorStateMachine.Policy = .init()) throws -> SectorRecord {
        var record = SectorRecord(number: 1, sealProof: 5)
        for (index, event) in events.enumerated() {
            record = try SectorStateMachine.apply(event, to: record, policy: policy, timestamp: UInt64(index))
        }
        return record
    }

    static let happyCC: [SectorEvent] = [
        .startCC, .packed(fillers: [piece]), .ticket([7], epoch: 10), .preCommit1Done, .preCommit2Done(commD: commD, commR: commR),
        .preCommitSubmitted(commD), .preCommitLanded(epoch: 12), .seed([9], epoch: 22), .proofReady([1, 2, 3]),
        .commitSubmitted(commR), .proven, .finalized,
    ]

    @Test("a CC sector goes Packing → … → Proving and keeps what each step produced")
    func happyPath() throws {
        var states: [SectorState] = []
        var record = SectorRecord(number: 1, sealProof: 5)
        for (index, event) in Self.happyCC.enumerated() {
            record = try SectorStateMachine.apply(event, to: record, timestamp: UInt64(index))
            states.append(record.state)
        }
        #expect(states == [
            .packing, .getTicket, .preCommit1, .preCommit2, .preCommitting, .preCommitWait, .waitSeed, .committing, .submitCommit,
            .commitWait, .finalizeSector, .proving,
        ])
        #expect(record.pieces == [Self.piece])
        #expect(record.ticket == [7] && record.ticketEpoch == 10)
        #expect(record.commD == Self.commD && record.commR == Self.commR)
        #expect(record.preCommitEpoch == 12 && record.seedEpoch == 22 && record.proof == [1, 2, 3])
        #expect(record.log.map(\.kind).first == "event;SectorStartCC")
        #expect(record.log.count == Self.happyCC.count)
    }

    @Test("batching and aggregation take the batch states")
    func batchedPath() throws {
        let policy = SectorStateMachine.Policy(batchPreCommits: true, aggregateCommits: true)
        let record = try Self.run(Array(Self.happyCC.prefix(6)), policy: policy)
        #expect(record.state == .preCommitBatchWait)
        let committed = try Self.run(Array(Self.happyCC.prefix(10)), policy: policy)
        #expect(committed.state == .commitAggregateWait)
    }

    @Test("deal sectors wait for pieces, then pack")
    func dealPath() throws {
        let record = try Self.run([.startDeals, .addPiece, .pieceAdded([Self.piece]), .addPiece, .addPieceFailed("disk full"), .retry, .startPacking])
        #expect(record.state == .packing)
        #expect(record.pieces == [Self.piece])
        #expect(record.log.map(\.kind).contains("event;SectorAddPieceFailed"))
    }

    @Test("failures keep their reason and retry along Lotus's edges; a message that failed on chain is sent again")
    func failuresAndRetries() throws {
        let pc1 = try Self.run([.startCC, .packed(fillers: []), .ticket([1], epoch: 1), .preCommit1Failed("out of memory")])
        #expect(pc1.state == .sealPreCommit1Failed)
        #expect(pc1.lastError == "out of memory")
        #expect(try SectorStateMachine.apply(.retry, to: pc1, timestamp: 0).state == .preCommit1)

        var precommit = try Self.run(Array(Self.happyCC.prefix(6)) + [.preCommitFailed("insufficient funds")])
        #expect(precommit.state == .preCommitFailed)
        #expect(precommit.preCommitMessage == nil, "the failed message is forgotten")
        precommit = try SectorStateMachine.apply(.retry, to: precommit, timestamp: 0)
        #expect(precommit.state == .preCommitting)
        #expect(precommit.retries == 1)

        let commit = try Self.run(Array(Self.happyCC.prefix(9)) + [.commitFailed("invalid proof")])
        #expect(try SectorStateMachine.apply(.retry, to: commit, timestamp: 0).state == .committing)
        let proof = try Self.run(Array(Self.happyCC.prefix(8)) + [.computeProofFailed("file gone")])
        #expect(try SectorStateMachine.apply(.retry, to: proof, timestamp: 0).state == .committing)
    }

    @Test("too many retries give the sector up; fatal errors at any state too")
    func givingUp() throws {
        var record = try Self.run([.startCC, .packed(fillers: []), .ticket([1], epoch: 1), .preCommit1Failed("boom")])
        let policy = SectorStateMachine.Policy(maxRetries: 2)
        for _ in 0..<2 {
            record = try SectorStateMachine.apply(.retry, to: record, policy: policy, timestamp: 0)
            record = try SectorStateMachine.apply(.preCommit1Failed("boom"), to: record, policy: policy, timestamp: 0)
        }
        #expect(try SectorStateMachine.apply(.retry, to: record, policy: policy, timestamp: 0).state == .failedUnrecoverable)
        #expect(try Self.run([.startCC, .fatal("sector size mismatch")]).state == .failedUnrecoverable)
    }

    @Test("events that do not apply are refused and change nothing")
    func refusals() throws {
        let record = try Self.run([.startCC])
        #expect(throws: SectorStateMachine.RefusedTransition.self) { try SectorStateMachine.apply(.proven, to: record, timestamp: 0) }
        #expect(throws: SectorStateMachine.RefusedTransition.self) { try SectorStateMachine.apply(.startCC, to: record, timestamp: 0) }
        let proving = try Self.run(Self.happyCC)
        #expect(throws: SectorStateMachine.RefusedTransition.self) { try SectorStateMachine.apply(.retry, to: proving, timestamp: 0) }
        let removed = try Self.run([.startCC, .remove, .removed])
        #expect(removed.state == .removed)
        #expect(throws: SectorStateMachine.RefusedTransition.self) { try SectorStateMachine.apply(.remove, to: removed, timestamp: 0) }
    }

    @Test("faults: a proving sector turns faulty, is reported, and recovers")
    func faults() throws {
        let record = try Self.run(Self.happyCC + [.faulty, .faultReported, .faultRecovered])
        #expect(record.state == .proving)
    }

    @Test("every state has a bucket for the summary")
    func buckets() {
        #expect(SectorState.waitDeals.bucket == .staging)
        #expect(SectorState.waitSeed.bucket == .sealing)
        #expect(SectorState.proving.bucket == .proving)
        #expect(SectorState.commitFailed.bucket == .failed)
        #expect(Set(SectorState.all.map(\.rawValue)).count == SectorState.all.count)
    }
}
